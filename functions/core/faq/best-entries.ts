import { exactScore, type Scratch, scratchOf } from './best-entries-scratch.js';
import { NEAREST_SHARE, type TermWeights } from './entry-similarity.js';
import type { IndexData } from './faq-index.js';

/** The best entries' similarities, as similaritiesOf has them, with entries that cannot be among them left out. */
export interface BestSimilarities {
  /** At least the `limit` most similar entries, in the order similaritiesOf lists them. */
  entries: number[];
  of: Float64Array;
}

// Slack for the rounding of sums taken in another order than the exact scores' (relative errors near 1e-15).
const SLACK = 1e-9;
// Lists shorter than this are walked without first asking whether they can be skipped.
const SHORT_LIST = 256;
const CENTROID_SHARE = 1 - NEAREST_SHARE;
// Scoring one entry exactly costs about as much as walking this many postings: the walk stops early only where
// the entries it would leave to score cost less than the postings it would skip.
const SCORE_COST = 1000;

/**
 * The entries that can be among the `limit` most similar, with their exact similarities, without walking the
 * phrasings' postings (the longest lists: a common word is in most of 100,000 phrasings), and often without
 * walking the common words' centroid postings either. Walking a term's centroid postings gives each group it
 * touches its share of the centroid score c and of a bound m on the nearest phrasing (each term's largest
 * weight in one of the group's phrasings), so a group scores between 0.7·c + 0.3·c·|S|/n (the nearest
 * phrasing is at least the average: c·|S| sums n phrasing scores) and 0.7·c + 0.3·m, plus at most what the
 * terms not walked yet can add (their largest weights anywhere).
 *
 * Terms are walked in the order of the most they can add (rare words first, letter grams of common words
 * last). Before a long list, once the walk has doubled since the last look, the `limit` entries with the best
 * lower bounds are scored exactly (scoreEntry): when the unwalked terms together cannot lift an untouched entry
 * to the worst of those scores, and the entries left to score cost less than the postings left, the rest is
 * skipped. Every touched entry whose upper bound reaches that
 * score is then scored exactly, and they are listed in similaritiesOf's order so that ties break the same way.
 */
export function bestSimilarities(data: IndexData, query: TermWeights, limit: number): BestSimilarities {
  const scratch = scratchOf(data);
  const { sums, touched, exact, firstTouch } = scratch;
  const { starts, docs, weights } = data.centroids;
  const max = data.centroidMax;
  const length = (k: number) => starts[query.terms[k]! + 1]! - starts[query.terms[k]!]!;
  // Most promising first: what a term can add to any entry's score, at most.
  const most = Array.from(query.terms, (term, k) => {
    const { termMaxCentroid: c, termMaxPhrasing: p } = data;
    return query.weights[k]! * (CENTROID_SHARE * c[term]! + NEAREST_SHARE * p[term]!);
  });
  const order = Array.from(query.terms, (_, k) => k).sort((a, b) => most[b]! - most[a]!);
  const of = new Float64Array(data.ids.length);
  let count = 0;
  let walked = 0;
  let checked = 0;
  let threshold = 0;
  let next = 0;
  for (; next < order.length; next++) {
    const k = order[next]!;
    // Worth asking (exact scores of a few entries) before a long list, and again once the walk has doubled.
    if (count > 0 && length(k) >= SHORT_LIST && walked >= 2 * checked) {
      checked = walked;
      threshold = Math.max(threshold, leadersThreshold(data, query, scratch, count, limit));
      const rest = unwalked(data, query, order, next);
      if (CENTROID_SHARE * rest.centroid + NEAREST_SHARE * rest.nearest < threshold * (1 - SLACK) - SLACK) {
        let left = 0;
        for (let j = next; j < order.length; j++) left += length(order[j]!);
        if (candidatesOf(scratch, count, rest, threshold) * SCORE_COST < left) break;
      }
    }
    const term = query.terms[k]!;
    const weight = query.weights[k]!;
    for (let i = starts[term]!, end = starts[term + 1]!; i < end; i++) {
      const group = docs[i]!;
      const score = sums[2 * group]!;
      if (score === 0) touched[count++] = group;
      sums[2 * group] = score + weight * weights[i]!;
      sums[2 * group + 1] = sums[2 * group + 1]! + weight * max[i]!;
    }
    walked += length(k);
  }
  if (next === order.length) {
    threshold = Math.max(threshold, leadersThreshold(data, query, scratch, count, limit));
  }
  const rest = unwalked(data, query, order, next);

  const entries: number[] = [];
  for (let k = 0; k < count; k++) {
    const group = touched[k]!;
    if (!reaches(scratch, group, rest, threshold)) continue;
    const entry = data.groupEntry[group]!;
    if (of[entry] !== 0) continue;
    // Kept from the threshold's leaders or scored now; an entry scoring 0 is listed nowhere.
    of[entry] = exactScore(data, query, scratch, entry);
    if (of[entry]! > 0) entries.push(entry);
  }
  for (let k = 0; k < count; k++) sums[2 * touched[k]!] = sums[2 * touched[k]! + 1] = 0;
  entries.sort((a, b) => firstTouch[a]! - firstTouch[b]!);
  for (const entry of scratch.scored) exact[entry] = -1;
  scratch.scored.length = 0;
  return { entries, of };
}

