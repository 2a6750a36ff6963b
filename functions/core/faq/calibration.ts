import { entrySimilarity } from './entry-similarity.js';
import type { FaqAnalysis } from './faq-analysis.js';
import type { IndexData } from './faq-index.js';

// Enough phrasings for a stable median, few enough that a 5,000-phrasing FAQ still builds in milliseconds.
const SAMPLE = 256;
// Leaving one of only two phrasings out compares it with a single sentence, which understates how close a
// real paraphrase comes to the full entry; three or more keep the rest representative.
const MIN_GROUP = 3;

/**
 * The index's typical similarity between a paraphrase and its own entry: the median, over a sample of
 * phrasings, of each phrasing's similarity to its entry with that phrasing left out. Some FAQs phrase one
 * question five near-identical ways, others five very different ways; dividing by this figure puts every
 * index on one scale, so that one set of thresholds serves them all. Undefined when no entry has three
 * phrasings in one language to compare.
 *
 * A phrasing asked as a question analyzes into the terms it was indexed with, so its vector is read from the
 * analysis (terms in the order a question's are summed) and the build's weights of those occurrences, and only
 * its own entry is scored: the cost does not grow with the FAQ.
 */
export function typicalSimilarity(
  data: IndexData,
  analysis: Pick<FaqAnalysis, 'phrasingStarts' | 'occurrenceTerms'>,
  occurrenceWeights: Float64Array,
): number | undefined {
  const counts = new Int32Array(data.groupEntry.length);
  for (const group of data.phrasingGroup) counts[group]!++;
  const eligible: number[] = [];
  data.phrasingGroup.forEach((group, doc) => counts[group]! >= MIN_GROUP && eligible.push(doc));
  if (eligible.length === 0) return undefined;
  const step = Math.max(1, eligible.length / SAMPLE);
  const own: number[] = [];
  for (let k = 0; k < eligible.length; k += step) {
    const doc = eligible[Math.floor(k)]!;
    const from = analysis.phrasingStarts[doc]!;
    const to = analysis.phrasingStarts[doc + 1]!;
    const query = {
      terms: analysis.occurrenceTerms.subarray(from, to),
      weights: occurrenceWeights.subarray(from, to),
    };
    own.push(entrySimilarity(data, query, data.groupEntry[data.phrasingGroup[doc]!]!, doc));
  }
  own.sort((a, b) => a - b);
  return own[Math.floor((own.length - 1) / 2)];
}
