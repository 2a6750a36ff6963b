import { Hono } from 'hono';
import type { FaqStore } from '../core/faq/faq-store.js';
import { createTermExplainer } from '../core/faq/faq-terms.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';

/** `POST /try`: the bot's verdict on a question, with the words that counted for the best entry. */
export function adminFaqTryRoutes(deps: { faqStore: FaqStore; faq: LiveFaq }) {
  const app = new Hono<AdminEnv>();
  // Weighing terms reads the whole FAQ; it is redone only when the FAQ's version moves.
  let explainer: { version: number; explain: ReturnType<typeof createTermExplainer>['explain'] } | undefined;
  const currentExplainer = async () => {
    const version = await deps.faqStore.version();
    if (explainer?.version !== version) {
      const snapshot = await deps.faqStore.snapshot();
      explainer = { version: snapshot.version, explain: createTermExplainer(snapshot.entries).explain };
    }
    return explainer.explain;
  };

  app.post('/try', async (c) => {
    const { text } = AdminSchemas.FaqTry.parse(await c.req.json());
    const match = await deps.faq.match(text);
    const firstQuestion = async (id: string) => (await deps.faq.entry(id))?.questions[0] ?? id;
    const suggestions = await Promise.all(
      match.suggestions.map(async ({ id, score }) => ({ id, score, question: await firstQuestion(id) })),
    );
    const entry = match.best && (await deps.faq.entry(match.best.id));
    if (!match.best || !entry) return c.json({ band: match.band, suggestions, terms: [] });
    const { terms, question } = (await currentExplainer())(text, entry.id);
    return c.json({
      band: match.band,
      best: { ...match.best, question: question ?? entry.questions[0], answer: entry.answer },
      suggestions,
      terms,
    });
  });

  return app;
}
