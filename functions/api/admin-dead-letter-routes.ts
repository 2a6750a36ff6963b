import { Hono } from 'hono';
import * as z from 'zod';
import { DEAD_LETTER_QUEUES, type DeadLetters } from '../core/dead-letters.js';
import type { AdminEnv } from './admin-routes.js';
import { HttpError } from './errors.js';

/** What the dead-letter routes need; `deadLetters` is absent where the DLQ URLs are not configured. */
export interface DeadLetterRouteDeps {
  deadLetters?: DeadLetters;
}

/** Body of a redrive: the message ids to move back, or none for all. */
export const RedriveRequest = z
  .object({ ids: z.array(z.string().min(1)).min(1).max(1000).optional() })
  .strict();

const QueueName = z.enum(DEAD_LETTER_QUEUES);

/** The bodies of these routes, for /openapi.json. */
export const DeadLetterSchemas = {
  Redrive: RedriveRequest,
  Redriven: z.object({ redriven: z.number().int() }),
  DeadLetterCounts: z.object({ queues: z.array(z.object({ name: QueueName, count: z.number().int() })) }),
  DeadLetterList: z.object({
    messages: z.array(
      z.object({
        id: z.string(),
        body: z.string(),
        reason: z.string().optional(),
        attempts: z.number().int(),
        failedAt: z.number().optional(),
      }),
    ),
  }),
};

/** `/admin/dead-letters` (docs/admin-api.md, "Dead letters"): counts, the messages of a queue, redrive. */
export function deadLetterRoutes(deps: DeadLetterRouteDeps) {
  const app = new Hono<AdminEnv>();
  const deadLetters = () => {
    if (!deps.deadLetters)
      throw new HttpError(
        503,
        'not_configured',
        'the dead-letter queues are not configured (FRONTDESK_*_DLQ_URL)',
      );
    return deps.deadLetters;
  };
  const queue = (name: string) => {
    const parsed = QueueName.safeParse(name);
    if (!parsed.success)
      throw new HttpError(
        404,
        'not_found',
        `no queue "${name}"; the queues are ${DEAD_LETTER_QUEUES.join(', ')}`,
      );
    return parsed.data;
  };

  app.get('/', async (c) => c.json({ queues: await deadLetters().counts() }));
  app.get('/:queue', async (c) =>
    c.json({ messages: await deadLetters().list(queue(c.req.param('queue'))) }),
  );
  app.post('/:queue/redrive', async (c) => {
    const name = queue(c.req.param('queue'));
    const text = await c.req.text();
    const { ids } = RedriveRequest.parse(text.trim() === '' ? {} : JSON.parse(text));
    return c.json({ redriven: await deadLetters().redrive(name, ids) });
  });
  return app;
}
