import { stringify } from 'csv-stringify/sync';
import * as z from 'zod';
import { escapeFormula, unescapeFormula } from './csv-formula.js';
import type { FaqEntry } from './entry.js';
import { readRecords } from './faq-file-csv-records.js';
import { checkEntry, checkId } from './faq-file-issues.js';
import type { FaqFileError, FaqParseResult } from './faq-file.js';
import { sortById } from './faq-store.js';

const Column = z.enum(['id', 'question', 'answer', 'lang', 'tags']);
type Column = z.infer<typeof Column>;
type Cells = Record<Column, string>;

const Header = z
  .array(
    z
      .string()
      .transform((name) => name.trim().toLowerCase())
      .pipe(Column),
  )
  .refine((names) => new Set(names).size === names.length)
  .refine((names) => names.includes('id') && names.includes('question') && names.includes('answer'));
const EXPECTED_HEADER = 'expected the header "id,question,answer", optionally with "lang" and "tags" columns';

/** Cells that belong to the entry, not the phrasing: given on an id's first row, empty or repeated on later ones. */
const ENTRY_CELLS = ['answer', 'lang', 'tags'] as const;

type LineError = Required<FaqFileError>;

interface Group {
  id: string;
  /** The row that defines the entry (its first). */
  line: number;
  first: Cells;
  questions: string[];
  questionLines: number[];
}

/** Parses CSV: one row per phrasing, rows sharing an id make one entry; reports every bad row by line. */
export function parseCsv(text: string): FaqParseResult {
  const { records, errors } = readRecords(text);
  const [header, ...rows] = records;
  if (header === undefined) {
    return {
      ok: false,
      errors: errors.length > 0 ? errors : [{ message: `the file is empty; ${EXPECTED_HEADER}` }],
    };
  }
  const columns = Header.safeParse(header.fields);
  if (!columns.success) {
    const message = `${EXPECTED_HEADER}, not "${header.fields.join(',')}"`;
    return { ok: false, errors: [{ line: header.line, message }, ...errors] };
  }

  const groups = new Map<string, Group>();
  for (const { line, fields } of rows) {
    if (fields.length > columns.data.length) {
      errors.push({ line, message: `${fields.length} fields, but the header has ${columns.data.length}` });
      continue;
    }
    const cell = (name: Column) => unescapeFormula(fields[columns.data.indexOf(name)]?.trim() ?? '');
    const cells: Cells = {
      id: cell('id'),
      question: cell('question'),
      answer: cell('answer'),
      lang: cell('lang'),
      tags: cell('tags'),
    };
    const id = checkId(cells.id);
    if ('problems' in id) {
      errors.push({ line, message: id.problems.map((problem) => problem.message).join('; ') });
      continue;
    }
    const group = groups.get(id.id);
    if (group === undefined) {
      groups.set(id.id, {
        id: id.id,
        line,
        first: cells,
        questions: [cells.question],
        questionLines: [line],
      });
      continue;
    }
    const differing = ENTRY_CELLS.filter((name) => cells[name] !== '' && cells[name] !== group.first[name]);
    if (differing.length > 0) {
      const where = `line ${group.line}, the first row of "${id.id}"`;
      errors.push({ line, message: `${differing.join(' and ')} must be empty or the same as on ${where}` });
      continue;
    }
    group.questions.push(cells.question);
    group.questionLines.push(line);
  }

  const entries: FaqEntry[] = [];
  for (const group of groups.values()) {
    const checked = checkEntry(toEntry(group));
    if ('entry' in checked) entries.push(checked.entry);
    else {
      for (const { path, message } of checked.problems) {
        // A phrasing's problem belongs to its own row; everything else to the row that defines the entry.
        const row =
          path[0] === 'questions' && typeof path[1] === 'number' ? group.questionLines[path[1]] : undefined;
        errors.push({ line: row ?? group.line, message });
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors: byLine(errors) } : { ok: true, entries };
}

/**
 * The canonical CSV file: entries by id, one row per phrasing in order, answer (and lang, tags) on the first row
 * only, `lang` and `tags` columns only when some entry has them, LF line ends, cells that a spreadsheet would run
 * as a formula escaped (csv-formula.ts). A tag holding ";" cannot be written.
 */
export function toCsv(entries: readonly FaqEntry[]): string {
  const sorted = sortById(entries);
  const columns: Column[] = ['id', 'question', 'answer'];
  if (sorted.some((entry) => entry.lang !== undefined)) columns.push('lang');
  if (sorted.some((entry) => entry.tags?.length)) columns.push('tags');
  const rows = sorted.flatMap((entry) =>
    entry.questions.map((question, index) => {
      const first = index === 0;
      const cells: Cells = {
        id: entry.id,
        question,
        answer: first ? entry.answer : '',
        lang: first ? (entry.lang ?? '') : '',
        tags: first ? tagsCell(entry) : '',
      };
      return columns.map((name) => escapeFormula(cells[name]));
    }),
  );
  return stringify([columns, ...rows], { record_delimiter: 'unix' });
}

/** Errors in file order, one per line. */
function byLine(errors: LineError[]): LineError[] {
  const lines = new Map<number, string[]>();
  for (const { line, message } of errors) lines.set(line, [...(lines.get(line) ?? []), message]);
  return [...lines]
    .sort(([a], [b]) => a - b)
    .map(([line, messages]) => ({ line, message: messages.join('; ') }));
}

function toEntry(group: Group): unknown {
  const { lang, tags, answer } = group.first;
  const tagList = tags
    .split(';')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return {
    id: group.id,
    questions: group.questions,
    answer,
    ...(lang === '' ? {} : { lang }),
    ...(tagList.length === 0 ? {} : { tags: tagList }),
  };
}

function tagsCell(entry: FaqEntry): string {
  const tags = entry.tags ?? [];
  const bad = tags.find((tag) => tag.includes(';'));
  if (bad !== undefined) {
    throw new Error(`tag "${bad}" of "${entry.id}" holds ";", which separates tags in CSV`);
  }
  return tags.join(';');
}
