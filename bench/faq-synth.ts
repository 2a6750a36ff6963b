import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaqEntry } from '../functions/core/faq/entry.js';

/** ../shared/eval-dev/perf1000, the speed set: 1,000 entries, 5,000 phrasings, 500 queries. */
export const PERF_FOLDER = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'eval-dev',
  'perf1000',
);

/** A JSONL file's objects. */
export const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

// Words a customer might add, so that repeated entries differ in more than a number.
const FILLERS = ['please', 'today', 'again', 'for my order', 'quickly', 'right now', 'asap', 'thanks'];

/**
 * An FAQ of `size` entries: perf1000 repeated, each copy with distinct ids and its phrasings varied by a
 * filler word and a copy number, so the vocabulary grows with the size as a real FAQ's does.
 */
export function synthesizeFaq(size: number): FaqEntry[] {
  const base = readJsonl<FaqEntry & { source_label?: string }>(join(PERF_FOLDER, 'faq.jsonl'));
  return Array.from({ length: size }, (_, i) => {
    const { source_label: _label, ...entry } = base[i % base.length]!;
    const copy = Math.floor(i / base.length);
    if (copy === 0) return entry;
    const vary = (q: string, k: number) => `${q} ${FILLERS[(copy + k) % FILLERS.length]} v${copy}`;
    return { ...entry, id: `${entry.id}.${copy}`, questions: entry.questions.map(vary) };
  });
}
