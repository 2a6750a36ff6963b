import type { Word } from './tokenize.js';

// Shorter words have too many neighbours one edit away ("card" → "cart", "care", "hard") to correct safely.
const MIN_LENGTH = 5;
const LETTERS = /^[a-z]+$/;

/** Finds the known word one edit away from an unknown word, or undefined when there is none. */
export type TypoCorrector = (word: string) => string | undefined;

/**
 * Builds a typo corrector over a vocabulary with a deletion-neighbourhood map (each word and its one-letter
 * deletions point back to the word): words one substitution, insertion, deletion or adjacent swap apart
 * share a key, so a lookup costs one map probe per letter instead of a scan of the vocabulary. A shared key
 * can also mean two edits (a letter moved further), an acceptable slack for a fallback. Among several
 * candidates the most frequent wins, being the likelier intended word.
 */
export function createTypoCorrector(frequency: ReadonlyMap<string, number>): TypoCorrector {
  const byKey = new Map<string, string[]>();
  for (const word of frequency.keys()) {
    if (word.length < MIN_LENGTH - 1 || !LETTERS.test(word)) continue;
    for (const key of deletions(word)) {
      const words = byKey.get(key);
      if (words === undefined) byKey.set(key, [word]);
      else if (!words.includes(word)) words.push(word);
    }
  }
  return (word) => {
    if (word.length < MIN_LENGTH || !LETTERS.test(word)) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const key of deletions(word)) {
      for (const candidate of byKey.get(key) ?? []) {
        const count = frequency.get(candidate) ?? 0;
        if (count > bestCount) [best, bestCount] = [candidate, count];
      }
    }
    return best;
  };
}

/**
 * Corrects the unknown English words of a question, but only when one of its content words is known as
 * typed: that word puts the question in the FAQ's territory. A question of unknown words alone ("xyzzy
 * plugh") is about something else, and correcting it would invent a match ("plugh" → "plug").
 */
export function correctTypos(
  words: readonly Word[],
  known: (word: Word) => boolean,
  correct: (word: Word) => Word | undefined,
): Word[] {
  const content = words.filter((word) => !word.stop);
  if (!content.some(known)) return [...words];
  return words.map((word) => (word.stop || known(word) ? word : (correct(word) ?? word)));
}

function deletions(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}
