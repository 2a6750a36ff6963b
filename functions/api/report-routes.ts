import { Hono } from 'hono';
import { DateTime } from 'luxon';
import * as z from 'zod';
import type { ConversationStore, TranscriptEntry } from '../core/conversations.js';
import type { Db } from '../core/db.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import { buildReport } from '../core/reports/report.js';
import { REPORT_TABLES, reportCsv } from '../core/reports/report-csv.js';
import type { ReportStore } from '../core/reports/report-store.js';
import { ticketsCreated } from '../core/reports/ticket-list.js';
import { transcriptFile } from '../core/reports/transcript-file.js';
import type { AdminEnv } from './admin-routes.js';
import { HttpError } from './errors.js';

/** What the report routes need. */
export interface ReportRouteDeps {
  clock: () => Date;
  db: Db;
  reports: ReportStore;
  conversations: ConversationStore;
  faq: LiveFaq;
  settings: { slaSeconds: number };
}

/** A report spans at most a year and a day: the day items of one range fit in a few batch reads. */
const MAX_DAYS = 366;
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Range = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });
const Export = Range.extend({ table: z.enum(REPORT_TABLES) });
const Format = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

/** The range asked for, in the stack's zone; by default the last 7 days up to today. */
async function rangeOf(deps: ReportRouteDeps, query: z.infer<typeof Range>) {
  const timeZone = await deps.reports.timeZone();
  const parse = (date: string) => DateTime.fromISO(date, { zone: timeZone });
  const to = query.to
    ? parse(query.to)
    : DateTime.fromJSDate(deps.clock(), { zone: timeZone }).startOf('day');
  const from = query.from ? parse(query.from) : to.minus({ days: 6 });
  if (!from.isValid || !to.isValid)
    throw new HttpError(400, 'invalid_request', 'from and to must be real dates');
  const days = to.diff(from, 'days').days + 1;
  if (days < 1) throw new HttpError(400, 'invalid_request', 'from must not be after to');
  if (days > MAX_DAYS) throw new HttpError(400, 'invalid_request', `a report spans at most ${MAX_DAYS} days`);
  return {
    from: from.toISODate()!,
    to: to.toISODate()!,
    timeZone,
    start: from.toMillis(),
    end: to.plus({ days: 1 }).toMillis(),
  };
}

/** The reports area of the admin API (docs/admin-api.md, "Reports"), as routers for adminRoutes. */
export function reportRouters(deps: ReportRouteDeps): Record<string, Hono<AdminEnv>> {
  const report = async (query: z.infer<typeof Range>) => {
    const range = await rangeOf(deps, query);
    const days = await deps.reports.days(range.from, range.to, deps.clock());
    const built = buildReport(days, { ...range, slaSeconds: deps.settings.slaSeconds });
    // An entry deleted since it was counted keeps its id as its name.
    for (const top of built.topFaq) top.question = (await deps.faq.entry(top.id))?.questions[0] ?? top.id;
    return { range, report: built };
  };

  const reports = new Hono<AdminEnv>();
  reports.get('/', async (c) => c.json((await report(Range.parse(c.req.query()))).report));
  reports.get('/export', async (c) => {
    const query = Export.parse(c.req.query());
    const { range, report: built } = await report(query);
    const tickets = query.table === 'tickets' ? await ticketsCreated(deps.db, range.start, range.end) : [];
    const name = `frontdesk-${query.table}-${range.from}-${range.to}.csv`;
    return c.body(reportCsv(built, query.table, tickets), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  const tickets = new Hono<AdminEnv>();
  tickets.get('/', async (c) => {
    const range = await rangeOf(deps, Range.parse(c.req.query()));
    return c.json({ tickets: await ticketsCreated(deps.db, range.start, range.end) });
  });

  const conversations = new Hono<AdminEnv>();
  conversations.get('/:key/transcript', async (c) => {
    const { format } = Format.parse(c.req.query());
    const key = c.req.param('key');
    const lines = await wholeTranscript(deps.conversations, key);
    if (lines.length === 0 && !(await deps.conversations.find(key)))
      throw new HttpError(404, 'not_found', `no conversation ${key}`);
    const file = transcriptFile(lines, format);
    return c.body(file, 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="transcript-${key.replace(/[^\w.-]+/g, '_')}.${format}"`,
    });
  });

  return { '/reports': reports, '/tickets': tickets, '/conversations': conversations };
}

/** Every line of a transcript, page by page. */
async function wholeTranscript(store: ConversationStore, key: string): Promise<TranscriptEntry[]> {
  const lines: TranscriptEntry[] = [];
  for (;;) {
    const page = await store.transcript(key, { after: lines.at(-1)?.cursor, limit: 200 });
    lines.push(...page);
    if (page.length < 200) return lines;
  }
}
