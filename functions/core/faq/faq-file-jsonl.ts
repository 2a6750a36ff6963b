import type { FaqEntry } from './entry.js';
import { checkEntry } from './faq-file-issues.js';
import type { FaqFileError, FaqParseResult } from './faq-file.js';
import { sortById } from './faq-store.js';

/** Parses JSONL: one entry per line, blank lines allowed; reports every bad line, and ids used twice. */
export function parseJsonl(text: string): FaqParseResult {
  const entries: FaqEntry[] = [];
  const errors: FaqFileError[] = [];
  const lineOfId = new Map<string, number>();
  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1;
    if (source.trim() === '') return;
    const json = parseJson(source);
    if ('reason' in json) {
      errors.push({ line, message: `not valid JSON: ${json.reason}` });
      return;
    }
    const checked = checkEntry(json.value);
    if ('problems' in checked) {
      errors.push({ line, message: checked.problems.map((problem) => problem.message).join('; ') });
      return;
    }
    const { id } = checked.entry;
    const first = lineOfId.get(id);
    if (first !== undefined) {
      errors.push({ line, message: `id "${id}" is already used on line ${first}` });
      return;
    }
    lineOfId.set(id, line);
    entries.push(checked.entry);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

/** The canonical JSONL file: entries by id, fields in schema order, one line each ending in a newline. */
export function toJsonl(entries: readonly FaqEntry[]): string {
  return sortById(entries)
    .map(
      ({ id, questions, answer, lang, tags }) => `${JSON.stringify({ id, questions, answer, lang, tags })}\n`,
    )
    .join('');
}

function parseJson(source: string): { value: unknown } | { reason: string } {
  try {
    return { value: JSON.parse(source) };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}
