import { createCompoundCounter } from './compounds.js';
import { normalizeTexts } from './normalize.js';
import type { SynonymRewriter } from './synonyms.js';
import { buildSegments, segmentCached } from './segment-cache.js';
import { segmentChinese, type Word } from './tokenize.js';
import { createTermRecorder, IntList } from './term-recorder.js';

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

/**
 * Analyzes every phrasing once. Segmentations are cached by chunk (for the process: segment-cache.ts) and each
 * word's terms by word, so a word that recurs across thousands of phrasings is stemmed, split into trigrams and
 * looked up once.
 */
export function analyzeFaq(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  rewrite: SynonymRewriter,
): FaqAnalysis {
  const normalized = normalizeTexts(entries.flatMap((entry) => entry.questions));
  const segments = buildSegments();
  segmentChinese(normalized, segments);
  // English phrasings have about three distinct terms to four characters (Chinese ones more, and the lists grow).
  const recorder = createTermRecorder(normalized.reduce((sum, text) => sum + text.length, 1024));
  // Per distinct word: its term numbers and its place among the surfaces (-1 for none), found once.
  const known = new Map<Word, { ids: number[]; surface: number }>();
  const surfaceIndex = new Map<string, number>();
  const surfaceStems: string[] = [];
  const surfaceCounts: number[] = [];
  const ids: string[] = [];
  const phrasingGroup = new IntList();
  const groupEntry = new IntList();
  const compounds: string[] = [];
  const compoundEntry = new IntList();
  const counter = createCompoundCounter();

  // The words of the phrasing at hand; neither the synonyms nor the compound counter keep the array.
  const scratch: Word[] = [];
  let phrasing = 0;
  for (const entry of entries) {
    const entryNo = ids.push(entry.id) - 1;
    recorder.startEntry(entryNo);
    let latinGroup = -1;
    let hanGroup = -1;
    for (let q = 0; q < entry.questions.length; q++) {
      const words = rewrite(segmentCached(normalized[phrasing++]!, segments, scratch));
      counter.add(words);
      let chinese = false;
      let run = '';
      // Indexed loops here and below: for-of over these arrays left an iterator per loop, a fair share of the
      // garbage of a build.
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        if (word.kind === 'han') chinese = true;
        else if (run !== '') run = flush(recorder, run);
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
          known.set(word, (own = { ids: recorder.wordIds(word), surface }));
        }
        if (own.surface >= 0) {
          // The last word seen with a surface is the one a correction to it stands for.
          surfaceStems[own.surface] = word.text;
          surfaceCounts[own.surface]!++;
        }
        for (let k = 0; k < own.ids.length; k++) recorder.occur(own.ids[k]!);
        if (word.kind === 'han') run += word.text;
      }
      flush(recorder, run);
      recorder.endPhrasing();

      if (chinese && hanGroup < 0) hanGroup = groupEntry.length;
      if (!chinese && latinGroup < 0) latinGroup = groupEntry.length;
      if (groupEntry.length === (chinese ? hanGroup : latinGroup)) groupEntry.push(entryNo);
      phrasingGroup.push(chinese ? hanGroup : latinGroup);
    }
    for (const compound of counter.take()) {
      compounds.push(compound);
      compoundEntry.push(entryNo);
    }
  }

  return {
    ids,
    phrasingGroup: phrasingGroup.toArray(),
    groupEntry: groupEntry.toArray(),
    ...recorder.finish(),
    compounds,
    compoundEntry: compoundEntry.toArray(),
    surfaces: [...surfaceIndex.keys()],
    surfaceStems,
    surfaceCounts: Int32Array.from(surfaceCounts),
  };
}

// A Chinese run ends: its character grams are recorded, and the next run starts empty.
function flush(recorder: ReturnType<typeof createTermRecorder>, run: string): string {
  recorder.run(run);
  return '';
}
