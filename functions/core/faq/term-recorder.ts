import { MARK, type Word } from './tokenize.js';

/** A growable Int32Array, so a build of 100,000 phrasings allocates a few buffers instead of one array each. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const UNICODE = 0x110000;
// A bigram of two characters from U+4E00 (the common Chinese block) on is keyed by their offsets, 15 bits each,
// below the letter trigrams' keys: a small integer, where a key by code points would be a heap number.
const HAN_BASE = 0x4e00;
const HAN_SPAN = 1 << 15;
const BIGRAM_KEY = -1 - (1 << 21);

function bigramKey(code: number, next: number): number {
  const first = code - HAN_BASE;
  const second = next - HAN_BASE;
  if (first >= 0 && first < HAN_SPAN && second >= 0 && second < HAN_SPAN)
    return BIGRAM_KEY - first * HAN_SPAN - second;
  return UNICODE * (code + 1) + next;
}

/**
 * Numbers the terms of an index build as it meets them, and records each phrasing's distinct terms in the
 * order they first occur with their counts, and each term's number of entries. A build meets the same few
 * thousand terms hundreds of thousands of times, so what recurs is looked up by number, not by a fresh string:
 * Chinese character grams by their code points, letter trigrams of ASCII words by their three letters.
 */
export function createTermRecorder(capacity: number) {
  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  const lastEntry: number[] = [];
  const entryFrequency: number[] = [];
  const phrasingStarts = new IntList();
  const occurrenceTerms = new IntList(capacity);
  const occurrenceCounts = new IntList(capacity);
  let entry = -1;
  phrasingStarts.push(0);

  const add = (term: string): number => {
    const id = terms.push(term) - 1;
    termIndex.set(term, id);
    counts.push(0);
    lastEntry.push(-1);
    entryFrequency.push(0);
    return id;
  };
  const number = (term: string): number => termIndex.get(term) ?? add(term);
  const occur = (id: number) => {
    if (counts[id]!++ === 0) occurrenceTerms.push(id);
    if (lastEntry[id] !== entry) {
      lastEntry[id] = entry;
      entryFrequency[id]!++;
    }
  };
  const keyed = new Map<number, number>();
  // Keyed terms (character grams, letter trigrams of ASCII) are numbered by key alone, so a key not seen yet
  // is a term not seen yet.
  const byKey = (key: number, mark: string, text: string, start: number, end: number) => {
    let id = keyed.get(key);
    if (id === undefined) keyed.set(key, (id = add(mark + text.slice(start, end))));
    return id;
  };
  // Letter trigram keys are negative, so they never meet a Chinese gram's.
  const trigram = (padded: string, i: number) => {
    const key =
      -1 - ((padded.charCodeAt(i) << 14) | (padded.charCodeAt(i + 1) << 7) | padded.charCodeAt(i + 2));
    return byKey(key, MARK.letterGram, padded, i, i + 3);
  };

  return {
    terms,
    termIndex,
    startEntry(no: number): void {
      entry = no;
    },
    /** The term numbers of a content word: wordTerms (tokenize.ts), in its order. */
    wordIds(word: Word): number[] {
      const ids = [number(word.text)];
      if (word.entity) ids.push(number(MARK.entity + word.entity));
      if (word.surface === undefined) return ids;
      const padded = `<${word.surface}>`;
      for (let i = 0; i + 3 <= padded.length; i++) {
        const ascii = (padded.charCodeAt(i) | padded.charCodeAt(i + 1) | padded.charCodeAt(i + 2)) < 128;
        ids.push(ascii ? trigram(padded, i) : number(MARK.letterGram + padded.slice(i, i + 3)));
      }
      return ids;
    },
    occur,
    /** Records a Chinese run's character unigrams and bigrams: flushRun (tokenize.ts), in its order. */
    run(run: string): void {
      for (let i = 0; i < run.length;) {
        const code = run.codePointAt(i)!;
        const width = code > 0xffff ? 2 : 1;
        occur(byKey(code, MARK.chineseGram, run, i, i + width));
        if (i + width < run.length) {
          const next = run.codePointAt(i + width)!;
          const end = i + width + (next > 0xffff ? 2 : 1);
          occur(byKey(bigramKey(code, next), MARK.chineseGram, run, i, end));
        }
        i += width;
      }
    },
    /** Closes the current phrasing: its terms' counts follow its terms. */
    endPhrasing(): void {
      for (let k = phrasingStarts.data[phrasingStarts.length - 1]!; k < occurrenceTerms.length; k++) {
        const id = occurrenceTerms.data[k]!;
        occurrenceCounts.push(counts[id]!);
        counts[id] = 0;
      }
      phrasingStarts.push(occurrenceTerms.length);
    },
    finish() {
      return {
        terms,
        termIndex,
        entryFrequency: Int32Array.from(entryFrequency),
        phrasingStarts: phrasingStarts.toArray(),
        occurrenceTerms: occurrenceTerms.toArray(),
        occurrenceCounts: occurrenceCounts.toArray(),
      };
    },
  };
}
