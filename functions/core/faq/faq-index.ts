import { typicalSimilarity } from './calibration.js';
import { analyzeFaq } from './faq-analysis.js';
import { type IndexParts, indexParts } from './index-parts.js';
import { type AnalyzedQuestion, createQueryAnalyzer } from './query-analyzer.js';
import { createSynonymRewriter } from './synonyms.js';
import { rawWeight } from './vectors.js';

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
  phrasingGroup: Int32Array;
  groupEntry: Int32Array;
  /** Term → term number, for the idf and postings arrays. */
  terms: Map<string, number>;
  idf: Float64Array;
  unknownIdf: number;
  phrasings: Postings;
  centroids: Postings;
  /**
   * Beside each centroid posting, the term's largest weight in one phrasing of that group, rounded up: summed
   * over a question's terms it bounds the group's nearest phrasing, so a search can skip hopeless entries.
   */
  centroidMax: Float32Array;
  /** Each term's largest centroid weight and its largest weight in one phrasing, for the same search. */
  termMaxCentroid: Float64Array;
  termMaxPhrasing: Float64Array;
  /** Length of each group's summed phrasing vectors, to take one phrasing back out of a centroid. */
  centroidNorms: Float64Array;
  /** Question → terms (English typos corrected against the index vocabulary) and noun runs (AnalyzedQuestion). */
  analyzeQuestion(text: string): AnalyzedQuestion;
  /** Entry → the compounds its phrasings name (compounds.ts); entries without any are left out. */
  compounds: ReadonlyMap<number, readonly string[]>;
}

/** Builds the index data: analyzes every phrasing, weighs terms by TF-IDF, and inverts the vectors. */
export function buildIndexData(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  synonyms: ReadonlyArray<ReadonlyArray<string>>,
): IndexData {
  return buildIndex(entries, synonyms).data;
}

/**
 * A fresh build: the index data, its parts (what a snapshot stores) and the index's typical similarity
 * (calibration.ts; undefined when it cannot be measured), which is measured on the analysis of the phrasings.
 */
export function buildIndex(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  synonyms: ReadonlyArray<ReadonlyArray<string>>,
): { data: IndexData; parts: IndexParts; typical: number | undefined } {
  const analysis = analyzeFaq(entries, createSynonymRewriter(synonyms));
  const parts = indexParts(analysis);
  const data = indexDataFrom(parts, synonyms);
  return { data, parts, typical: typicalSimilarity(data, analysis, parts.occurrenceWeights!) };
}

const ROUND_UP = 1 + 2 ** -20;

/**
 * The index data from its parts (fresh, or loaded from a snapshot): TF-IDF weights of every posting, and the
 * centroids, in one pass over the term-major postings with typed arrays only, since this runs on every cold
 * start. Each weight is its raw weight over the stored vector length, and each centroid sum runs over the
 * phrasings in order, so the result agrees to the last bit with weighing vector by vector.
 */
export function indexDataFrom(parts: IndexParts, synonyms: ReadonlyArray<ReadonlyArray<string>>): IndexData {
  const { ids, phrasingGroup, groupEntry, postingStarts, postingDocs, postingCounts } = parts;
  const { phrasingNorms, centroidNorms } = parts;
  const termCount = parts.terms.length;
  // A fresh build's analysis numbered the terms already; a snapshot's terms are numbered here.
  const terms = parts.termIndex ?? new Map<string, number>();
  // A fresh build computed every idf already; a snapshot's are computed here.
  const idf = parts.idf ?? new Float64Array(termCount);
  // A fresh build weighed its postings already; a snapshot's are weighed here, the same way.
  const given = parts.postingWeights !== undefined;
  const weights = parts.postingWeights ?? new Float64Array(postingDocs.length);
  const centroids = {
    starts: new Int32Array(termCount + 1),
    docs: new Int32Array(postingDocs.length),
    weights: new Float64Array(postingDocs.length),
  };
  const centroidMax = new Float32Array(postingDocs.length);
  const termMaxCentroid = new Float64Array(termCount);
  const termMaxPhrasing = new Float64Array(termCount);
  const sum = new Float64Array(groupEntry.length);
  const max = new Float64Array(groupEntry.length);
  const touched = new Int32Array(groupEntry.length);
  let size = 0;
  for (let t = 0; t < termCount; t++) {
    const term = parts.terms[t]!;
    if (!parts.termIndex) terms.set(term, t);
    if (!parts.idf) idf[t] = Math.log(1 + ids.length / parts.entryFrequency[t]!);
    const once = given ? 0 : rawWeight(term, 1, idf[t]!);
    let groups = 0;
    let ordered = true;
    for (let i = postingStarts[t]!; i < postingStarts[t + 1]!; i++) {
      const doc = postingDocs[i]!;
      let weight = weights[i]!;
      if (!given) {
        const norm = phrasingNorms[doc]!;
        const raw = postingCounts[i] === 1 ? once : rawWeight(term, postingCounts[i]!, idf[t]!);
        weight = weights[i] = norm > 0 ? raw / norm : raw;
      }
      const group = phrasingGroup[doc]!;
      if (sum[group] === 0) {
        if (groups > 0 && touched[groups - 1]! > group) ordered = false;
        touched[groups++] = group;
      }
      sum[group] = sum[group]! + weight;
      if (weight > max[group]!) max[group] = weight;
    }
    // Centroid postings run in group order; a term in both groups of one entry can touch them out of order.
    if (!ordered) touched.subarray(0, groups).sort();
    for (let k = 0; k < groups; k++) {
      const group = touched[k]!;
      centroids.docs[size] = group;
      // Float32 keeps 24 bits: scaled up first by more than its rounding error, it stays an upper bound.
      centroidMax[size] = max[group]! * ROUND_UP;
      centroids.weights[size] = sum[group]! / centroidNorms[group]!;
      termMaxCentroid[t] = Math.max(termMaxCentroid[t]!, centroids.weights[size++]!);
      termMaxPhrasing[t] = Math.max(termMaxPhrasing[t]!, max[group]!);
      sum[group] = 0;
      max[group] = 0;
    }
    centroids.starts[t + 1] = size;
  }

  return {
    ids,
    phrasingGroup,
    groupEntry,
    terms,
    idf,
    unknownIdf: Math.log(1 + ids.length),
    phrasings: { starts: postingStarts, docs: postingDocs, weights },
    centroids: {
      starts: centroids.starts,
      docs: centroids.docs.subarray(0, size),
      weights: centroids.weights.subarray(0, size),
    },
    centroidMax: centroidMax.subarray(0, size),
    termMaxCentroid,
    termMaxPhrasing,
    centroidNorms,
    analyzeQuestion: createQueryAnalyzer(parts, synonyms, terms),
    compounds: compoundsByEntry(parts),
  };
}

function compoundsByEntry(parts: Pick<IndexParts, 'compounds' | 'compoundEntry'>) {
  const byEntry = new Map<number, string[]>();
  parts.compounds.forEach((compound, k) => {
    const entry = parts.compoundEntry[k]!;
    const list = byEntry.get(entry);
    if (list === undefined) byEntry.set(entry, [compound]);
    else list.push(compound);
  });
  return byEntry;
}
