import { MARK } from './tokenize.js';

// Letter trigrams only back up whole English words (typos, inflections), so they count for less.
const LETTER_GRAM_WEIGHT = 0.3;

/** Sparse vector: term → weight. */
export type Vector = Map<string, number>;

/**
 * TF-IDF vector with sublinear term frequency, L2-normalised, so a dot product is a cosine. A word outside
 * the vocabulary counts as much as the rarest known word (unknownIdf): a question about something the FAQ
 * never mentions then stays far from every phrasing. Its character grams do not count again, or a long
 * unknown word would weigh many times over.
 */
export function weigh(
  terms: readonly string[],
  idfOf: (term: string) => number | undefined,
  unknownIdf: number,
): Vector {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const vector: Vector = new Map();
  for (const [term, count] of counts) {
    const weight = idfOf(term) ?? (isGram(term) ? 0 : unknownIdf);
    if (weight === 0) continue;
    vector.set(term, rawWeight(term, count, weight));
  }
  return unit(vector);
}

/** A term's weight in a vector before normalisation (the index build computes it without Maps, alike). */
export function rawWeight(term: string, count: number, idf: number): number {
  const kind = term.startsWith(MARK.letterGram) ? LETTER_GRAM_WEIGHT : 1;
  return (1 + Math.log(count)) * idf * kind;
}

/** Whether a term is a character or letter n-gram rather than a word. */
export function isGram(term: string): boolean {
  return term.startsWith(MARK.chineseGram) || term.startsWith(MARK.letterGram);
}

/** Looks a term's idf up by name (undefined outside the vocabulary). */
export function idfLookup(
  terms: ReadonlyMap<string, number>,
  idf: Float64Array,
): (term: string) => number | undefined {
  return (term) => {
    const id = terms.get(term);
    return id === undefined ? undefined : idf[id];
  };
}

/** Euclidean length of a vector. */
export function length(vector: Vector): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

/** Scales a vector, in place, to length 1 (an empty vector stays empty). */
export function unit(vector: Vector): Vector {
  const norm = length(vector);
  if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}
