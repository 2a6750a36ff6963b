import { NEAREST_SHARE, scoreEntry, type TermWeights } from './entry-similarity.js';
import type { IndexData } from './faq-index.js';

// The search state of best-entries.ts for one index.

const CENTROID_SHARE = 1 - NEAREST_SHARE;

/** Arrays sized to the index, kept between questions (reset again after each) rather than allocated for each. */
export interface Scratch {
  /** Each group's centroid score and, beside it, its bound on the nearest phrasing: one cache line for both. */
  sums: Float64Array;
  touched: Int32Array;
  /**
   * A group's lower bound over its centroid score c is c times this: the centroid's share, and the nearest
   * phrasing's share of the average phrasing score (c·|S|/n). Rounded otherwise than the bound itself, it only
   * picks the entries that set the threshold, whose exact scores are what count.
   */
  lowShare: Float64Array;
  /** Each entry's exact similarity this question (-1 until scored), where it first came, and the entries scored. */
  exact: Float64Array;
  firstTouch: Float64Array;
  scored: number[];
}
const scratches = new WeakMap<IndexData, Scratch>();
/** The index's scratch arrays, made on its first question. */
export function scratchOf(data: IndexData): Scratch {
  let scratch = scratches.get(data);
  if (scratch === undefined) {
    const groups = data.groupEntry.length;
    const groupSize = new Int32Array(groups);
    for (const group of data.phrasingGroup) groupSize[group]!++;
    const lowShare = data.centroidNorms.map(
      (norm, g) => CENTROID_SHARE + (NEAREST_SHARE * norm) / groupSize[g]!,
    );
    scratch = {
      sums: new Float64Array(2 * groups),
      touched: new Int32Array(groups),
      lowShare,
      exact: new Float64Array(data.ids.length).fill(-1),
      firstTouch: new Float64Array(data.ids.length),
      scored: [],
    };
    scratches.set(data, scratch);
  }
  return scratch;
}

/**
 * An entry's exact similarity (scoreEntry), kept for the rest of the question: the leaders of one look at the
 * threshold are mostly those of the next, and end among the candidates. bestSimilarities forgets them after each.
 */
export function exactScore(data: IndexData, query: TermWeights, scratch: Scratch, entry: number): number {
  if (scratch.exact[entry]! < 0) {
    const scored = scoreEntry(data, query, entry);
    scratch.exact[entry] = scored.similarity;
    scratch.firstTouch[entry] = scored.firstTouch;
    scratch.scored.push(entry);
  }
  return scratch.exact[entry]!;
}
