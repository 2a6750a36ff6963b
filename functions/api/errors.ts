import type { Context } from 'hono';
import { ZodError } from 'zod';

/** An error with an HTTP status and a stable code; its message is safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Maps every error to one terse JSON shape; details stay in the log, never in the response. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof HttpError)
    return c.json({ error: { code: error.code, message: error.message } }, error.status);
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return c.json({ error: { code: 'invalid_request', message } }, 400);
  }
  if (error.name === 'TicketConflictError') {
    return c.json({ error: { code: 'conflict', message: error.message } }, 409);
  }
  if (error instanceof SyntaxError)
    return c.json({ error: { code: 'invalid_json', message: 'body is not valid JSON' } }, 400);
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'unhandled',
      path: c.req.path,
      error: error.stack ?? String(error),
    }),
  );
  return c.json({ error: { code: 'internal', message: 'something went wrong; try again' } }, 500);
}
