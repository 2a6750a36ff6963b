import type { IndexData, Postings } from './faq-index.js';
import { bestSimilarities } from './best-entries.js';
import { NEAREST_SHARE, type TermWeights } from './entry-similarity.js';
import { MARK } from './tokenize.js';
import { idfLookup, weigh } from './vectors.js';

/** One entry's raw similarity to a question, before calibration. */
export interface Ranked {
  entry: number;
  similarity: number;
}

/** Similarity of a question to every entry (0 for entries that share no term with it). */
export interface Similarities {
  /** Entries with a non-zero similarity, in no particular order. */
  entries: number[];
  of: Float64Array;
  /**
   * Share (0..1) of the question's weight on terms the index knows; the rest it has never seen. English
   * letter trigrams stay out: they are a spelling fallback, and an unknown word's trigrams often occur in
   * other words. Chinese character grams stay in, being the main evidence for Chinese.
   */
  known: number;
}

/**
 * Scores entries by cosine similarity between the question's TF-IDF vector and the FAQ. Cosine rather than
 * BM25 because both sides are a sentence long, which leaves BM25's length normalisation and saturation
 * little to do, while cosine also charges for the question's words that the phrasing lacks (BM25 ignores
 * them): that is what tells a different question from a paraphrase, and its bounded 0..1 scale is what
 * the calibration builds on. Each group of an entry's phrasings (see IndexData) scores a blend of its
 * nearest phrasing (a near-verbatim question) and its centroid (a question that borrows words from several
 * phrasings); an entry scores its best group. The question comes analyzed into terms (IndexData.analyzeQuestion).
 * With a `limit`, `entries` may leave out entries that cannot be among the `limit` most similar (see
 * best-entries.ts), which is much faster on a large FAQ; `top` with that limit gives the same list.
 */
export function similaritiesOf(data: IndexData, terms: string[], limit?: number): Similarities {
  const query = queryTerms(data, terms);
  if (limit !== undefined) return { ...bestSimilarities(data, query, limit), known: query.known };
  const scratch = scratchOf(data);
  const { phrasingScores, centroidScores, nearest } = scratch;
  const docs = accumulate(query, data.phrasings, phrasingScores, scratch.touchedDocs);
  const groups = accumulate(query, data.centroids, centroidScores, scratch.touchedGroups);
  for (let k = 0; k < docs; k++) {
    const doc = scratch.touchedDocs[k]!;
    const group = data.phrasingGroup[doc]!;
    if (phrasingScores[doc]! > nearest[group]!) nearest[group] = phrasingScores[doc]!;
    phrasingScores[doc] = 0;
  }

  const of = new Float64Array(data.ids.length);
  const entries: number[] = [];
  for (let k = 0; k < groups; k++) {
    const group = scratch.touchedGroups[k]!;
    const entry = data.groupEntry[group]!;
    const score = NEAREST_SHARE * nearest[group]! + (1 - NEAREST_SHARE) * centroidScores[group]!;
    nearest[group] = 0;
    centroidScores[group] = 0;
    if (score <= 0) continue;
    if (of[entry] === 0) entries.push(entry);
    if (score > of[entry]!) of[entry] = score;
  }
  return { entries, of, known: query.known };
}

/** A question's known terms with their weights, in the order they are summed, and its share of known weight. */
export function queryTerms(data: IndexData, terms: readonly string[]): TermWeights & { known: number } {
  const ids: number[] = [];
  const weights: number[] = [];
  let wordWeight = 0;
  let knownWeight = 0;
  for (const [term, weight] of weigh(terms, idfLookup(data.terms, data.idf), data.unknownIdf)) {
    const id = data.terms.get(term);
    if (id !== undefined) {
      ids.push(id);
      weights.push(weight);
    }
    if (term.startsWith(MARK.letterGram)) continue;
    wordWeight += weight * weight;
    if (id !== undefined) knownWeight += weight * weight;
  }
  return { terms: ids, weights, known: wordWeight > 0 ? knownWeight / wordWeight : 0 };
}

/** The `limit` most similar entries, best first. */
export function top(scores: Similarities, limit: number): Ranked[] {
  // Insertion into a short sorted list: limit is a handful, so this beats sorting every touched entry.
  const best: Ranked[] = [];
  if (limit < 1) return best;
  for (const entry of scores.entries) {
    const similarity = scores.of[entry]!;
    if (best.length === limit) {
      if (similarity <= best[limit - 1]!.similarity) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && best[at - 1]!.similarity < similarity) at--;
    best.splice(at, 0, { entry, similarity });
  }
  return best;
}

// Score arrays sized to the index, kept between questions (zeroed again after each) rather than allocated per
// question: at 20,000 entries they are over a megabyte, and a question is synchronous, so one set serves all.
interface Scratch {
  phrasingScores: Float64Array;
  touchedDocs: Int32Array;
  centroidScores: Float64Array;
  touchedGroups: Int32Array;
  nearest: Float64Array;
}
const scratches = new WeakMap<IndexData, Scratch>();
function scratchOf(data: IndexData): Scratch {
  let scratch = scratches.get(data);
  if (scratch === undefined) {
    const docs = data.phrasingGroup.length;
    const groups = data.groupEntry.length;
    scratch = {
      phrasingScores: new Float64Array(docs),
      touchedDocs: new Int32Array(docs),
      centroidScores: new Float64Array(groups),
      touchedGroups: new Int32Array(groups),
      nearest: new Float64Array(groups),
    };
    scratches.set(data, scratch);
  }
  return scratch;
}

// Dot products of the query with every document that shares a term with it (term-at-a-time over postings),
// into `scores`; the documents touched, in the order first touched, go to `touched`, and their count is returned.
// All weights are positive, so a score of 0 means the document has not been touched yet.
function accumulate(
  query: TermWeights,
  { starts, docs, weights }: Postings,
  scores: Float64Array,
  touched: Int32Array,
): number {
  let count = 0;
  for (let k = 0; k < query.terms.length; k++) {
    const weight = query.weights[k]!;
    const term = query.terms[k]!;
    for (let i = starts[term]!, end = starts[term + 1]!; i < end; i++) {
      const doc = docs[i]!;
      const score = scores[doc]!;
      if (score === 0) touched[count++] = doc;
      scores[doc] = score + weight * weights[i]!;
    }
  }
  return count;
}
