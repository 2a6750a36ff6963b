import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

/**
 * Refuses a POST whose body is not declared JSON (415). A browser sends `text/plain`, form or body-less POSTs
 * cross-site without asking first (CORS "simple requests"); `application/json` needs a preflight, so no other site
 * can open conversations or post messages through a visitor's browser unasked.
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  await next();
};

type LambdaEnv = { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } };
type NodeEnv = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * The caller's address: API Gateway's source IP in Lambda (v2 HTTP API, or v1), the socket's peer on the local
 * server. Forwarded headers are never read: a client can write them itself. Undefined when neither is known
 * (`app.request` in tests).
 */
export function clientAddress(c: Context): string | undefined {
  const env = (c.env ?? {}) as LambdaEnv & NodeEnv;
  return (
    env.requestContext?.http?.sourceIp ??
    env.requestContext?.identity?.sourceIp ??
    env.incoming?.socket?.remoteAddress
  );
}
