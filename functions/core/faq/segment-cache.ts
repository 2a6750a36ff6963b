import { jiebaDictionaryVersion } from './jieba.js';
import { chunksOf, latinWord, segmentChunks, type Word } from './tokenize.js';

/** A space-free piece of normalized text and its words, chained to the other pieces of the same hash. */
interface Piece {
  text: string;
  words: Word[];
  next: Piece | undefined;
}

/**
 * Segmentations by chunk (segmentChinese in tokenize.ts fills it with jieba's), and beside them by piece: the
 * space-free pieces of normalized text, found by a hash taken while scanning, so a piece met before is neither
 * cut out of its text as a string nor hashed again as one. Clearing it clears both.
 */
export class SegmentCache extends Map<string, Word[]> {
  readonly pieces = new Map<number, Piece>();
  override clear(): void {
    super.clear();
    this.pieces.clear();
  }
}

// Segmentations of the chunks that index builds met, kept for the process: a warm Lambda or server rebuilds its
// index whenever the FAQ changes (LiveFaq.publish after each edit), and nearly every chunk of the new version was
// segmented for the last one, which spares the rebuild jieba and the stemmer (a fifth of a 1,000-entry build).
// Bounded (a real FAQ's vocabulary is tens of thousands of chunks): a full cache starts over at the next build,
// as it does when synonyms add words to jieba's dictionary, after which a Chinese chunk may segment differently.
const SEGMENTS = new SegmentCache();
const MAX_SEGMENTS = 100_000;
let segmentedWith = jiebaDictionaryVersion();

/** The process's segment cache for an index build, emptied if it may be stale or full. */
export function buildSegments(): SegmentCache {
  if (SEGMENTS.size + SEGMENTS.pieces.size >= MAX_SEGMENTS || segmentedWith !== jiebaDictionaryVersion()) {
    SEGMENTS.clear();
    segmentedWith = jiebaDictionaryVersion();
  }
  return SEGMENTS;
}

/** Empties the cache: the benchmark's first builds are timed without segmentations of earlier builds. */
export function forgetSegments(): void {
  SEGMENTS.clear();
}

/**
 * segment() (tokenize.ts) with a cache, which an index build passes for all its phrasings: most pieces recur, and
 * jieba and the stemmer are the build's costliest steps. The cached words are shared, so nobody may change a
 * Word after segmenting. Given `into`, the words replace its contents: a build reuses one array for all its
 * phrasings rather than growing a new one for each.
 */
export function segmentCached(normalized: string, cache: SegmentCache, into: Word[] = []): Word[] {
  const words = into;
  let count = 0;
  // Normalized text parts its words by single spaces, and most pieces between them are one chunk that recurs.
  let start = 0;
  let hash = 0;
  let letters = true;
  for (let i = 0; i <= normalized.length; i++) {
    const code = i < normalized.length ? normalized.charCodeAt(i) : 32;
    if (code !== 32) {
      // 30 bits: a small integer key; a wider one would be a heap number, slower to look up.
      hash = (Math.imul(hash, 31) + code) & 0x3fffffff;
      letters &&= code >= 97 && code <= 122;
      continue;
    }
    if (i > start) {
      const own = pieceWords(normalized, start, i, hash, letters, cache);
      for (let k = 0; k < own.length; k++) words[count++] = own[k]!;
    }
    start = i + 1;
    hash = 0;
    letters = true;
  }
  words.length = count;
  return words;
}

function pieceWords(
  text: string,
  start: number,
  end: number,
  hash: number,
  letters: boolean,
  cache: SegmentCache,
): Word[] {
  const first = cache.pieces.get(hash);
  for (let piece = first; piece !== undefined; piece = piece.next)
    if (sameText(piece.text, text, start, end)) return piece.words;
  const own = text.slice(start, end);
  // Most new pieces are one plain English word (lower-case ASCII letters), which needs neither the chunk pattern
  // nor the number and contraction rules.
  const words = cache.get(own) ?? (letters ? [latinWord(own)] : chunkWords(own, cache));
  cache.pieces.set(hash, { text: own, words, next: first });
  return words;
}

function chunkWords(piece: string, cache: SegmentCache): Word[] {
  const words: Word[] = [];
  for (const chunk of chunksOf(piece)) {
    let own = cache.get(chunk);
    if (own === undefined) cache.set(chunk, (own = segmentChunks([chunk])));
    for (const word of own) words.push(word);
  }
  return words;
}

// Whether text[start, end) is `piece`, compared in place.
function sameText(piece: string, text: string, start: number, end: number): boolean {
  if (piece.length !== end - start) return false;
  for (let k = 0; k < piece.length; k++) if (piece.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
