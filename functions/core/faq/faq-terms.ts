import type { FaqEntry } from './entry.js';
import { normalizeText } from './normalize.js';
import { createSynonymRewriter, DEFAULT_SYNONYMS } from './synonyms.js';
import { features, MARK, segment, type Word } from './tokenize.js';

/** A word of a question that counted for an entry, and its share (0..1) of what counted. */
export interface CountedTerm {
  term: string;
  weight: number;
}

// Compiled on the first explanation: normalizing the Chinese synonyms loads the script converters, which the api
// function's cold start should not pay for.
let rewrite: ReturnType<typeof createSynonymRewriter> | undefined;
const termsOf = (text: string) =>
  (rewrite ??= createSynonymRewriter(DEFAULT_SYNONYMS))(segment(normalizeText(text)));

/**
 * Explains a match in words: the question's content words that also occur in the entry's phrasings, each weighted
 * by how rare it is across the FAQ (inverse document frequency over entries), so "refund" outweighs "order".
 * It reuses the matcher's tokenizer and synonyms but not its scoring, which others tune: it is an explanation.
 */
export function createTermExplainer(entries: readonly Pick<FaqEntry, 'id' | 'questions'>[]) {
  const entryTerms = new Map<string, Set<string>[]>();
  const frequency = new Map<string, number>();
  for (const entry of entries) {
    const phrasings = entry.questions.map((question) => new Set(features(termsOf(question))));
    entryTerms.set(entry.id, phrasings);
    for (const term of new Set(phrasings.flatMap((set) => [...set]))) {
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  const idf = (term: string) => Math.log(1 + entries.length / (frequency.get(term) ?? 1));
  // A Chinese word that jieba cut differently in the phrasing still counts when its character grams are there.
  const keys = (word: Word) =>
    word.kind === 'han' ? [word.text, MARK.chineseGram + word.text] : [word.text];

  return {
    /** The counted terms, heaviest first, and the entry's phrasing that shares the most of them. */
    explain(text: string, entryId: string): { terms: CountedTerm[]; question?: string } {
      const phrasings = entryTerms.get(entryId) ?? [];
      const all = new Set(phrasings.flatMap((set) => [...set]));
      const counted = new Map<string, number>();
      const matchedKeys: string[] = [];
      for (const word of termsOf(text)) {
        if (word.stop) continue;
        const key = keys(word).find((k) => all.has(k));
        if (key === undefined) continue;
        matchedKeys.push(key);
        const label = word.surface ?? word.text;
        counted.set(label, Math.max(counted.get(label) ?? 0, idf(key)));
      }
      const total = [...counted.values()].reduce((sum, w) => sum + w, 0);
      const terms = [...counted]
        .map(([term, w]) => ({ term, weight: Math.round((w / total) * 1000) / 1000 }))
        .sort((a, b) => b.weight - a.weight);
      const overlap = phrasings.map((set) => matchedKeys.filter((k) => set.has(k)).length);
      const bestPhrasing = overlap.indexOf(Math.max(...overlap));
      const entry = entries.find((e) => e.id === entryId);
      return { terms, question: entry?.questions[bestPhrasing >= 0 ? bestPhrasing : 0] };
    },
  };
}
