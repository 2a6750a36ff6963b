import * as z from 'zod';
import lexicon from '../../../data/reply-words.json' with { type: 'json' };

/**
 * What a short reply to one of the bot's offers means, in natural words of either language (data/reply-words.json):
 * yes or no, the n-th choice, a rating. Only a reply made entirely of such words counts, so "yes, but my parcel is
 * late" is not a bare yes.
 */
export interface ReplyMeaning {
  answer?: 'yes' | 'no';
  /** 1-based; -1 for "the last one". */
  nth?: number;
  /** 1..5, for the rating offer. */
  rating?: number;
}

const PerLang = z.object({ en: z.array(z.string().min(1)), zh: z.array(z.string().min(1)) });
const Lexicon = z.object({
  filler: PerLang,
  yes: PerLang,
  no: PerLang,
  ratings: z.record(z.enum(['1', '2', '3', '4', '5']), z.array(z.string().min(1))),
});
// Validated and compiled on the first reply rather than at import, which a Lambda cold start would wait for.
let compiled: ReturnType<typeof compile> | undefined;
function compile() {
  const words = Lexicon.parse(lexicon);
  return {
    fillerZh: words.filler.zh,
    yes: new Set([...words.yes.en, ...words.yes.zh]),
    no: new Set([...words.no.en, ...words.no.zh]),
    rating: new Map(Object.entries(words.ratings).flatMap(([n, list]) => list.map((w) => [w, Number(n)]))),
    fillerEn: new RegExp(`(^| )(${words.filler.en.join('|')})(?= |$)`, 'g'),
  };
}

const ORDINAL_EN: Record<string, number> = {
  first: 1, '1st': 1, one: 1, second: 2, '2nd': 2, two: 2, third: 3, '3rd': 3, three: 3,
  fourth: 4, '4th': 4, four: 4, fifth: 5, '5th': 5, five: 5,
}; // prettier-ignore
const NUMBER_ZH: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** The text reduced to lower-case words and Han characters, punctuation and emoji dropped. */
export function plainWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes politeness words: English ones anywhere, Chinese particles at the ends ("好的呀" → "好的"). */
function stripFiller(text: string): string {
  const { fillerEn, fillerZh } = (compiled ??= compile());
  let t = text.replace(fillerEn, ' ').replace(/\s+/g, ' ').trim();
  for (let before = ''; before !== t;) {
    before = t;
    for (const filler of fillerZh) {
      if (t.length > filler.length && t.endsWith(filler)) t = t.slice(0, -filler.length);
      if (t.length > filler.length && t.startsWith(filler)) t = t.slice(filler.length);
    }
  }
  return t;
}

/** True when the whole text is made of phrases from `set`, repeated or joined ("yes yes", "好的好的", "sure, go ahead"). */
function madeOf(text: string, set: Set<string>): boolean {
  if (!text) return false;
  if (set.has(text) || set.has(stripFiller(text))) return true;
  // Cut between words, or between Han characters where there are no spaces, and try every split.
  const spaced = text.includes(' ');
  for (let cut = 1; cut < text.length; cut++) {
    if (spaced && text[cut] !== ' ') continue;
    const head = text.slice(0, cut).trim();
    if ((set.has(head) || set.has(stripFiller(head))) && madeOf(text.slice(cut).trim(), set)) return true;
  }
  return false;
}

/** The meaning of a short reply, or undefined when it says something else. */
export function readReply(text: string): ReplyMeaning | undefined {
  const plain = plainWords(text);
  if (!plain || plain.length > 40) return undefined;
  const core = stripFiller(plain) || plain;
  const { yes, no, rating } = (compiled ??= compile());
  const either = (set: Set<string>) => madeOf(plain, set) || madeOf(core, set);
  const meaning: ReplyMeaning = {
    answer: either(no) ? 'no' : either(yes) ? 'yes' : undefined,
    nth: readOrdinal(core),
    rating: rating.get(plain) ?? rating.get(core) ?? readStars(core),
  };
  return meaning.answer || meaning.nth || meaning.rating ? meaning : undefined;
}

/** "the second one", "option 2", "#2", "2nd", "number two", "第二个", "第2项", "选三", "最后一个". */
function readOrdinal(core: string): number | undefined {
  const en = core
    .replace(
      /^(i'll take|i will take|i want|i choose|i pick|give me|let's go with|go with|choose|pick)\s+/,
      '',
    )
    .replace(/^the\s+/, '')
    .replace(/\s+(one|option|choice)$/, '');
  const numbered = /^(?:option|choice|number|no|#)\s*(\d|one|two|three|four|five)$/.exec(en);
  const word = numbered?.[1] ?? en;
  if (/^\d$/.test(word)) return Number(word);
  if (word in ORDINAL_EN && (numbered || word !== 'one')) return ORDINAL_EN[word];
  if (/^last$/.test(en)) return -1;
  const zh = /^(我要|我选|选|要)?(第)?([一二两三四五1-5])(个|项|条|种|号)?$/.exec(core);
  if (zh && (zh[1] || zh[2] || zh[4])) return NUMBER_ZH[zh[3]!] ?? Number(zh[3]);
  if (/^最后(一个|那个|一项|一条)$/.test(core)) return -1;
  return undefined;
}

/** "5 stars", "4 points", "五星", "4分". */
function readStars(core: string): number | undefined {
  const en = /^(\d|one|two|three|four|five) (stars?|points?|out of 5)$/.exec(core);
  if (en) return ORDINAL_EN[en[1]!] ?? Number(en[1]);
  const zh = /^([1-5一二两三四五]) ?(星|分|颗星)$/.exec(core);
  if (zh) return NUMBER_ZH[zh[1]!] ?? Number(zh[1]);
  return undefined;
}
