import type { Word } from './tokenize.js';

// Words the tokenizer keeps as content words (they separate support questions) that never name a thing:
// question words, negations, particles and the pronouns of the one asked. "card when", "contest not", "you
// gift" are no compounds.
const NOT_NOUNS = new Set(
  'not no how what when where why who which now still can could yet up off out you your yours yourself'.split(
    ' ',
  ),
);
// An entry's own compound ("gift wrap", 礼品包装) is named by at least this many of its phrasings.
const MIN_PHRASINGS = 2;
// Chinese compounds are often one jieba word (礼品包装, 礼品券); shorter words are not split.
const MIN_HAN_COMPOUND = 3;
const HAN = /\p{Script=Han}/u;

/**
 * Runs of adjacent words that can make a noun compound, as their terms: "gift card" in "can I buy a gift
 * card", 礼品 卡 in 你们有礼品卡吗. A stop word, a change of script, an entity (names and places are slot
 * values, not heads), a question word and, for English, a past participle ("accepted") end a run; Chinese
 * runs hold nouns only (jieba's part of speech).
 */
export function nounRuns(words: readonly Word[]): string[][] {
  const runs: string[][] = [];
  walkRuns(words, (text, first) => (first ? runs.push([text]) : runs.at(-1)!.push(text)));
  return runs;
}

// Visits the words of the noun runs in order, saying which word starts a run.
function walkRuns(words: readonly Word[], visit: (text: string, first: boolean) => void): void {
  let open = false;
  let kind: Word['kind'] | undefined;
  for (const word of words) {
    const noun = nounLike(word);
    if (!noun || word.kind !== kind) open = false;
    kind = word.kind;
    if (noun) {
      visit(word.text, !open);
      open = true;
    }
  }
}

function nounLike(word: Word): boolean {
  if (word.stop || word.entity !== undefined) return false;
  if (word.kind === 'han') return word.noun === true;
  if (word.kind !== 'latin' || NOT_NOUNS.has(word.surface ?? word.text)) return false;
  // The stemmer took an "-ed" off: a participle describes the noun before it ("contactless accepted").
  return !(word.surface?.endsWith('ed') === true && !word.text.endsWith('ed'));
}

// Whether a word has a character from U+2E80 on, where Chinese begins: most words are English, and a scan of
// their char codes is cheaper than the Unicode pattern.
function beyondLatin(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x2e80) return true;
  return false;
}

/**
 * Counts the compounds of one entry's phrasings, given one phrasing's words at a time; `take` returns those
 * named in at least two phrasings, in the order they were first named, and starts the next entry. A compound
 * is a pair of adjacent words of a noun run ("gift wrap") or a Chinese noun of three characters or more
 * (礼品包装). Words are joined by a space, so an English compound's modifier is its first word and a Chinese
 * one's is a prefix. An entry names a few dozen candidates, so they are kept in plain arrays, and a pair is
 * joined into one string only when it is kept: an index build meets a few per phrasing.
 */
export function createCompoundCounter(): { add(words: readonly Word[]): void; take(): string[] } {
  const firsts: string[] = [];
  // The second word of a pair; '' for a single Chinese noun (no word is empty).
  const seconds: string[] = [];
  const counts: number[] = [];
  const lastPhrasing: number[] = [];
  let phrasing = 0;
  const name = (first: string, second: string) => {
    let k = 0;
    while (k < firsts.length && (firsts[k] !== first || seconds[k] !== second)) k++;
    if (k === firsts.length) {
      firsts.push(first);
      seconds.push(second);
      counts.push(0);
      lastPhrasing.push(-1);
    }
    if (lastPhrasing[k] !== phrasing) {
      lastPhrasing[k] = phrasing;
      counts[k]!++;
    }
  };
  const single = (word: string) => {
    if (word.length < MIN_HAN_COMPOUND || !beyondLatin(word)) return;
    if (HAN.test(word) && [...word].length >= MIN_HAN_COMPOUND) name(word, '');
  };
  return {
    add(words) {
      // In the order a phrasing names them: each pair, then its first word alone (a long Chinese noun).
      let previous: string | undefined;
      walkRuns(words, (text, first) => {
        if (previous !== undefined) {
          if (!first) name(previous, text);
          single(previous);
        }
        previous = text;
      });
      if (previous !== undefined) single(previous);
      phrasing++;
    },
    take() {
      const kept: string[] = [];
      firsts.forEach((first, k) => {
        if (counts[k]! >= MIN_PHRASINGS) kept.push(seconds[k] === '' ? first : `${first} ${seconds[k]}`);
      });
      firsts.length = seconds.length = counts.length = lastPhrasing.length = 0;
      return kept;
    },
  };
}
