import type { IndexData } from './faq-index.js';
import { NEAREST_SHARE } from './rank.js';

/** A question's known terms and their weights, in the order similaritiesOf sums them. */
export interface TermWeights {
  terms: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/**
 * One entry's similarity to a question, exactly (to the last bit) what similaritiesOf gives it, without scoring
 * any other entry: the entry's phrasings and groups are consecutive numbers, so each of the question's terms
 * needs one binary search into its postings. `leaveOut` scores the entry as if that phrasing of it were not
 * there (the question must be that phrasing's vector), which is how the index measures its own typical
 * similarity.
 */
export function entrySimilarity(
  data: IndexData,
  query: TermWeights,
  entry: number,
  leaveOut?: number,
): number {
  const docs = rangeOf(data.phrasingGroup.length, (doc) => data.groupEntry[data.phrasingGroup[doc]!]!, entry);
  const groups = rangeOf(data.groupEntry.length, (group) => data.groupEntry[group]!, entry);
  const phrasing = new Float64Array(docs.end - docs.start);
  const centroid = new Float64Array(groups.end - groups.start);
  const touched = new Uint8Array(centroid.length);
  for (let k = 0; k < query.terms.length; k++) {
    const term = query.terms[k]!;
    const weight = query.weights[k]!;
    const p = data.phrasings;
    for (
      let i = lowerBound(p.docs, p.starts[term]!, p.starts[term + 1]!, docs.start);
      i < p.starts[term + 1]!;
      i++
    ) {
      if (p.docs[i]! >= docs.end) break;
      const at = p.docs[i]! - docs.start;
      phrasing[at] = phrasing[at]! + weight * p.weights[i]!;
    }
    const c = data.centroids;
    for (
      let i = lowerBound(c.docs, c.starts[term]!, c.starts[term + 1]!, groups.start);
      i < c.starts[term + 1]!;
      i++
    ) {
      if (c.docs[i]! >= groups.end) break;
      const at = c.docs[i]! - groups.start;
      centroid[at] = centroid[at]! + weight * c.weights[i]!;
      touched[at] = 1;
    }
  }
  const nearest = new Float64Array(centroid.length);
  for (let doc = docs.start; doc < docs.end; doc++) {
    const at = data.phrasingGroup[doc]! - groups.start;
    const score = phrasing[doc - docs.start]!;
    if (doc !== leaveOut && score > nearest[at]!) nearest[at] = score;
  }
  if (leaveOut !== undefined) {
    // The question is the left-out unit vector v, so with S the group's summed vectors:
    // cos(v, S - v) = (v·S - 1) / |S - v| and |S - v|² = |S|² - 2 v·S + 1.
    const group = data.phrasingGroup[leaveOut]!;
    const norm = data.centroidNorms[group]!;
    const dot = centroid[group - groups.start]! * norm;
    const rest = Math.sqrt(Math.max(norm * norm - 2 * dot + 1, 0));
    centroid[group - groups.start] = rest > 1e-9 ? (dot - 1) / rest : 0;
  }
  let best = 0;
  for (let at = 0; at < centroid.length; at++) {
    if (touched[at] === 0) continue;
    const score = NEAREST_SHARE * nearest[at]! + (1 - NEAREST_SHARE) * centroid[at]!;
    if (score > best) best = score;
  }
  return best;
}

/** The first position in sorted[low..high) whose value is at least `value`. */
export function lowerBound(sorted: ArrayLike<number>, low: number, high: number, value: number): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

// The numbers 0..size whose (nondecreasing) entry is `entry`.
function rangeOf(
  size: number,
  entryOf: (k: number) => number,
  entry: number,
): { start: number; end: number } {
  const first = (target: number) => {
    let low = 0;
    let high = size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (entryOf(mid) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return { start: first(entry), end: first(entry + 1) };
}
