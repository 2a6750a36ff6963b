import { entryCompounds, nounRuns } from './compounds.js';
import { normalizeTexts } from './normalize.js';
import type { SynonymRewriter } from './synonyms.js';
import { MARK, segment, segmentChinese, type Word, wordTerms } from './tokenize.js';

/**
 * The costly half of an index build, as flat arrays: every phrasing analyzed into numbered terms. The index's
 * weights follow from it in one cheap pass (faq-index.ts), so this is what a snapshot stores. Phrasing p's
 * distinct terms, in the order they first occur (the order its vector is summed in), are
 * occurrenceTerms[phrasingStarts[p]] up to phrasingStarts[p + 1], each with its count in occurrenceCounts.
 */
export interface FaqAnalysis {
  ids: string[];
  phrasingGroup: Int32Array;
  groupEntry: Int32Array;
  /** Term number → term. */
  terms: string[];
  /** Term → term number. */
  termIndex: Map<string, number>;
  /** Term number → how many entries use it. */
  entryFrequency: Int32Array;
  phrasingStarts: Int32Array;
  occurrenceTerms: Int32Array;
  occurrenceCounts: Int32Array;
  /** The compounds each entry's phrasings name (compounds.ts), grouped by entry in entry order. */
  compounds: string[];
  /** The entry of each compound. */
  compoundEntry: Int32Array;
  /** English words as typed, with their stems and phrasing counts, for typo correction. */
  surfaces: string[];
  surfaceStems: string[];
  surfaceCounts: Int32Array;
}

const UNICODE = 0x110000;

/** A growable Int32Array, so a build of 100,000 phrasings allocates a few buffers instead of one array each. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Analyzes every phrasing once. Segmentations are cached by chunk and each word's terms by word, so a word
 * that recurs across thousands of phrasings is stemmed, split into trigrams and looked up once.
 */
export function analyzeFaq(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  rewrite: SynonymRewriter,
): FaqAnalysis {
  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  const lastEntry: number[] = [];
  const entryFrequency: number[] = [];
  const number = (term: string): number => {
    let id = termIndex.get(term);
    if (id === undefined) {
      termIndex.set(term, (id = terms.push(term) - 1));
      counts.push(0);
      lastEntry.push(-1);
      entryFrequency.push(0);
    }
    return id;
  };
  const segments = new Map<string, Word[]>();
  // Per distinct word: its term numbers and its place among the surfaces (-1 for none), found once.
  const known = new Map<Word, { ids: number[]; surface: number }>();
  const surfaceIndex = new Map<string, number>();
  const surfaceStems: string[] = [];
  const surfaceCounts: number[] = [];

  const ids: string[] = [];
  const phrasingGroup = new IntList();
  const groupEntry = new IntList();
  const phrasingStarts = new IntList();
  const occurrenceTerms = new IntList();
  const occurrenceCounts = new IntList();
  const compounds: string[] = [];
  const compoundEntry = new IntList();
  let entryNo = -1;
  // One occurrence of a term in the current phrasing, in the order the phrasing's terms come.
  const occur = (id: number) => {
    if (counts[id]!++ === 0) occurrenceTerms.push(id);
    if (lastEntry[id] !== entryNo) {
      lastEntry[id] = entryNo;
      entryFrequency[id]!++;
    }
  };
  // A Chinese run's character grams (tokenize.ts's flushRun, in its order), numbered by code points: a build
  // meets tens of thousands of them, and a number is looked up faster than a fresh string.
  const grams = new Map<number, number>();
  const gram = (key: number, text: string) => {
    let id = grams.get(key);
    if (id === undefined) grams.set(key, (id = number(MARK.chineseGram + text)));
    occur(id);
  };
  const flush = (run: string): string => {
    for (let i = 0; i < run.length;) {
      const code = run.codePointAt(i)!;
      const width = code > 0xffff ? 2 : 1;
      gram(code, run.slice(i, i + width));
      if (i + width < run.length) {
        const next = run.codePointAt(i + width)!;
        const end = i + width + (next > 0xffff ? 2 : 1);
        gram(UNICODE * (code + 1) + next, run.slice(i, end));
      }
      i += width;
    }
    return '';
  };

  const normalized = normalizeTexts(entries.flatMap((entry) => entry.questions));
  segmentChinese(normalized, segments);
  let phrasing = 0;
  phrasingStarts.push(0);
  for (const entry of entries) {
    entryNo = ids.push(entry.id) - 1;
    let latinGroup = -1;
    let hanGroup = -1;
    const runs: string[][][] = [];
    for (let q = 0; q < entry.questions.length; q++) {
      const words = rewrite(segment(normalized[phrasing++]!, segments));
      runs.push(nounRuns(words));
      let chinese = false;
      let run = '';
      for (const word of words) {
        if (word.kind === 'han') chinese = true;
        else run = flush(run);
        if (word.stop) continue;
        let own = known.get(word);
        if (own === undefined) {
          let surface = -1;
          if (word.surface !== undefined) {
            surface = surfaceIndex.get(word.surface) ?? -1;
            if (surface < 0) {
              surfaceIndex.set(word.surface, (surface = surfaceCounts.push(0) - 1));
              surfaceStems.push(word.text);
            }
          }
          known.set(word, (own = { ids: wordTerms(word).map(number), surface }));
        }
        if (own.surface >= 0) {
          // The last word seen with a surface is the one a correction to it stands for.
          surfaceStems[own.surface] = word.text;
          surfaceCounts[own.surface]!++;
        }
        for (const id of own.ids) occur(id);
        if (word.kind === 'han') run += word.text;
      }
      flush(run);

      if (chinese && hanGroup < 0) hanGroup = groupEntry.length;
      if (!chinese && latinGroup < 0) latinGroup = groupEntry.length;
      if (groupEntry.length === (chinese ? hanGroup : latinGroup)) groupEntry.push(entryNo);
      phrasingGroup.push(chinese ? hanGroup : latinGroup);
      for (let k = phrasingStarts.data[phrasingStarts.length - 1]!; k < occurrenceTerms.length; k++) {
        const id = occurrenceTerms.data[k]!;
        occurrenceCounts.push(counts[id]!);
        counts[id] = 0;
      }
      phrasingStarts.push(occurrenceTerms.length);
    }
    for (const compound of entryCompounds(runs)) {
      compounds.push(compound);
      compoundEntry.push(entryNo);
    }
  }

  return {
    ids,
    phrasingGroup: phrasingGroup.toArray(),
    groupEntry: groupEntry.toArray(),
    terms,
    termIndex,
    entryFrequency: Int32Array.from(entryFrequency),
    phrasingStarts: phrasingStarts.toArray(),
    occurrenceTerms: occurrenceTerms.toArray(),
    occurrenceCounts: occurrenceCounts.toArray(),
    compounds,
    compoundEntry: compoundEntry.toArray(),
    surfaces: [...surfaceIndex.keys()],
    surfaceStems,
    surfaceCounts: Int32Array.from(surfaceCounts),
  };
}
