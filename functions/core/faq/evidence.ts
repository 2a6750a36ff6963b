import type { IndexData } from './faq-index.js';
import type { AnalyzedQuestion } from './query-analyzer.js';
import { entriesOf, onlyIn, phrasingShare, usedBy } from './entry-terms.js';
import { MARK } from './tokenize.js';

/** What the evidence rules read of an analyzed question. */
export type QuestionWords = Pick<AnalyzedQuestion, 'terms' | 'slots' | 'pronouns'>;

/** How much of a question an entry accounts for, in whole words (character and letter grams aside). */
export interface Evidence {
  /** The question's content words (distinct). */
  words: number;
  /** How many of them the entry's phrasings use. */
  shared: number;
  /** Share (0..1) of the question's word weight (idf²) on the shared words; unknown words weigh the most. */
  coverage: number;
  /** The one shared word occurs in no other entry and is more than one Chinese character (when shared is 1). */
  unique: boolean;
  /** Share (0..1) of the question's word weight on words the index has from other entries only. */
  elsewhere: number;
  /** Share (0..1) of the entry's phrasings that use the last shared word (meaningful when shared is 1). */
  typical: number;
}

const HAN = /\p{Script=Han}/u;
// A question that one shared word ties to the entry must put at least this share of its weight on it...
const MIN_COVERAGE = 0.5;
// ...unless that word is the entry's theme, used by this share of its phrasings (天气 for a weather entry,
// not 今天 in one of six shipping phrasings), or a word no other entry uses (股份 in "广汇股份的收盘价格": the
// rest of such a question is mostly words never seen, names among them, which say nothing against it)...
const THEME_SHARE = 0.4;
// ...and the question puts less than this share of its weight on words of other entries ("sell", "card" in
// "Do you sell gift cards?" against gift wrapping).
const MAX_ELSEWHERE = 0.4;

/**
 * Whether the question's words, not just its character or letter grams, tie it to the entry well enough
 * to answer with it. A one-word question answers only when no other entry uses that word ("account" fits
 * deleting one and opening one: that is a choice to offer), and never on one Chinese character. A longer question resting on one shared word
 * needs that word to carry it (see the constants above). On the dev sets this costs under a point on smp2017,
 * whose assistant queries often rest on one keyword, one character long ("she的歌") or beside other entries'
 * words, and is neutral elsewhere.
 */
export function grounded(data: IndexData, question: QuestionWords, entry: number): boolean {
  const ev = evidence(data, question, entry);
  if (ev.words <= 1) return ev.shared === 1 && ev.unique;
  if (ev.shared !== 1 || ev.coverage >= MIN_COVERAGE) return true;
  return (ev.typical >= THEME_SHARE || ev.unique) && ev.elsewhere < MAX_ELSEWHERE;
}

/**
 * Counts the question's words that an entry uses. Grams make a good similarity out of one common word
 * (今天 in "今天上海天气怎么样" and "今天下单明天能到吗"), so the answer band asks for word-level evidence
 * on top of the similarity. A Chinese word that jieba split differently in the phrasing still counts when
 * the entry has all its character bigrams.
 *
 * A Chinese name, place, time or numeral that the entry does not use fills one of its slots when the entry's
 * theme (THEME_SHARE of its phrasings) is a value of that class: 南京 in "你知道今天南京的天气吗" for a weather
 * entry whose phrasings each name a city. It covers its share of the question, as the value the entry asks
 * for, without counting as a shared word, and it no longer counts against the entry as another entry's word
 * (北京 of a flight phrasing). A Chinese pronoun (怎么, 什么) shapes a question and names no topic, so it is no
 * entry's theme: "怎么写" does not answer with a recipe entry whose phrasings ask 怎么做.
 */
