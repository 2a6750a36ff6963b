import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FaqFileError } from '../core/faq/faq-file.js';
import { HttpError } from './errors.js';

/** Routes that take a whole FAQ file: exempt from the app's 64 KB body limit, held to their own. */
export const LARGE_BODY_PATHS: ReadonlySet<string> = new Set(['/admin/faq/import', '/admin/tests/run']);

// A 10 MB file grows when it is quoted into a JSON string (escaped quotes, newlines); the file itself is checked
// against 10 MB again when parsed.
const LARGE_BODY_BYTES = 12 * 1024 * 1024;

/** The body limit of the routes in LARGE_BODY_PATHS. */
export const largeBodyLimit = bodyLimit({
  maxSize: LARGE_BODY_BYTES,
  onError: () => {
    throw new HttpError(413, 'too_large', 'the body is larger than the 10 MB file limit');
  },
});

/** A refused file in the one error style, with every line-numbered problem under `issues`. */
export function fileIssues(c: Context, message: string, errors: readonly FaqFileError[]) {
  const issues = errors
    .slice(0, 500)
    .map(({ line, message: text }) => ({ ...(line && { line }), message: text }));
  return c.json({ error: { code: 'invalid_file', message, issues } }, 400);
}

/** Runs an FAQ write, answering 409 when the FAQ changed underneath it (a concurrent import or edit). */
export async function faqWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name === 'FaqStoreConflictError') {
      throw new HttpError(409, 'conflict', error.message);
    }
    throw error;
  }
}
