import type { IndexData } from './faq-index.js';

// Share of the nearest phrasing in an entry's score; the centroid carries the rest. Chosen on the dev sets:
// centroids alone generalise better, and a little of the nearest phrasing rewards near-verbatim questions.
export const NEAREST_SHARE = 0.3;

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
  return scoreEntry(data, query, entry, leaveOut).similarity;
}

/**
 * {@link entrySimilarity}, and where the entry comes in similaritiesOf's list: `firstTouch` orders entries as
 * their first group is touched there (query term by query term, groups ascending within a term).
 * The result object is reused by the next call.
 */
export function scoreEntry(
  data: IndexData,
  query: TermWeights,
  entry: number,
  leaveOut?: number,
): { similarity: number; firstTouch: number } {
  const ranges = rangesOf(data);
  const firstDoc = ranges.docs[entry]!;
  const endDoc = ranges.docs[entry + 1]!;
  const firstGroup = ranges.groups[entry]!;
  const endGroup = ranges.groups[entry + 1]!;
  const { phrasing, centroid, nearest, touched } = buffers(endDoc - firstDoc, endGroup - firstGroup);
  const p = data.phrasings;
  const c = data.centroids;
  const groups = data.groupEntry.length;
  const docs = data.phrasingGroup.length;
  let firstTouch = Infinity;
  for (let k = 0; k < query.terms.length; k++) {
    const term = query.terms[k]!;
    const weight = query.weights[k]!;
    let found = false;
    for (let i = seek(c.docs, c.starts[term]!, c.starts[term + 1]!, firstGroup, groups); ; i++) {
      if (i >= c.starts[term + 1]! || c.docs[i]! >= endGroup) break;
      const at = c.docs[i]! - firstGroup;
      centroid[at] = centroid[at]! + weight * c.weights[i]!;
      if (firstTouch === Infinity) firstTouch = k * data.groupEntry.length + c.docs[i]!;
      touched[at] = 1;
      found = true;
    }
    // A term in none of the entry's centroids is in none of its phrasings.
    if (!found) continue;
    for (let i = seek(p.docs, p.starts[term]!, p.starts[term + 1]!, firstDoc, docs); ; i++) {
      if (i >= p.starts[term + 1]! || p.docs[i]! >= endDoc) break;
      const at = p.docs[i]! - firstDoc;
      phrasing[at] = phrasing[at]! + weight * p.weights[i]!;
    }
  }
  for (let doc = firstDoc; doc < endDoc; doc++) {
    const at = data.phrasingGroup[doc]! - firstGroup;
    const score = phrasing[doc - firstDoc]!;
    if (doc !== leaveOut && score > nearest[at]!) nearest[at] = score;
    phrasing[doc - firstDoc] = 0;
  }
  if (leaveOut !== undefined) {
    // The question is the left-out unit vector v, so with S the group's summed vectors:
    // cos(v, S - v) = (v·S - 1) / |S - v| and |S - v|² = |S|² - 2 v·S + 1.
    const group = data.phrasingGroup[leaveOut]!;
    const norm = data.centroidNorms[group]!;
    const dot = centroid[group - firstGroup]! * norm;
    const rest = Math.sqrt(Math.max(norm * norm - 2 * dot + 1, 0));
    centroid[group - firstGroup] = rest > 1e-9 ? (dot - 1) / rest : 0;
  }
  let best = 0;
  for (let at = 0; at < endGroup - firstGroup; at++) {
    const score = NEAREST_SHARE * nearest[at]! + (1 - NEAREST_SHARE) * centroid[at]!;
    if (touched[at] === 1 && score > best) best = score;
    centroid[at] = nearest[at] = touched[at] = 0;
  }
  result.similarity = best;
  result.firstTouch = firstTouch;
  return result;
}

const result = { similarity: 0, firstTouch: 0 };

/** The first position in sorted[low..high) whose value is at least `value`. */
export function lowerBound(sorted: ArrayLike<number>, low: number, high: number, value: number): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Lists this short are searched by halves from the start.
const SHORT = 16;

/**
 * {@link lowerBound} for a list of numbers below `span` spread about evenly (a common term's postings): the
 * search starts where the value would sit and widens from there in doubling steps, a few probes near one
 * another instead of a dozen across the list. A guess that is far off costs a few probes more.
 */
function seek(sorted: ArrayLike<number>, low: number, high: number, value: number, span: number): number {
  if (high - low < SHORT) return lowerBound(sorted, low, high, value);
  const guess = Math.min(high - 1, low + Math.floor(((high - low) * value) / span));
  let step = 1;
  if (sorted[guess]! < value) {
    // Everything up to `from` is below the value.
    let from = guess + 1;
    while (from + step < high && sorted[from + step - 1]! < value) {
      from += step;
      step *= 2;
    }
    return lowerBound(sorted, from, Math.min(from + step, high), value);
  }
  // sorted[to] is at least the value.
  let to = guess;
  while (to - step >= low && sorted[to - step]! >= value) {
    to -= step;
    step *= 2;
  }
  return lowerBound(sorted, Math.max(to - step + 1, low), to, value);
}

// Where each entry's phrasings and groups start (entry e's are docs[e] up to docs[e + 1]), once per index.
const ranges = new WeakMap<IndexData, { docs: Int32Array; groups: Int32Array }>();
function rangesOf(data: IndexData): { docs: Int32Array; groups: Int32Array } {
  let known = ranges.get(data);
  if (known === undefined) {
    const docs = new Int32Array(data.ids.length + 1);
    const groups = new Int32Array(data.ids.length + 1);
    for (const group of data.phrasingGroup) docs[data.groupEntry[group]! + 1]!++;
    for (const entry of data.groupEntry) groups[entry + 1]!++;
    for (let e = 0; e < data.ids.length; e++) {
      docs[e + 1]! += docs[e]!;
      groups[e + 1]! += groups[e]!;
    }
    ranges.set(data, (known = { docs, groups }));
  }
  return known;
}

// Zeroed buffers for one entry's scores, grown to the largest entry seen and zeroed again after each use: the
// search scores dozens of entries per question, and fresh typed arrays for each would cost more than the sums.
const shared = {
  phrasing: new Float64Array(16),
  centroid: new Float64Array(16),
  nearest: new Float64Array(16),
  touched: new Uint8Array(16),
};
function buffers(docs: number, groups: number): typeof shared {
  const size = Math.max(docs, groups);
  if (size > shared.phrasing.length) {
    shared.phrasing = new Float64Array(size);
    shared.centroid = new Float64Array(size);
    shared.nearest = new Float64Array(size);
    shared.touched = new Uint8Array(size);
  }
  return shared;
}