export function evidence(data: IndexData, question: QuestionWords, entry: number): Evidence {
  const words = new Set(question.terms.filter((term) => !isDerived(term)));
  let total = 0;
  let covered = 0;
  let shared = 0;
  let unique = false;
  let typical = 0;
  let elsewhere = 0;
  for (const word of words) {
    const id = data.terms.get(word);
    const idf = id === undefined ? data.unknownIdf : data.idf[id]!;
    total += idf * idf;
    const used = usedBy(data, word, entry);
    if (!used && fillsSlot(data, question.slots.get(word), entry)) {
      covered += idf * idf;
      continue;
    }
    if (!used) {
      if (id !== undefined) elsewhere += idf * idf;
      continue;
    }
    shared++;
    covered += idf * idf;
    // One Chinese character (好, 在) is more often a function word than a topic.
    unique = id !== undefined && entriesOf(data, id) === 1 && !(HAN.test(word) && word.length === 1);
    typical = id === undefined || question.pronouns.has(word) ? 0 : phrasingShare(data, id, entry);
  }
  return {
    words: words.size,
    shared,
    coverage: total > 0 ? covered / total : 0,
    unique,
    typical,
    elsewhere: total > 0 ? elsewhere / total : 0,
  };
}

/**
 * Whether the question ends on another thing named with the modifier of the entry's compound: "gift cards"
 * or "gift vouchers" against an entry about gift wrapping, 礼品卡 or 礼品券 against 礼品包装. The modifier ties
 * such a question to that entry alone, and the frame around it ("do you offer", "can I buy", 有没有) often
 * matches a phrasing word for word, so the similarity is high; but the head is a word the entry never uses,
 * and it is the thing asked about. The modifier must be used by no other entry, and the entry must name its
 * compound in at least two phrasings (compounds.ts): a modifier followed by a different word each time
 * ("spell water", "spell seance") is a frame for any word, not a compound. Only the noun runs from the
 * question's end back to the last one that shares a word with the entry count: a question names what it asks
 * about last ("can I use a gift card at checkout"), and a compound followed by more of the entry's words
 * ("profile picture, how to change") is more often a topic that those words tie back to the entry.
 */
export function otherHead(data: IndexData, nounRuns: readonly string[][], entry: number): boolean {
  const compounds = data.compounds.get(entry);
  if (compounds === undefined) return false;
  const modifies = (modifier: string, compound: string) =>
    HAN.test(modifier)
      ? compound.replaceAll(' ', '').startsWith(modifier) && compound.replaceAll(' ', '') !== modifier
      : compound.startsWith(`${modifier} `);
  const names = (modifier: string, head: string) =>
    !usedBy(data, head, entry) &&
    onlyIn(data, modifier, entry) &&
    compounds.some((compound) => modifies(modifier, compound));
  const namesOther = (run: readonly string[]) =>
    run.some((word, i) => {
      if (i + 1 < run.length && names(word, run[i + 1]!)) return true;
      // One Chinese word the entry lacks can be modifier and head (礼品券): a prefix of it that starts a
      // compound of the entry.
      const chars = [...word];
      if (!HAN.test(word) || chars.length < 3 || usedBy(data, word, entry)) return false;
      for (let k = chars.length - 1; k >= 2; k--) {
        if (names(chars.slice(0, k).join(''), chars.slice(k).join(''))) return true;
      }
      return false;
    });
  for (let r = nounRuns.length - 1; r >= 0; r--) {
    const run = nounRuns[r]!;
    if (namesOther(run)) return true;
    if (run.some((word) => usedBy(data, word, entry))) return false;
  }
  return false;
}

// Whether most of the entry's phrasings hold a value of this entity class (a term such as @ns).
function fillsSlot(data: IndexData, entity: string | undefined, entry: number): boolean {
  const id = entity === undefined ? undefined : data.terms.get(entity);
  return id !== undefined && phrasingShare(data, id, entry) >= THEME_SHARE;
}

function isDerived(term: string): boolean {
  return (
    term.startsWith(MARK.entity) || term.startsWith(MARK.chineseGram) || term.startsWith(MARK.letterGram)
  );
}
