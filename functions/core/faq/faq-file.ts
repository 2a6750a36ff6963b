import type { FaqEntry } from './entry.js';
import { parseCsv, toCsv } from './faq-file-csv.js';
import { parseJsonl, toJsonl } from './faq-file-jsonl.js';

export { parseCsv, parseJsonl, toCsv, toJsonl };

/** The two FAQ file formats of DESIGN.md §3. */
export type FaqFormat = 'jsonl' | 'csv';

/** One reason a file cannot be imported; `line` (from 1) is absent when it is about the file as a whole. */
export interface FaqFileError {
  line?: number;
  message: string;
}

/** A whole file's entries, or every reason it was refused: never part of a file. */
export type FaqParseResult = { ok: true; entries: FaqEntry[] } | { ok: false; errors: FaqFileError[] };

/** Files larger than this are refused before parsing. */
export const MAX_FAQ_FILE_BYTES = 10 * 1024 * 1024;
/** FAQs with more entries than this are refused: the whole FAQ is indexed in memory on every cold start. */
export const MAX_FAQ_ENTRIES = 20_000;

/** The format a file name stands for, or undefined when its extension says nothing. */
export function formatOfFileName(fileName: string): FaqFormat | undefined {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv') return 'csv';
  return undefined;
}

/**
 * Parses an FAQ file, its format given explicitly or told by its name. Takes bytes (read from disk or an upload) or
 * text; a UTF-8 byte order mark, as Excel writes, is ignored.
 */
export function parseFaqFile(
  content: Uint8Array | string,
  options: { fileName?: string; format?: FaqFormat },
): FaqParseResult {
  const format =
    options.format ?? (options.fileName === undefined ? undefined : formatOfFileName(options.fileName));
  if (format === undefined) {
    return refuse(
      `cannot tell the format of "${options.fileName ?? ''}": name it .jsonl or .csv, or give the format`,
    );
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (size > MAX_FAQ_FILE_BYTES) {
    return refuse('the file is larger than the 10 MB limit');
  }
  const text = decode(content);
  if (text === undefined) return refuse('the file is not UTF-8 text (in Excel, save it as "CSV UTF-8")');

  const result = format === 'csv' ? parseCsv(text) : parseJsonl(text);
  if (result.ok && result.entries.length > MAX_FAQ_ENTRIES) {
    return refuse(`the file holds ${result.entries.length} entries; the limit is ${MAX_FAQ_ENTRIES}`);
  }
  return result;
}

/** Writes entries in a format; see toJsonl and toCsv. */
export function serializeFaqFile(entries: readonly FaqEntry[], format: FaqFormat): string {
  return format === 'csv' ? toCsv(entries) : toJsonl(entries);
}

/** An error as one line for people: `line 7: answer is empty`. */
export function describeFaqFileError(error: FaqFileError): string {
  return error.line === undefined ? error.message : `line ${error.line}: ${error.message}`;
}

function decode(content: Uint8Array | string): string | undefined {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
}

function refuse(message: string): FaqParseResult {
  return { ok: false, errors: [{ message }] };
}
