import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type AgentRouteDeps, agentRoutes } from './agent-routes.js';
import { handleError, HttpError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { pageRoutes } from './pages.js';
import { type WebRouteDeps, webRoutes } from './web-routes.js';

/** Everything the HTTP app needs; built once per process (local server or Lambda cold start). */
export type AppDeps = WebRouteDeps & AgentRouteDeps & { uiDir: string };

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
  app.route('/web', webRoutes(deps));
  app.route('/agent', agentRoutes(deps));
  app.route('/', pageRoutes(deps.uiDir));
  return app;
}
