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
  let run: string[] = [];
  let kind: Word['kind'] | undefined;
  for (const word of words) {
    const noun = nounLike(word);
    if (!noun || word.kind !== kind) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    kind = word.kind;
    if (noun) run.push(word.text);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function nounLike(word: Word): boolean {
  if (word.stop || word.entity !== undefined) return false;
  if (word.kind === 'han') return word.noun === true;
  if (word.kind !== 'latin' || NOT_NOUNS.has(word.surface ?? word.text)) return false;
  // The stemmer took an "-ed" off: a participle describes the noun before it ("contactless accepted").
  return !(word.surface?.endsWith('ed') === true && !word.text.endsWith('ed'));
}

/**
 * The compounds one entry names in at least two of its phrasings (each phrasing's runs given): pairs of
 * adjacent words ("gift wrap"), and Chinese nouns of three characters or more (礼品包装). Words are joined by
 * a space, so an English compound's modifier is its first word and a Chinese one's is a prefix.
 */
export function entryCompounds(phrasingRuns: readonly (readonly string[][])[]): string[] {
  const counts = new Map<string, number>();
  for (const runs of phrasingRuns) {
    const seen = new Set<string>();
    for (const run of runs) {
      run.forEach((word, i) => {
        if (i + 1 < run.length) seen.add(`${word} ${run[i + 1]}`);
        if ([...word].length >= MIN_HAN_COMPOUND && HAN.test(word)) seen.add(word);
      });
    }
    for (const compound of seen) counts.set(compound, (counts.get(compound) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= MIN_PHRASINGS).map(([compound]) => compound);
}