// Whether a group may score the threshold, given what the unwalked terms can add.
function reaches(scratch: Scratch, group: number, rest: Rest, threshold: number): boolean {
  const high =
    CENTROID_SHARE * (scratch.sums[2 * group]! + rest.centroid) +
    NEAREST_SHARE * (scratch.sums[2 * group + 1]! + rest.nearest);
  return high * (1 + SLACK) + SLACK >= threshold;
}

// How many touched groups may still score the threshold (an entry with two of them counts twice).
function candidatesOf(scratch: Scratch, count: number, rest: Rest, threshold: number): number {
  let candidates = 0;
  for (let k = 0; k < count; k++) if (reaches(scratch, scratch.touched[k]!, rest, threshold)) candidates++;
  return candidates;
}

interface Rest {
  centroid: number;
  nearest: number;
}

// The most the terms from order[next] on can add to a centroid score and to a nearest phrasing's score.
function unwalked(data: IndexData, query: TermWeights, order: readonly number[], next: number): Rest {
  let centroid = 0;
  let nearest = 0;
  for (let j = next; j < order.length; j++) {
    const k = order[j]!;
    centroid += query.weights[k]! * data.termMaxCentroid[query.terms[k]!]!;
    nearest += query.weights[k]! * data.termMaxPhrasing[query.terms[k]!]!;
  }
  return { centroid, nearest };
}

// The worst exact score among the `limit` touched entries with the best lower bounds (0 when fewer entries
// are touched): at least `limit` entries score that much, so no entry below it can be among the best.
function leadersThreshold(
  data: IndexData,
  query: TermWeights,
  scratch: Scratch,
  count: number,
  limit: number,
): number {
  const leaders: number[] = [];
  const lows: number[] = [];
  for (let k = 0; k < count; k++) {
    const group = scratch.touched[k]!;
    const entry = data.groupEntry[group]!;
    const low = scratch.sums[2 * group]! * scratch.lowShare[group]!;
    // Most groups fall below every leader, which is asked first.
    if (leaders.length === limit && low <= lows[limit - 1]!) continue;
    let at = leaders.indexOf(entry);
    if (at >= 0) {
      if (low <= lows[at]!) continue;
      leaders.splice(at, 1);
      lows.splice(at, 1);
    } else if (leaders.length === limit) {
      leaders.pop();
      lows.pop();
    }
    at = lows.length;
    while (at > 0 && lows[at - 1]! < low) at--;
    leaders.splice(at, 0, entry);
    lows.splice(at, 0, low);
  }
  if (leaders.length < limit) return 0;
  let threshold = Infinity;
  for (const entry of leaders) threshold = Math.min(threshold, exactScore(data, query, scratch, entry));
  return threshold;
}
