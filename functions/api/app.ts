import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { type DeadLetterRouteDeps, deadLetterRoutes } from './admin-dead-letter-routes.js';
import { type AdminAuthDeps, adminRoutes } from './admin-routes.js';
import { type AgentRouteDeps, agentRoutes } from './agent-routes.js';
import { handleError, HttpError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { pageRoutes } from './pages.js';
import { type WebRouteDeps, webRoutes } from './web-routes.js';
import { type WebhookRouteDeps, webhookRoutes } from './webhook-routes.js';

/** Everything the HTTP app needs; built once per process (local server or Lambda cold start). */
export type AppDeps = WebRouteDeps &
  AgentRouteDeps &
  WebhookRouteDeps &
  AdminAuthDeps &
  DeadLetterRouteDeps & { uiDir: string };

const MAX_BODY_BYTES = 64 * 1024;

/** The whole HTTP API as one Hono app: the same app runs on the local server and in Lambda. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.get('/health', (c) => c.json({ ok: true }));
  const openApi = openApiDocument();
  app.get('/openapi.json', (c) => c.json(openApi));
  // Pages first: the console lives at /agent, beside the agent API's /agent/... routes and their auth.
  app.route('/', pageRoutes(deps.uiDir));
  app.get('/agent/', (c) => c.redirect('/agent', 301));
  // The widget runs on customers' own sites and calls the web API from there; it sends no cookies.
  app.use('/web/*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], maxAge: 86_400 }));
  app.route('/web', webRoutes(deps));
  app.route('/agent', agentRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  app.route('/admin', adminRoutes(deps, { '/dead-letters': deadLetterRoutes(deps) }));
  return app;
}
