import { Hono } from 'hono';
import { DateTime } from 'luxon';
import * as z from 'zod';
import { FaqEntry } from '../core/faq/entry.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import { clusterQuestions, type UnansweredReason } from '../core/faq/unanswered-clusters.js';
import type { Insights } from '../core/insights.js';
import type { HiddenQuestions } from '../core/unanswered-hidden.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';
import { faqWrite } from './admin-http.js';
import { HttpError } from './errors.js';

/** What the unanswered inbox needs. */
export interface AdminUnansweredDeps {
  insights: Insights;
  hiddenQuestions: HiddenQuestions;
  faqStore: FaqStore;
  faq: LiveFaq;
  /** The reports' time zone: the inbox counts days as the reports do. */
  reports: { timeZone(): Promise<string> };
  clock: () => Date;
}

// Insights files questions under their UTC day; a range is read one day at a time, so it is kept short.
const MAX_DAYS = 92;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** The questions the bot could not answer, grouped by need, and the three ways to deal with a group. */
export function adminUnansweredRoutes(deps: AdminUnansweredDeps) {
  const app = new Hono<AdminEnv>();
  const saved = async (entry: FaqEntry, questions: string[]) => {
    await faqWrite(() => deps.faqStore.put(entry));
    deps.faq.invalidate();
    await deps.hiddenQuestions.hide(questions);
    return { entry, version: await deps.faqStore.version() };
  };

  app.get('/', async (c) => {
    const range = dayRange(c.req.query(), deps.clock(), await deps.reports.timeZone());
    const [recorded, hidden] = await Promise.all([
      Promise.all(range.utcDays.map((day) => deps.insights.unanswered(day))),
      deps.hiddenQuestions.filter(),
    ]);
    const questions = recorded
      .flat()
      .filter((q) => q.at >= range.start && q.at < range.end && !hidden(q.text))
      .map(({ text, channel, at, ...rest }) => ({ text, channel, at, reason: reasonOf(rest) }));
    const clusters = await Promise.all(
      clusterQuestions(questions).map(async (cluster) => {
        const { best } = await deps.faq.match(cluster.label);
        const entry = best && (await deps.faq.entry(best.id));
        const suggestion = entry && { id: entry.id, question: entry.questions[0], score: best.score };
        return { ...cluster, ...(suggestion && { suggestion }) };
      }),
    );
    return c.json({ clusters });
  });

  app.post('/attach', async (c) => {
    const { entryId, questions } = AdminSchemas.UnansweredAttach.parse(await c.req.json());
    const existing = await deps.faqStore.get(entryId);
    if (!existing) throw new HttpError(404, 'not_found', `no FAQ entry ${entryId}`);
    const fresh = questions.filter((q) => !existing.questions.includes(q));
    const entry = FaqEntry.parse({ ...existing, questions: [...existing.questions, ...fresh] });
    return c.json(await saved(entry, questions));
  });

  app.post('/create', async (c) => {
    const { questions, ...rest } = AdminSchemas.UnansweredCreate.parse(await c.req.json());
    const entry = FaqEntry.parse({ ...rest, questions: [...new Set(questions)] });
    if (await deps.faqStore.get(entry.id))
      throw new HttpError(409, 'exists', `entry ${entry.id} exists already`);
    return c.json(await saved(entry, questions), 201);
  });

  app.post('/dismiss', async (c) => {
    const { questions } = AdminSchemas.UnansweredDismiss.parse(await c.req.json());
    await deps.hiddenQuestions.hide(questions);
    return c.json({ dismissed: questions.length });
  });

  return app;
}

/**
 * The days from `from` to `to` in `zone` (default: the last 7 days up to today), refusing ranges that are too long:
 * their bounds (epoch ms, end excluded) and the UTC days whose records they overlap.
 */
function dayRange(query: Record<string, string>, now: Date, zone: string) {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const { from, to } = z.object({ from: Day.optional(), to: Day.optional() }).parse(query);
  const last = to ? DateTime.fromISO(to, { zone }) : today;
  const first = from ? DateTime.fromISO(from, { zone }) : last.minus({ days: 6 });
  if (!first.isValid || !last.isValid)
    throw new HttpError(400, 'invalid_request', 'from and to must be real dates');
  const days = Math.round(last.diff(first, 'days').days) + 1;
  if (days < 1 || days > MAX_DAYS) {
    throw new HttpError(400, 'invalid_request', `from must come before to, at most ${MAX_DAYS} days apart`);
  }
  const start = first.toMillis();
  const end = last.plus({ days: 1 }).toMillis();
  const utcDay = (at: number) => DateTime.fromMillis(at, { zone: 'utc' }).startOf('day');
  const [firstUtc, lastUtc] = [utcDay(start), utcDay(end - 1)];
  const utcDays = Math.round(lastUtc.diff(firstUtc, 'days').days) + 1;
  const dates = Array.from({ length: utcDays }, (_, i) => firstUtc.plus({ days: i }).toFormat('yyyy-MM-dd'));
  return { start, end, utcDays: dates };
}

/** Questions recorded before reasons existed were all unanswered ones. */
function reasonOf(fields: object): UnansweredReason {
  const reason = (fields as { reason?: unknown }).reason;
  return reason === 'low' || reason === 'down' ? reason : 'none';
}
