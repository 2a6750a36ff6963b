import type { IndexData } from './faq-index.js';
import { similarities } from './rank.js';

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
 */
export function typicalSimilarity(data: IndexData, phrasings: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const group of data.phrasingGroup) counts.set(group, (counts.get(group) ?? 0) + 1);
  const eligible = phrasings.flatMap((_, doc) =>
    (counts.get(data.phrasingGroup[doc]!) ?? 0) >= MIN_GROUP ? [doc] : [],
  );
  if (eligible.length === 0) return undefined;
  const step = Math.max(1, eligible.length / SAMPLE);
  const own: number[] = [];
  for (let k = 0; k < eligible.length; k += step) {
    const doc = eligible[Math.floor(k)]!;
    own.push(similarities(data, phrasings[doc]!, doc).of[data.groupEntry[data.phrasingGroup[doc]!]!]!);
  }
  own.sort((a, b) => a - b);
  return own[Math.floor((own.length - 1) / 2)];
}
