import { jiebaDictionaryVersion } from './jieba.js';
import type { Word } from './tokenize.js';

// Segmentations of the chunks that index builds met, kept for the process: a warm Lambda or server rebuilds its
// index whenever the FAQ changes (LiveFaq.publish after each edit), and nearly every chunk of the new version was
// segmented for the last one, which spares the rebuild jieba and the stemmer (a fifth of a 1,000-entry build).
// Bounded (a real FAQ's vocabulary is tens of thousands of chunks): a full cache starts over at the next build,
// as it does when synonyms add words to jieba's dictionary, after which a Chinese chunk may segment differently.
const SEGMENTS = new Map<string, Word[]>();
const MAX_SEGMENTS = 100_000;
let segmentedWith = jiebaDictionaryVersion();

/** The process's segment cache for an index build (segment() in tokenize.ts), emptied if it may be stale or full. */
export function buildSegments(): Map<string, Word[]> {
  if (SEGMENTS.size >= MAX_SEGMENTS || segmentedWith !== jiebaDictionaryVersion()) {
    SEGMENTS.clear();
    segmentedWith = jiebaDictionaryVersion();
  }
  return SEGMENTS;
}

/** Empties the cache: the benchmark's first builds are timed without segmentations of earlier builds. */
export function forgetSegments(): void {
  SEGMENTS.clear();
}
