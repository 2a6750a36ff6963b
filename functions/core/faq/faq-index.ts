import { normalizeText } from './normalize.js';
import { createSynonymRewriter, type SynonymRewriter } from './synonyms.js';
import { features, segment, type Word } from './tokenize.js';
import { correctTypos, createTypoCorrector, type TypoCorrector } from './typos.js';
import { idfLookup, length, unit, weigh } from './vectors.js';

/**
 * Postings of every term, packed into flat arrays (a few typed arrays instead of two per term keep a large
 * index small): term t's documents and weights are docs[starts[t]] up to docs[starts[t + 1]].
 */
export interface Postings {
  starts: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

/**
 * Everything the matcher needs, computed once per FAQ version. Phrasings of one entry are grouped by
 * script (Chinese or not), and each group has its own centroid: a bilingual entry's English phrasings and
 * Chinese phrasings share no terms, and one mixed centroid would dilute both halves.
 */
export interface IndexData {
  ids: string[];
  phrasingGroup: number[];
  groupEntry: number[];
  /** Term → term number, for the idf and postings arrays. */
  terms: Map<string, number>;
  idf: Float64Array;
  unknownIdf: number;
  phrasings: Postings;
  centroids: Postings;
  /** Length of each group's summed phrasing vectors, to take one phrasing back out of a centroid. */
  centroidNorms: number[];
  /** Question → terms, with English typos corrected against the index vocabulary. */
  analyze(text: string): string[];
}

/** Builds the index data: analyzes every phrasing, weighs terms by TF-IDF, and inverts the vectors. */
export function buildIndexData(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  synonyms: ReadonlyArray<ReadonlyArray<string>>,
): IndexData {
  const rewrite = createSynonymRewriter(synonyms);
  const ids: string[] = [];
  const phrasingGroup: number[] = [];
  const groupEntry: number[] = [];
  const phrasingTerms: string[][] = [];
  const entryFrequency = new Map<string, number>();
  const surfaces = new Map<string, Word>();
  const surfaceFrequency = new Map<string, number>();
  for (const entry of entries) {
    const entryNo = ids.push(entry.id) - 1;
    const seen = new Set<string>();
    const groups = new Map<boolean, number>();
    for (const question of entry.questions) {
      const words = rewrite(segment(normalizeText(question)));
      for (const word of words) {
        if (word.surface === undefined || word.stop) continue;
        surfaces.set(word.surface, word);
        surfaceFrequency.set(word.surface, (surfaceFrequency.get(word.surface) ?? 0) + 1);
      }
      const chinese = words.some((word) => word.kind === 'han');
      if (!groups.has(chinese)) groups.set(chinese, groupEntry.push(entryNo) - 1);
      const terms = features(words);
      phrasingGroup.push(groups.get(chinese)!);
      phrasingTerms.push(terms);
      for (const term of terms) seen.add(term);
    }
    for (const term of seen) entryFrequency.set(term, (entryFrequency.get(term) ?? 0) + 1);
  }

  // IDF over entries, not phrasings: a word every phrasing of one entry repeats is that entry's signature,
  // and counting it once per phrasing would make it look common.
  const terms = new Map<string, number>();
  const idf = new Float64Array(entryFrequency.size);
  for (const [term, df] of entryFrequency)
    idf[terms.set(term, terms.size).size - 1] = Math.log(1 + ids.length / df);
  const idfOf = idfLookup(terms, idf);

  const phrasings = createPostingsBuilder(terms.size);
  const centroidSums = groupEntry.map(() => new Map<string, number>());
  phrasingTerms.forEach((phrasing, doc) => {
    const centroid = centroidSums[phrasingGroup[doc]!]!;
    for (const [term, weight] of weigh(phrasing, idfOf, 0)) {
      phrasings.post(terms.get(term)!, doc, weight);
      centroid.set(term, (centroid.get(term) ?? 0) + weight);
    }
  });
  const centroids = createPostingsBuilder(terms.size);
  const centroidNorms = centroidSums.map((sum, group) => {
    const norm = length(sum);
    for (const [term, weight] of unit(sum)) centroids.post(terms.get(term)!, group, weight);
    return norm;
  });

  return {
    ids,
    phrasingGroup,
    groupEntry,
    terms,
    idf,
    unknownIdf: Math.log(1 + ids.length),
    phrasings: phrasings.pack(),
    centroids: centroids.pack(),
    centroidNorms,
    analyze: createAnalyzer(rewrite, terms, surfaces, createTypoCorrector(surfaceFrequency)),
  };
}

// A separate function, so the query analyzer's closure keeps only what it uses and not the build's scratch.
function createAnalyzer(
  rewrite: SynonymRewriter,
  vocabulary: ReadonlyMap<string, number>,
  surfaces: ReadonlyMap<string, Word>,
  correct: TypoCorrector,
): (text: string) => string[] {
  const known = (word: Word) => vocabulary.has(word.text);
  const fix = (word: Word) => {
    const fixed = word.surface === undefined ? undefined : correct(word.surface);
    return fixed === undefined ? undefined : surfaces.get(fixed);
  };
  return (text) => features(correctTypos(rewrite(segment(normalizeText(text))), known, fix));
}

// Postings grow per term while building, then pack into flat typed arrays.
function createPostingsBuilder(terms: number) {
  const docs: number[][] = Array.from({ length: terms }, () => []);
  const weights: number[][] = Array.from({ length: terms }, () => []);
  return {
    post(term: number, doc: number, weight: number): void {
      docs[term]!.push(doc);
      weights[term]!.push(weight);
    },
    pack(): Postings {
      const starts = new Int32Array(terms + 1);
      docs.forEach((list, term) => (starts[term + 1] = starts[term]! + list.length));
      const packed = {
        starts,
        docs: new Int32Array(starts[terms]!),
        weights: new Float64Array(starts[terms]!),
      };
      docs.forEach((list, term) => packed.docs.set(list, starts[term]));
      weights.forEach((list, term) => packed.weights.set(list, starts[term]));
      return packed;
    },
  };
}
