import type { FaqAnalysis } from './faq-analysis.js';
import { rawWeight } from './vectors.js';

/**
 * The index in the form a snapshot stores: term-major postings with term counts, not weights (the weights
 * follow from counts, idf and the norms in one pass, and counts are small integers that pack tightly), plus
 * the vector lengths, which must be summed in each vector's own term order to come out bit-identical.
 * Term t's phrasings are postingDocs[postingStarts[t]] up to postingStarts[t + 1], in ascending order.
 */
export interface IndexParts extends Pick<
  FaqAnalysis,
  | 'ids'
  | 'phrasingGroup'
  | 'groupEntry'
  | 'terms'
  | 'entryFrequency'
  | 'compounds'
  | 'compoundEntry'
  | 'surfaces'
  | 'surfaceStems'
  | 'surfaceCounts'
> {
  postingStarts: Int32Array;
  postingDocs: Int32Array;
  /** Term counts: bytes as a snapshot stores them when every count fits in one (most do). */
  postingCounts: Int32Array | Uint8Array;
  /** Length of each phrasing's TF-IDF vector before normalisation. */
  phrasingNorms: Float64Array;
  /** Length of each group's summed unit phrasing vectors. */
  centroidNorms: Float64Array;
  /**
   * Each posting's TF-IDF weight, where a fresh build has computed it already; a snapshot does not store it
   * (it follows from the counts), and the weights come out the same to the last bit either way.
   */
  postingWeights?: Float64Array;
  /** Each term's idf, where a fresh build has computed it already (a snapshot does not store it). */
  idf?: Float64Array;
  /** Term → term number, where a fresh analysis has it already (a snapshot does not store it). */
  termIndex?: Map<string, number>;
  /** A fresh build's weights in the analysis's order (phrasing by phrasing), which calibration reads. */
  occurrenceWeights?: Float64Array;
}

/** Inverts an analysis and measures its vectors, in phrasing order (the order the lengths are defined in). */
export function indexParts(analysis: FaqAnalysis): IndexParts {
  const { phrasingStarts, occurrenceTerms, occurrenceCounts, phrasingGroup, groupEntry } = analysis;
  const termCount = analysis.terms.length;
  const phrasingCount = phrasingStarts.length - 1;
  const idf = new Float64Array(termCount);
  const weightOf = new Float64Array(termCount);
  analysis.terms.forEach((term, id) => {
    idf[id] = Math.log(1 + analysis.ids.length / analysis.entryFrequency[id]!);
    weightOf[id] = rawWeight(term, 1, idf[id]!);
  });
  const weights = new Float64Array(occurrenceTerms.length);
  const phrasingNorms = new Float64Array(phrasingCount);
  for (let p = 0; p < phrasingCount; p++) {
    let squares = 0;
    for (let k = phrasingStarts[p]!; k < phrasingStarts[p + 1]!; k++) {
      const id = occurrenceTerms[k]!;
      const count = occurrenceCounts[k]!;
      const weight = count === 1 ? weightOf[id]! : rawWeight(analysis.terms[id]!, count, idf[id]!);
      weights[k] = weight;
      squares += weight * weight;
    }
    const norm = (phrasingNorms[p] = Math.sqrt(squares));
    if (norm > 0)
      for (let k = phrasingStarts[p]!; k < phrasingStarts[p + 1]!; k++) weights[k] = weights[k]! / norm;
  }

  // Centroid lengths: each group's unit vectors summed in phrasing order, squares in first-touch order.
  const groupStarts = new Int32Array(groupEntry.length + 1);
  for (const group of phrasingGroup) groupStarts[group + 1]!++;
  for (let g = 0; g < groupEntry.length; g++) groupStarts[g + 1]! += groupStarts[g]!;
  const groupDocs = new Int32Array(phrasingCount);
  const nextInGroup = groupStarts.slice(0, groupEntry.length);
  for (let p = 0; p < phrasingCount; p++) groupDocs[nextInGroup[phrasingGroup[p]!]!++] = p;
  const sum = new Float64Array(termCount);
  const touched = new Int32Array(termCount);
  const centroidNorms = new Float64Array(groupEntry.length);
  for (let g = 0; g < groupEntry.length; g++) {
    let size = 0;
    for (let i = groupStarts[g]!; i < groupStarts[g + 1]!; i++) {
      const p = groupDocs[i]!;
      for (let k = phrasingStarts[p]!; k < phrasingStarts[p + 1]!; k++) {
        const id = occurrenceTerms[k]!;
        if (sum[id] === 0) touched[size++] = id;
        sum[id] = sum[id]! + weights[k]!;
      }
    }
    let squares = 0;
    for (let t = 0; t < size; t++) squares += sum[touched[t]!]! * sum[touched[t]!]!;
    centroidNorms[g] = Math.sqrt(squares);
    for (let t = 0; t < size; t++) sum[touched[t]!] = 0;
  }

  // Term-major postings by a stable counting sort, so each term's phrasings stay ascending.
  const postingStarts = new Int32Array(termCount + 1);
  // An indexed loop: over a typed array this long, for-of takes about twice as long.
  for (let k = 0; k < occurrenceTerms.length; k++) postingStarts[occurrenceTerms[k]! + 1]!++;
  for (let t = 0; t < termCount; t++) postingStarts[t + 1]! += postingStarts[t]!;
  const next = postingStarts.slice(0, termCount);
  const postingDocs = new Int32Array(occurrenceTerms.length);
  const postingCounts = new Int32Array(occurrenceTerms.length);
  const postingWeights = new Float64Array(occurrenceTerms.length);
  for (let p = 0; p < phrasingCount; p++) {
    for (let k = phrasingStarts[p]!; k < phrasingStarts[p + 1]!; k++) {
      const at = next[occurrenceTerms[k]!]!++;
      postingDocs[at] = p;
      postingCounts[at] = occurrenceCounts[k]!;
      postingWeights[at] = weights[k]!;
    }
  }
  const { ids, terms, termIndex, entryFrequency, compounds, compoundEntry } = analysis;
  const { surfaces, surfaceStems, surfaceCounts } = analysis;
  return {
    ...{
      ids,
      phrasingGroup,
      groupEntry,
      terms,
      termIndex,
      entryFrequency,
      compounds,
      compoundEntry,
      surfaces,
      surfaceStems,
      surfaceCounts,
    },
    ...{ postingStarts, postingDocs, postingCounts, postingWeights, phrasingNorms, centroidNorms, idf },
    occurrenceWeights: weights,
  };
}
