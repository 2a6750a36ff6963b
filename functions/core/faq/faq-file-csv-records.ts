import { type CsvError, parse } from 'csv-parse/sync';
import type { FaqFileError } from './faq-file.js';

/** One CSV record: its fields and the line (from 1) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

type LineError = Required<FaqFileError>;

/** csv-parse describes its own state; these say what to fix in the file. */
const QUOTE_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote opened here is never closed',
  INVALID_OPENING_QUOTE:
    'a quote inside an unquoted field; quote the whole field and double the quotes in it',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote; double the quotes inside a quoted field',
};

/** Every record of a CSV text with the line it starts on, and every syntax error; blank rows are dropped. */
export function readRecords(text: string): { records: CsvRecord[]; errors: LineError[] } {
  const bytes = Buffer.from(text);
  const lineAt = lineIndex(bytes);
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  parse(bytes, {
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    on_record: (fields, { bytes: end }) => {
      // `end` is at or just past the record's line break, so `end - 1` is on its last line; the first is that
      // line less the line breaks inside its fields.
      const breaks = fields.reduce((sum, field) => sum + field.split('\n').length - 1, 0);
      const line = lineAt(end - 1) - breaks;
      if (fields.some((field) => field.trim() !== '')) records.push({ line, fields });
      return null;
    },
    on_skip: (error) => {
      if (error === undefined) return undefined;
      const problem = quoteError(error, lineAt);
      // After a quote error the parser can trip over the same record again; the first report says it all.
      if (errors.at(-1)?.line !== problem.line) errors.push(problem);
      return undefined;
    },
  });
  return { records, errors };
}

function quoteError(error: CsvError, lineAt: (offset: number) => number): LineError {
  const line = lineAt(typeof error.bytes === 'number' ? error.bytes : 0);
  return { line, message: QUOTE_PROBLEMS[error.code] ?? error.message };
}

/** Line (from 1) of a byte offset, by binary search over the offsets of the newlines. */
function lineIndex(bytes: Buffer): (offset: number) => number {
  const newlines: number[] = [];
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) newlines.push(at);
  return (offset) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((newlines[middle] ?? offset) < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}
