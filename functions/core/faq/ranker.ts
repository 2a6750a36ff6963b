import type { IndexData } from './faq-index.js';
import { idfLookup, weigh } from './vectors.js';

/**
 * A multinomial logistic regression over the TF-IDF features, one class per phrasing group (an entry's
 * phrasings in one script), trained on the FAQ's own phrasings. Its weights sit beside the centroid
 * postings (`weights[i]` belongs to `centroids.docs[i]` under its term), so a term only weighs for groups
 * whose phrasings use it: scoring costs one pass over postings the cosine already walks, and the model is
 * two typed arrays that a snapshot can store as they are.
 */
export interface Ranker {
  weights: Float64Array;
  bias: Float64Array;
}

/** A question's TF-IDF vector as parallel term-number and weight lists. */
export interface QueryVector {
  terms: readonly number[];
  weights: readonly number[];
}

// Plain SGD with a step that decays as rate / (1 + epoch); chosen on the dev sets. Where cosine sees every
// shared word alike, the regression learns which words tell an entry from its neighbours ("card" is
// everywhere in a bank's FAQ, "pin" is not).
const TRAINING = { epochs: 20, rate: 2 };
// Training starts from the centroid weights scaled by this, so the regression refines the cosine's view of
// each entry instead of learning it from nothing: in-scope top-1 up another 1 to 4 points on the dev sets.
const WARM_START = 10;
// Most posting visits a build may spend training (a few hundred milliseconds on a busy 2-core machine); an FAQ
// that cannot afford MIN_EPOCHS within it keeps the cosine ranking alone (fewer epochs rank worse than none on
// the dev sets). That covers FAQs of a few hundred entries; a 1,000- or 20,000-entry FAQ builds as before.
const BUDGET = 20_000_000;
const MIN_EPOCHS = 15;
// With fewer phrasings per entry (and script) than this on average, the regression memorises them rather
// than learning what tells entries apart, and its probabilities turn overconfident.
const MIN_PHRASINGS = 3;

/** Trains the ranker on the index's own phrasings, or undefined when the FAQ is too large to afford it. */
export function trainRanker(data: IndexData): Ranker | undefined {
  const { starts } = data.centroids;
  const { starts: phrasingStarts } = data.phrasings;
  let cost = 0;
  for (let t = 0; t + 1 < starts.length; t++)
    cost += 2 * (phrasingStarts[t + 1]! - phrasingStarts[t]!) * (starts[t + 1]! - starts[t]!);
  const epochs = Math.min(TRAINING.epochs, Math.floor(BUDGET / Math.max(cost, 1)));
  const perGroup = data.phrasingGroup.length / Math.max(data.groupEntry.length, 1);
  if (epochs < MIN_EPOCHS || perGroup < MIN_PHRASINGS) return undefined;

  const examples = phrasingVectors(data);
  const ranker = {
    weights: data.centroids.weights.map((weight) => weight * WARM_START),
    bias: new Float64Array(data.groupEntry.length),
  };
  const scratch = createScratch(data.groupEntry.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = TRAINING.rate / (1 + epoch);
    examples.forEach((x, k) => step(data, ranker, scratch, x, data.phrasingGroup[k]!, rate));
  }
  return ranker;
}

// The phrasings' own TF-IDF vectors, read back out of their postings instead of analyzing the text again.
function phrasingVectors(data: IndexData): QueryVector[] {
  const vectors = Array.from(data.phrasingGroup, () => ({ terms: [] as number[], weights: [] as number[] }));
  const { starts, docs, weights } = data.phrasings;
  for (let t = 0; t + 1 < starts.length; t++) {
    for (let i = starts[t]!; i < starts[t + 1]!; i++) {
      vectors[docs[i]!]!.terms.push(t);
      vectors[docs[i]!]!.weights.push(weights[i]!);
    }
  }
  return vectors;
}

/** The ranker's probability of each entry the question touches (an entry takes its best group). */
export function rankerProbabilities(data: IndexData, ranker: Ranker, x: QueryVector): Map<number, number> {
  const scratch = createScratch(data.groupEntry.length);
  const touched = softmax(data, ranker, scratch, x);
  const byEntry = new Map<number, number>();
  for (const group of touched) {
    const entry = data.groupEntry[group]!;
    byEntry.set(entry, Math.max(byEntry.get(entry) ?? 0, scratch.scores[group]!));
  }
  return byEntry;
}

/** A question's terms as a vector over the index's vocabulary (unknown terms still take their share). */
export function queryVector(data: IndexData, analyzed: readonly string[]): QueryVector {
  const terms: number[] = [];
  const weights: number[] = [];
  for (const [term, weight] of weigh(analyzed, idfLookup(data.terms, data.idf), data.unknownIdf)) {
    const id = data.terms.get(term);
    if (id === undefined) continue;
    terms.push(id);
    weights.push(weight);
  }
  return { terms, weights };
}

interface Scratch {
  scores: Float64Array;
  seen: Uint8Array;
}

const createScratch = (groups: number): Scratch => ({
  scores: new Float64Array(groups),
  seen: new Uint8Array(groups),
});

// Softmax over the groups that share a term with the question; leaves the probabilities in scratch.scores.
function softmax(data: IndexData, ranker: Ranker, { scores, seen }: Scratch, x: QueryVector): number[] {
  const { starts, docs } = data.centroids;
  const { weights, bias } = ranker;
  const touched: number[] = [];
  for (let k = 0; k < x.terms.length; k++) {
    const term = x.terms[k]!;
    const weight = x.weights[k]!;
    for (let i = starts[term]!, end = starts[term + 1]!; i < end; i++) {
      const group = docs[i]!;
      if (seen[group] === 0) {
        seen[group] = 1;
        touched.push(group);
        scores[group] = bias[group]!;
      }
      scores[group] = scores[group]! + weight * weights[i]!;
    }
  }
  let max = -Infinity;
  for (const group of touched) max = Math.max(max, scores[group]!);
  let sum = 0;
  for (const group of touched) sum += scores[group] = Math.exp(scores[group]! - max);
  for (const group of touched) {
    scores[group] = scores[group]! / sum;
    seen[group] = 0;
  }
  return touched;
}

// One SGD step on the cross-entropy of example x of class `label`.
function step(
  data: IndexData,
  ranker: Ranker,
  scratch: Scratch,
  x: QueryVector,
  label: number,
  rate: number,
) {
  const touched = softmax(data, ranker, scratch, x);
  const error = scratch.scores;
  error[label] = error[label]! - 1;
  const { starts, docs } = data.centroids;
  const { weights, bias } = ranker;
  for (let k = 0; k < x.terms.length; k++) {
    const term = x.terms[k]!;
    const scaled = rate * x.weights[k]!;
    for (let i = starts[term]!, end = starts[term + 1]!; i < end; i++)
      weights[i] = weights[i]! - scaled * error[docs[i]!]!;
  }
  for (const group of touched) bias[group] = bias[group]! - rate * error[group]!;
}
