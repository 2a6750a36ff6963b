import { Hono } from 'hono';
import * as z from 'zod';
import { FaqHistoryError, type HistoryFaqStore } from '../core/faq/faq-history.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { AdminEnv } from './admin-routes.js';
import { faqWrite } from './admin-http.js';
import { HttpError } from './errors.js';

const Version = z.coerce.number().int().nonnegative();

/** The FAQ's last 20 versions: list, compare two, roll back to one (as a new version). */
export function adminFaqVersionRoutes(deps: { faqStore: HistoryFaqStore; faq: LiveFaq }) {
  const app = new Hono<AdminEnv>();
  const history = deps.faqStore.history;
  const reachable = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FaqHistoryError) throw new HttpError(404, 'not_found', error.message);
      throw error;
    }
  };

  app.get('/', async (c) => c.json({ versions: await history.versions() }));

  app.get('/diff', async (c) => {
    const { from, to } = z.object({ from: Version, to: Version }).parse(c.req.query());
    return c.json(await reachable(() => history.diff(from, to)));
  });

  app.post('/:version/rollback', async (c) => {
    const version = Version.parse(c.req.param('version'));
    const result = await reachable(() => faqWrite(() => history.rollback(version)));
    deps.faq.invalidate();
    return c.json(result);
  });

  return app;
}
