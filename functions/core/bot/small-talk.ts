import * as z from 'zod';
import corpus from '../../../data/small-talk.json' with { type: 'json' };
import type { Lang } from '../faq/entry.js';
import { createFaqIndex } from '../faq/matcher.js';
import { normalizeText } from '../faq/normalize.js';
import { plainWords } from './reply-words.js';

const perLang = <T extends z.ZodType>(item: T) =>
  z.object({ zh: z.array(item).min(1), en: z.array(item).min(1) });
const SmallTalkCorpus = z.array(
  z.object({
    id: z.string().min(1),
    questions: perLang(z.string().min(1)),
    answers: perLang(z.string().min(1)),
    /** Out-of-scope subjects: the reply says so honestly and offers a person. */
    offerHuman: z.boolean().optional(),
  }),
);

/** Polite answers to chit-chat, matched with the FAQ engine on an index of their own. */
export interface SmallTalk {
  /** An answer in `lang` with the match's confidence (1 for an exact phrasing) when the text is small talk. */
  reply(text: string, lang: Lang): SmallTalkReply | undefined;
  /**
   * An answer only when the text is a known phrasing, or made of several ("ok thanks", "好的谢谢", "hi, are you
   * there?"): sure enough to come before the FAQ, which would otherwise match "好的" to some entry.
   */
  sure(text: string, lang: Lang): SmallTalkReply | undefined;
  /** The answer of one intent (an id of data/small-talk.json), for subjects recognised by rule. */
  about(id: string, text: string, lang: Lang): SmallTalkReply | undefined;
}

/** A small-talk answer; `offerHuman` for subjects the shop cannot help with. */
export interface SmallTalkReply {
  text: string;
  score: number;
  offerHuman: boolean;
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
      exact.set(exactKey(longForm(question)), intent.id);
  }
  const phrases = new Map<string, string>();
  for (const intent of intents) {
    for (const question of [...intent.questions.zh, ...intent.questions.en])
      phrases.set(plainWords(longForm(question)), intent.id);
  }
  const answer = (id: string | undefined, text: string, lang: Lang, score: number) => {
    const intent = id ? byId.get(id) : undefined;
    if (!intent) return undefined;
    const answers = intent.answers[lang];
    // Vary the wording without randomness, so a given message always gets the same reply.
    const reply = answers[hash(text) % answers.length]!;
    return { text: reply, score, offerHuman: intent.offerHuman ?? false };
  };
  const index = createFaqIndex(
    intents.map((intent) => ({ id: intent.id, questions: [...intent.questions.zh, ...intent.questions.en] })),
  );
  return {
    reply(text, lang) {
      const exactId = exact.get(exactKey(longForm(text)));
      const match = exactId ? undefined : index.match(text);
      const id = exactId ?? (match?.band === 'answer' ? match.best?.id : undefined);
      return answer(id, text, lang, match?.best?.score ?? 1);
    },
    sure(text, lang) {
      const long = longForm(text);
      const id = exact.get(exactKey(long)) ?? composedOf(plainWords(long), phrases);
      return answer(id, text, lang, 1);
    },
    about: (id, text, lang) => answer(id, text, lang, 1),
  };
}

/** The intent of the last phrase when the whole text splits into known phrases, word by word or character by character. */
function composedOf(text: string, phrases: Map<string, string>): string | undefined {
  if (!text || text.length > 40) return undefined;
  const whole = phrases.get(text);
  if (whole) return whole;
  const spaced = text.includes(' ');
  for (let cut = text.length - 1; cut > 0; cut--) {
    if (spaced && text[cut] !== ' ') continue;
    const last = phrases.get(text.slice(cut).trim());
    if (last && composedOf(text.slice(0, cut).trim(), phrases)) return last;
  }
  return undefined;
}

// English contractions in their long form, on the phrasings and the messages alike: "what is your name" is the
// phrasing "what's your name" (a possessive 's becomes "is" on both sides, which costs nothing to exact matches).
const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ' is'],
];
const longForm = (text: string) =>
  CONTRACTIONS.reduce(
    (long, [short, full]) => long.replace(short, full),
    text.toLowerCase().replace(/[’‘`]/g, "'"),
  );
const exactKey = (text: string) => normalizeText(text) || text.replace(/\s+/g, '');
const hash = (text: string) => [...text].reduce((h, ch) => (h * 31 + ch.codePointAt(0)!) >>> 0, 7);
