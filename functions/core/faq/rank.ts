import type { IndexData, Postings } from './faq-index.js';
import { MARK } from './tokenize.js';
import { idfLookup, weigh } from './vectors.js';

// Share of the nearest phrasing in an entry's score; the centroid carries the rest. Chosen on the dev sets:
// centroids alone generalise better, and a little of the nearest phrasing rewards near-verbatim questions.
export const NEAREST_SHARE = 0.3;

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
 * phrasings); an entry scores its best group. The question comes analyzed into terms (IndexData.analyze).
 */
export function similaritiesOf(data: IndexData, terms: string[]): Similarities {
  const query = new Map<number, number>();
  let wordWeight = 0;
  let knownWeight = 0;
  for (const [term, weight] of weigh(terms, idfLookup(data.terms, data.idf), data.unknownIdf)) {
    const id = data.terms.get(term);
    if (id !== undefined) query.set(id, weight);
    if (term.startsWith(MARK.letterGram)) continue;
    wordWeight += weight * weight;
    if (id !== undefined) knownWeight += weight * weight;
  }
  const phrasing = accumulate(query, data.phrasings, data.phrasingGroup.length);
  const centroid = accumulate(query, data.centroids, data.groupEntry.length);

  const nearest = new Float64Array(data.groupEntry.length);
  for (const doc of phrasing.touched) {
    const group = data.phrasingGroup[doc]!;
    if (phrasing.scores[doc]! > nearest[group]!) nearest[group] = phrasing.scores[doc]!;
  }

  const of = new Float64Array(data.ids.length);
  const entries: number[] = [];
  for (const group of centroid.touched) {
    const entry = data.groupEntry[group]!;
    const score = NEAREST_SHARE * nearest[group]! + (1 - NEAREST_SHARE) * centroid.scores[group]!;
    if (score <= 0) continue;
    if (of[entry] === 0) entries.push(entry);
    if (score > of[entry]!) of[entry] = score;
  }
  return { entries, of, known: wordWeight > 0 ? knownWeight / wordWeight : 0 };
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

// Dot products of the query with every document that shares a term with it (term-at-a-time over postings).
// All weights are positive, so a score of 0 means the document has not been touched yet.
function accumulate(query: ReadonlyMap<number, number>, { starts, docs, weights }: Postings, size: number) {
  const scores = new Float64Array(size);
  const touched: number[] = [];
  for (const [term, weight] of query) {
    for (let i = starts[term]!; i < starts[term + 1]!; i++) {
      const doc = docs[i]!;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = scores[doc]! + weight * weights[i]!;
    }
  }
  return { scores, touched };
}
