import { z } from 'zod';
import corpus from '../../../data/small-talk.json' with { type: 'json' };
import type { Lang } from '../faq/entry.js';
import { createFaqIndex } from '../faq/matcher.js';

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
  /** An answer in `lang` when the text is confidently small talk, else undefined. */
  reply(text: string, lang: Lang): string | undefined;
}

/** Builds the small-talk index from the team's bilingual corpus (data/small-talk.json). */
export function createSmallTalk(): SmallTalk {
  const intents = SmallTalkCorpus.parse(corpus);
  const byId = new Map(intents.map((intent) => [intent.id, intent]));
  const index = createFaqIndex(
    intents.map((intent) => ({ id: intent.id, questions: [...intent.questions.zh, ...intent.questions.en] })),
  );
  return {
    reply(text, lang) {
      const match = index.match(text);
      if (match.band !== 'answer' || !match.best) return undefined;
      const answers = byId.get(match.best.id)?.answers[lang] ?? [];
      // Vary the wording without randomness, so a given message always gets the same reply.
      return answers[hash(text) % answers.length];
    },
  };
}

const hash = (text: string) => [...text].reduce((h, ch) => (h * 31 + ch.codePointAt(0)!) >>> 0, 7);
