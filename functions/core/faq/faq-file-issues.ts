import type * as z from 'zod';
import { FaqEntry, FaqId } from './entry.js';

/** One problem with an entry: where in the entry, and what a person editing the file should fix. */
export interface EntryProblem {
  path: readonly PropertyKey[];
  message: string;
}

/** Validates one entry from a file; each problem is described in words, not in zod's terms. */
export function checkEntry(value: unknown): { entry: FaqEntry } | { problems: EntryProblem[] } {
  const result = FaqEntry.safeParse(value, { error: describeIssue });
  return result.success ? { entry: result.data } : { problems: firstPerField(result.error.issues) };
}

/** Validates an id on its own (a CSV row's), with the same wording as checkEntry. */
export function checkId(value: string): { id: string } | { problems: EntryProblem[] } {
  const result = FaqId.safeParse(value, { error: describeIssue });
  return result.success ? { id: result.data } : { problems: firstPerField(result.error.issues) };
}

/** zod reports every failed check; the first per field is the one to fix ("id is empty", not also its pattern). */
function firstPerField(problems: readonly EntryProblem[]): EntryProblem[] {
  const seen = new Set<string>();
  return problems.filter(({ path }) => {
    const field = path.map(String).join('.');
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  });
}

/**
 * zod applies this only where the schema has no message of its own, so the schema's wording ("answer is empty")
 * stays and this covers the rest: missing fields, wrong types, unknown fields, and the limits without a message.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  const path = issue.path ?? [];
  const field = fieldName(path);
  switch (issue.code) {
    case 'invalid_type':
      if (path.length === 0) return 'expected a JSON object with "id", "questions" and "answer"';
      return issue.input === undefined
        ? `${field} is missing`
        : `${field} must be ${kindName(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: id, questions, answer, lang, tags)`;
    case 'invalid_value':
      return `${field} must be ${issue.values.map((value) => `"${String(value)}"`).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? `${field} is empty` : undefined;
    case 'too_big':
      return issue.origin === 'array'
        ? `${field} hold more than ${issue.maximum} items`
        : `${field} is longer than ${issue.maximum} characters`;
    default:
      return undefined;
  }
}

/** ['tags', 2] reads as "tag 3": people count from one and do not index arrays. */
function fieldName(path: readonly PropertyKey[]): string {
  const [name, index] = path;
  if (typeof index === 'number') return `${String(name).replace(/s$/, '')} ${index + 1}`;
  return String(name ?? 'entry');
}

function kindName(expected: string): string {
  return expected === 'string' ? 'text' : expected === 'array' ? 'a list' : `a ${expected}`;
}
