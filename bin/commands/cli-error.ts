/** An error the CLI prints as it is (no stack) before exiting with status 1: it tells the user what to do. */
export class CliError extends Error {
  override name = 'CliError';
}
