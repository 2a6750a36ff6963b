import { Hono } from 'hono';
import { HoursConfigError, parseHoursConfig } from '../core/hours/hours-config.js';
import { previewHours } from '../core/hours/hours-preview.js';
import { ALWAYS_STAFFED_FILE, type HoursStore } from '../core/hours/hours-store.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';

/** The staffed hours: read with a preview, replace with the validation of `frontdesk hours set`. */
export function adminHoursRoutes(deps: { hours: HoursStore; clock: () => Date }) {
  const app = new Hono<AdminEnv>();
  const answer = (file: unknown) => ({ hours: file, ...previewHours(parseHoursConfig(file), deps.clock()) });

  // Without stored hours the bot treats every moment as staffed; say so with the file that means it.
  app.get('/', async (c) => c.json(answer((await deps.hours.file()) ?? ALWAYS_STAFFED_FILE)));

  app.put('/', async (c) => {
    const { hours } = AdminSchemas.HoursBody.parse(await c.req.json());
    try {
      await deps.hours.set(hours);
    } catch (error) {
      if (!(error instanceof HoursConfigError)) throw error;
      const issues = error.problems.map((message) => ({ message }));
      return c.json({ error: { code: 'invalid_hours', message: 'the hours were not applied', issues } }, 400);
    }
    return c.json(answer(hours));
  });

  return app;
}
