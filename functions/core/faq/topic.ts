import { stemmer } from 'stemmer';
import { has } from './entry-terms.js';
import type { IndexData } from './faq-index.js';
import { MARK } from './tokenize.js';

// The frame of an English question: question words, "can", and the pronouns of the one asked. They are
// content words (they tell "how do I cancel" from "why was it cancelled", "your name" from "my name"), but
// they say nothing about what is asked: every entry's phrasings are full of them.
const FRAME = new Set(
  'how what when where why who which can could you your yours yourself'
    .split(' ')
    .map((word) => stemmer(word)),
);

/**
 * Whether the question shares more than its frame with the entry: a word that is not a frame word, or a
 * Chinese character gram (letter grams and entity classes do not count). "Can you tune my harpsichord?"
 * shares only "can" and "you" with "Can you hold my order for pickup?": it is about something else, so the
 * entry is neither the answer nor a choice to offer, however close the two look to the cosine.
 */
export function topical(data: IndexData, terms: readonly string[], entry: number): boolean {
  for (const term of terms) {
    if (term.startsWith(MARK.letterGram) || term.startsWith(MARK.entity) || FRAME.has(term)) continue;
    if (has(data, data.terms.get(term), entry)) return true;
  }
  return false;
}
