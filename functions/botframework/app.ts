import { Hono } from 'hono';
import { handleError } from '../api/errors.js';
import { type BotFrameworkRouteDeps, botFrameworkRoutes } from './routes.js';

/** The Bot Framework function's HTTP app: `/webhooks/botframework` only, with the API's error answers. */
export function createBotFrameworkApp(deps: BotFrameworkRouteDeps) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.route('/webhooks', botFrameworkRoutes(deps));
  return app;
}
