import { Hono } from 'hono';
import { FaqEntry } from '../core/faq/entry.js';
import type { FaqDrafts } from '../core/faq/faq-drafts.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';
import { faqWrite } from './admin-http.js';
import { HttpError } from './errors.js';

/** Agents' "Save as FAQ" drafts: list, publish (as a new entry or a phrasing of one), discard. */
export function adminFaqDraftRoutes(deps: {
  faqStore: FaqStore;
  faq: LiveFaq;
  faqDrafts: FaqDrafts;
  clock: () => Date;
}) {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json({ drafts: await deps.faqDrafts.list() }));

  app.post('/:id/publish', async (c) => {
    const draft = await deps.faqDrafts.get(c.req.param('id'));
    if (!draft) throw new HttpError(404, 'not_found', 'no such draft');
    const edit = AdminSchemas.DraftPublish.parse(await c.req.json().catch(() => ({})));
    const question = edit.question ?? draft.question;
    let entry: FaqEntry;
    if (edit.entryId) {
      const existing = await deps.faqStore.get(edit.entryId);
      if (!existing) throw new HttpError(404, 'not_found', `no FAQ entry ${edit.entryId}`);
      const questions = existing.questions.includes(question)
        ? existing.questions
        : [...existing.questions, question];
      entry = FaqEntry.parse({ ...existing, questions });
    } else {
      entry = FaqEntry.parse({
        id: `agent-${deps.clock().getTime().toString(36)}`,
        questions: [question],
        answer: edit.answer ?? draft.answer,
        ...(draft.lang && { lang: draft.lang }),
      });
    }
    await faqWrite(() => deps.faqStore.put(entry));
    await deps.faqDrafts.remove(draft.id);
    deps.faq.invalidate();
    return c.json({ entry, version: await deps.faqStore.version() });
  });

  app.delete('/:id', async (c) => {
    if (!(await deps.faqDrafts.remove(c.req.param('id'))))
      throw new HttpError(404, 'not_found', 'no such draft');
    return c.json({ ok: true });
  });

  return app;
}
