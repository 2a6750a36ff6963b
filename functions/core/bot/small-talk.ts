import * as z from 'zod';
import corpus from '../../../data/small-talk.json' with { type: 'json' };
import type { Lang } from '../faq/entry.js';
import { createFaqIndex } from '../faq/matcher.js';
import { normalizeText } from '../faq/normalize.js';

const perLang = <T extends z.ZodType>(item: T) =>
  z.object({ zh: z.array(item).min(1), en: z.array(item).min(1) });
const SmallTalkCorpus = z.array(
  z.object({
    id: z.string().min(1),
    questions: perLang(z.string().min(1)),
    answers: perLang(z.string().min(1)),
  }),
);

/** Polite answers to chit-chat, matched with the FAQ engine on an index of their own. */
export interface SmallTalk {
  /** An answer in `lang` with the match's confidence (1 for an exact phrasing) when the text is small talk. */
  reply(text: string, lang: Lang): { text: string; score: number } | undefined;
}

/** Builds the small-talk index from the team's bilingual corpus (data/small-talk.json). */
export function createSmallTalk(): SmallTalk {
  const intents = SmallTalkCorpus.parse(corpus);
  const byId = new Map(intents.map((intent) => [intent.id, intent]));
  // Exact phrasings first: many chit-chat messages ("在吗", "are you there", "👍") are made only of words a
  // retrieval index ignores as stop words or strips as symbols.
  const exact = new Map<string, string>();
  for (const intent of intents) {
    for (const question of [...intent.questions.zh, ...intent.questions.en])
      exact.set(exactKey(question), intent.id);
  }
  const index = createFaqIndex(
    intents.map((intent) => ({ id: intent.id, questions: [...intent.questions.zh, ...intent.questions.en] })),
  );
  return {
    reply(text, lang) {
      const exactId = exact.get(exactKey(text));
      const match = exactId ? undefined : index.match(text);
      const id = exactId ?? (match?.band === 'answer' ? match.best?.id : undefined);
      if (!id) return undefined;
      const answers = byId.get(id)?.answers[lang] ?? [];
      // Vary the wording without randomness, so a given message always gets the same reply.
      const answer = answers[hash(text) % answers.length];
      return answer ? { text: answer, score: match?.best?.score ?? 1 } : undefined;
    },
  };
}

const exactKey = (text: string) => normalizeText(text) || text.replace(/\s+/g, '');
const hash = (text: string) => [...text].reduce((h, ch) => (h * 31 + ch.codePointAt(0)!) >>> 0, 7);
