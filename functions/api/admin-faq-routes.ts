import { Hono } from 'hono';
import * as z from 'zod';
import { FaqEntry } from '../core/faq/entry.js';
import { parseFaqFile, serializeFaqFile } from '../core/faq/faq-file.js';
import type { HistoryFaqStore } from '../core/faq/faq-history.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import { normalizeText } from '../core/faq/normalize.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';
import { faqWrite, fileIssues, largeBodyLimit } from './admin-http.js';
import { HttpError } from './errors.js';

/** What the FAQ routes need: the store (with its history) and the live FAQ, told of every write. */
export interface AdminFaqDeps {
  faqStore: HistoryFaqStore;
  faq: LiveFaq;
}

const ListQuery = z.object({
  q: z.string().optional(),
  tag: z.string().optional(),
  lang: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The FAQ's entries for admins: list, read, create, replace, delete, import and export. */
export function adminFaqRoutes(deps: AdminFaqDeps) {
  const app = new Hono<AdminEnv>();
  const written = async <T extends object>(result: T) => {
    deps.faq.invalidate();
    return { ...result, version: await deps.faqStore.version() };
  };

  app.get('/', async (c) => {
    const { q, tag, lang, cursor, limit } = ListQuery.parse(c.req.query());
    const { version, entries } = await deps.faqStore.snapshot();
    const needle = q && normalizeText(q);
    const matching = entries.filter(
      (entry) =>
        (!tag || entry.tags?.includes(tag)) &&
        (!lang || entry.lang === lang) &&
        (!needle || normalizeText([...entry.questions, entry.answer].join('\n')).includes(needle)),
    );
    // Entries come sorted by id, so the cursor is the last id of the previous page.
    const start = cursor === undefined ? 0 : matching.findIndex((entry) => entry.id > cursor);
    const page = start < 0 ? [] : matching.slice(start, start + limit);
    const more = start >= 0 && start + limit < matching.length;
    return c.json({
      entries: page,
      total: matching.length,
      ...(more && { nextCursor: page.at(-1)!.id }),
      version,
    });
  });

  app.post('/import', largeBodyLimit, async (c) => {
    const { content, format, mode } = AdminSchemas.FaqImport.parse(await c.req.json());
    const parsed = parseFaqFile(content, { format });
    if (!parsed.ok) return fileIssues(c, 'the file was not imported; nothing changed', parsed.errors);
    const { total } = await faqWrite(() => deps.faqStore.import(parsed.entries, { mode }));
    return c.json(await written({ entries: total }));
  });

  app.get('/export', async (c) => {
    const format = AdminSchemas.FaqFormat.default('jsonl').parse(c.req.query('format'));
    const { entries } = await deps.faqStore.snapshot();
    c.header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    c.header('content-disposition', `attachment; filename="faq.${format}"`);
    return c.body(serializeFaqFile(entries, format));
  });

  app.post('/', async (c) => {
    const entry = FaqEntry.parse(await c.req.json());
    if (await deps.faqStore.get(entry.id))
      throw new HttpError(409, 'exists', `entry ${entry.id} exists already`);
    await faqWrite(() => deps.faqStore.put(entry));
    return c.json(await written({ entry }), 201);
  });

  app.get('/:id', async (c) => {
    const entry = await deps.faqStore.get(c.req.param('id'));
    if (!entry) throw new HttpError(404, 'not_found', 'no such FAQ entry');
    return c.json({ entry });
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const entry = FaqEntry.parse({ ...AdminSchemas.FaqEntryBody.parse(await c.req.json()), id });
    if (!(await deps.faqStore.get(id))) throw new HttpError(404, 'not_found', 'no such FAQ entry');
    await faqWrite(() => deps.faqStore.put(entry));
    return c.json(await written({ entry }));
  });

  app.delete('/:id', async (c) => {
    const existed = await faqWrite(() => deps.faqStore.delete(c.req.param('id')));
    if (!existed) throw new HttpError(404, 'not_found', 'no such FAQ entry');
    return c.json(await written({}));
  });

  return app;
}
