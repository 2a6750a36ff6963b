import { Hono } from 'hono';
import * as z from 'zod';
import { parseFaqFile } from '../core/faq/faq-file.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import { draftMatcher, runCases } from '../core/faq/regression-run.js';
import { parseCasesJsonl, RegressionCases, type RegressionSet } from '../core/faq/regression-set.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';
import { fileIssues, largeBodyLimit } from './admin-http.js';

/** What "test all" needs: the stored set, the live FAQ, and the matcher's configured bands for drafts. */
export interface AdminTestsDeps {
  regressionSet: RegressionSet;
  faqStore: FaqStore;
  faq: LiveFaq;
  settings: { answerThreshold?: number; suggestThreshold?: number };
}

/** The regression set ("test all"): read, replace, import JSONL, and run against the live FAQ or a draft import. */
export function adminTestsRoutes(deps: AdminTestsDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json({ cases: await deps.regressionSet.get() }));

  app.put('/', async (c) => {
    const { cases } = z.object({ cases: RegressionCases }).parse(await c.req.json());
    await deps.regressionSet.replace(cases);
    return c.json({ cases });
  });

  app.post('/import', async (c) => {
    const { content } = AdminSchemas.TestImport.parse(await c.req.json());
    const parsed = parseCasesJsonl(content);
    if (!parsed.ok) return fileIssues(c, 'the cases were not imported; nothing changed', parsed.errors);
    await deps.regressionSet.replace(parsed.cases);
    return c.json({ cases: parsed.cases });
  });

  app.post('/run', largeBodyLimit, async (c) => {
    const text = await c.req.text();
    const { draft } = AdminSchemas.TestRun.parse(text.trim() ? JSON.parse(text) : {});
    const cases = await deps.regressionSet.get();
    const live = (question: string) => deps.faq.match(question);
    if (!draft) return c.json(await runCases(cases, live));
    const parsed = parseFaqFile(draft.content, { format: draft.format });
    if (!parsed.ok) return fileIssues(c, 'the draft is not a valid FAQ file', parsed.errors);
    const { entries } = await deps.faqStore.snapshot();
    const { answerThreshold, suggestThreshold } = deps.settings;
    const config = {
      ...(answerThreshold !== undefined && { answerThreshold }),
      ...(suggestThreshold !== undefined && { suggestThreshold }),
    };
    return c.json(await runCases(cases, draftMatcher(entries, parsed.entries, draft.mode, config), live));
  });

  return app;
}
