import { analyzeFaq, type FaqAnalysis } from './faq-analysis.js';
import { createQueryAnalyzer } from './query-analyzer.js';
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
  /** Length of each group's summed phrasing vectors, to take one phrasing back out of a centroid. */
  centroidNorms: Float64Array;
  /** Question → terms, with English typos corrected against the index vocabulary. */
  analyze(text: string): string[];
}

/** Builds the index data: analyzes every phrasing, weighs terms by TF-IDF, and inverts the vectors. */
export function buildIndexData(
  entries: ReadonlyArray<{ id: string; questions: readonly string[] }>,
  synonyms: ReadonlyArray<ReadonlyArray<string>>,
): IndexData {
  return indexDataFrom(analyzeFaq(entries, createSynonymRewriter(synonyms)), synonyms);
}

/**
 * The index data of an analysis (fresh, or loaded from a snapshot): TF-IDF weights of every phrasing, summed
 * into centroids, both inverted into postings. Typed arrays and counting sorts, no Map per vector: this runs on
 * every cold start. Every sum runs in the order the Map-based formulation would use, so the weights agree to the
 * last bit (sums of squares in a term's first-occurrence order, centroid sums in phrasing order).
 */
export function indexDataFrom(
  analysis: FaqAnalysis,
  synonyms: ReadonlyArray<ReadonlyArray<string>>,
): IndexData {
  const { ids, phrasingGroup, groupEntry, phrasingStarts, occurrenceTerms, occurrenceCounts } = analysis;
  const termCount = analysis.terms.length;
  const terms = new Map<string, number>();
  const idf = new Float64Array(termCount);
  const once = new Float64Array(termCount);
  analysis.terms.forEach((term, id) => {
    terms.set(term, id);
    idf[id] = Math.log(1 + ids.length / analysis.entryFrequency[id]!);
    once[id] = rawWeight(term, 1, idf[id]!);
  });

  const weights = new Float64Array(occurrenceTerms.length);
  for (let p = 0; p + 1 < phrasingStarts.length; p++) {
    const [from, to] = [phrasingStarts[p]!, phrasingStarts[p + 1]!];
    let sum = 0;
    for (let k = from; k < to; k++) {
      const id = occurrenceTerms[k]!;
      const count = occurrenceCounts[k]!;
      const weight = count === 1 ? once[id]! : rawWeight(analysis.terms[id]!, count, idf[id]!);
      weights[k] = weight;
      sum += weight * weight;
    }
    const norm = Math.sqrt(sum);
    if (norm > 0) for (let k = from; k < to; k++) weights[k] = weights[k]! / norm;
  }
  const phrasingDocs = new Int32Array(occurrenceTerms.length);
  for (let p = 0; p + 1 < phrasingStarts.length; p++)
    phrasingDocs.fill(p, phrasingStarts[p]!, phrasingStarts[p + 1]!);
  const centroids = centroidsOf(analysis, weights, termCount);

  return {
    ids,
    phrasingGroup,
    groupEntry,
    terms,
    idf,
    unknownIdf: Math.log(1 + ids.length),
    phrasings: invert(occurrenceTerms, phrasingDocs, weights, termCount),
    centroids: invert(centroids.terms, centroids.groups, centroids.weights, termCount),
    centroidNorms: centroids.norms,
    analyze: createQueryAnalyzer(analysis, synonyms, terms),
  };
}

// Each group's phrasing vectors summed, in phrasing order, then scaled to length 1.
function centroidsOf(analysis: FaqAnalysis, weights: Float64Array, termCount: number) {
  const { phrasingGroup, groupEntry, phrasingStarts, occurrenceTerms } = analysis;
  const groupCount = groupEntry.length;
  const byGroup = invert(phrasingGroup, Int32Array.from(phrasingGroup.keys()), undefined, groupCount);
  const sum = new Float64Array(termCount);
  const touched = new Int32Array(termCount);
  // A centroid has at most as many terms as its phrasings together, so the phrasings' count bounds the total.
  const out = {
    terms: new Int32Array(occurrenceTerms.length),
    groups: new Int32Array(occurrenceTerms.length),
    weights: new Float64Array(occurrenceTerms.length),
  };
  let size = 0;
  const norms = new Float64Array(groupCount);
  for (let group = 0; group < groupCount; group++) {
    let touchedCount = 0;
    for (let i = byGroup.starts[group]!; i < byGroup.starts[group + 1]!; i++) {
      const p = byGroup.docs[i]!;
      for (let k = phrasingStarts[p]!; k < phrasingStarts[p + 1]!; k++) {
        const id = occurrenceTerms[k]!;
        if (sum[id] === 0) touched[touchedCount++] = id;
        sum[id] = sum[id]! + weights[k]!;
      }
    }
    let squares = 0;
    for (let t = 0; t < touchedCount; t++) squares += sum[touched[t]!]! * sum[touched[t]!]!;
    const norm = (norms[group] = Math.sqrt(squares));
    for (let t = 0; t < touchedCount; t++) {
      const id = touched[t]!;
      out.terms[size] = id;
      out.groups[size] = group;
      out.weights[size++] = norm > 0 ? sum[id]! / norm : sum[id]!;
      sum[id] = 0;
    }
  }
  return {
    terms: out.terms.subarray(0, size),
    groups: out.groups.subarray(0, size),
    weights: out.weights.subarray(0, size),
    norms,
  };
}

// Postings from (term, doc, weight) triples by a stable counting sort on the term, so each term's documents
// keep the order they came in (ascending).
function invert(
  keys: Int32Array,
  docs: Int32Array,
  weights: Float64Array | undefined,
  keyCount: number,
): Postings {
  const starts = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) starts[keys[i]! + 1]!++;
  for (let key = 0; key < keyCount; key++) starts[key + 1]! += starts[key]!;
  const next = starts.slice(0, keyCount);
  const packed = { starts, docs: new Int32Array(keys.length), weights: new Float64Array(keys.length) };
  for (let i = 0; i < keys.length; i++) {
    const at = next[keys[i]!]!++;
    packed.docs[at] = docs[i]!;
    if (weights) packed.weights[at] = weights[i]!;
  }
  return packed;
}
