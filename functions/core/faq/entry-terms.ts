import type { IndexData } from './faq-index.js';
import { MARK } from './tokenize.js';

// Lookups of what an entry's phrasings use, in the index's posting lists: the evidence rules (evidence.ts) and
// the frame rule (topic.ts) ask them of the best entries of every question.

const HAN = /\p{Script=Han}/u;

/**
 * Whether the entry uses the word and no other entry does: a Chinese word known by its character bigrams only
 * (礼品, inside 礼品包装) is the entry's alone when one of its bigrams is.
 */
export function onlyIn(data: IndexData, word: string, entry: number): boolean {
  if (!usedBy(data, word, entry)) return false;
  const id = data.terms.get(word);
  if (id !== undefined) return entriesOf(data, id) === 1;
  const chars = [...word];
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = data.terms.get(MARK.chineseGram + chars[i] + chars[i + 1]);
    if (gram !== undefined && entriesOf(data, gram) === 1) return true;
  }
  return false;
}

/** Whether the entry uses the word, or, for a Chinese word it never uses whole, every character bigram of it. */
export function usedBy(data: IndexData, word: string, entry: number): boolean {
  if (has(data, data.terms.get(word), entry)) return true;
  if (!HAN.test(word)) return false;
  const chars = [...word];
  if (chars.length < 2) return false;
  for (let i = 0; i + 1 < chars.length; i++) {
    if (!has(data, data.terms.get(MARK.chineseGram + chars[i] + chars[i + 1]), entry)) return false;
  }
  return true;
}

/**
 * Whether a term occurs in one of the entry's centroids. A term's centroid postings are in group order, and
 * an entry's groups are consecutive, so a binary search finds the first group at or after the entry's.
 */
export function has(data: IndexData, term: number | undefined, entry: number): boolean {
  if (term === undefined) return false;
  const { starts, docs } = data.centroids;
  let low = starts[term]!;
  let high = starts[term + 1]!;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (data.groupEntry[docs[mid]!]! < entry) low = mid + 1;
    else high = mid;
  }
  return low < starts[term + 1]! && data.groupEntry[docs[low]!] === entry;
}

/** Share of the entry's phrasings that contain the term (phrasings of an entry are consecutive documents). */
export function phrasingShare(data: IndexData, term: number, entry: number): number {
  const { starts, docs } = data.phrasings;
  const entryOf = (doc: number) => data.groupEntry[data.phrasingGroup[doc]!]!;
  let hits = 0;
  for (
    let i = lowerBound(starts[term]!, starts[term + 1]!, (k) => entryOf(docs[k]!) < entry);
    i < starts[term + 1]! && entryOf(docs[i]!) === entry;
    i++
  )
    hits++;
  let own = 0;
  for (
    let doc = lowerBound(0, data.phrasingGroup.length, (k) => entryOf(k) < entry);
    doc < data.phrasingGroup.length && entryOf(doc) === entry;
    doc++
  )
    own++;
  return own > 0 ? hits / own : 0;
}

function lowerBound(low: number, high: number, before: (k: number) => boolean): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Entries a term occurs in, from its idf (idf = ln(1 + entries / df)). */
export function entriesOf(data: IndexData, term: number): number {
  return Math.round(data.ids.length / (Math.exp(data.idf[term]!) - 1));
}
