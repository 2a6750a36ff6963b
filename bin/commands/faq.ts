import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createDynamoFaqStore } from '../../functions/core/faq/dynamo-faq-store.js';
import type { FaqEntry } from '../../functions/core/faq/entry.js';
import { withFaqHistory } from '../../functions/core/faq/faq-history.js';
import {
  describeFaqFileError,
  type FaqFormat,
  parseFaqFile,
  serializeFaqFile,
} from '../../functions/core/faq/faq-file.js';
import { createFaqIndex } from '../../functions/core/faq/matcher.js';
import { openStorage } from '../../functions/local/local-storage.js';
import { CliError } from './cli-error.js';

const store = async () => {
  const storage = await openStorage(process.env);
  return {
    // Through the history, so that CLI imports are versions the admin API can diff and roll back.
    faq: withFaqHistory(
      createDynamoFaqStore({ client: storage.db.doc, tableName: storage.db.table }),
      storage.db,
    ),
    close: storage.close,
  };
};

/** Reads and validates an FAQ file; a bad file is an error that lists every bad line. */
export function readFaqFile(file: string, format?: FaqFormat): FaqEntry[] {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    throw new CliError(`cannot read ${file}: check the path`);
  }
  const parsed = parseFaqFile(content, { fileName: file, format });
  if (!parsed.ok) {
    const lines = parsed.errors.slice(0, 50).map((e) => `  ${describeFaqFileError(e)}`);
    const more = parsed.errors.length > 50 ? [`  … and ${parsed.errors.length - 50} more`] : [];
    throw new CliError(
      [`${file} was not imported; fix these and run the command again:`, ...lines, ...more].join('\n'),
    );
  }
  return parsed.entries;
}

/** `faq import FILE`: validates the whole file, then makes it live at once. */
export async function importFaq(file: string, options: { replace?: boolean; format?: FaqFormat }) {
  const entries = readFaqFile(file, options.format);
  const { faq, close } = await store();
  try {
    const progress = (done: number, total: number) => {
      if (process.stderr.isTTY) process.stderr.write(`\rwriting ${done}/${total} entries`);
      else if (done === total || done % 1000 === 0)
        process.stderr.write(`writing ${done}/${total} entries\n`);
    };
    const { total } = await faq.import(entries, {
      mode: options.replace ? 'replace' : 'merge',
      onProgress: ({ done, total }) => progress(done, total),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`imported ${entries.length} entries from ${file}; the FAQ now holds ${total}`);
  } finally {
    await close();
  }
}

/** `faq export`: the live FAQ to stdout. */
export async function exportFaq(options: { format: FaqFormat }) {
  const { faq, close } = await store();
  try {
    process.stdout.write(serializeFaqFile((await faq.snapshot()).entries, options.format));
  } finally {
    await close();
  }
}

/** `faq match`: one JSONL prediction per JSONL question on stdin, against the store or one FAQ file. */
export async function matchFaq(options: { faq?: string }) {
  let entries: FaqEntry[];
  if (options.faq) entries = readFaqFile(options.faq);
  else {
    const { faq, close } = await store();
    entries = (await faq.snapshot().finally(close)).entries;
  }
  if (entries.length === 0)
    throw new CliError('the FAQ is empty: import one first (`faq import FILE`) or pass --faq FILE');
  const index = createFaqIndex(entries);
  let lineNo = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    let text: unknown;
    try {
      text = JSON.parse(line).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string')
      throw new CliError(`stdin line ${lineNo}: expected a JSON object with a "text" string`);
    const match = index.match(text);
    const predicted = match.band === 'answer' ? (match.best?.id ?? null) : null;
    const suggestions = match.suggestions.map((s) => s.id);
    process.stdout.write(
      `${JSON.stringify({ text, predicted, score: round(match.best?.score ?? 0), suggestions })}\n`,
    );
  }
}

const round = (score: number) => Math.round(score * 1e4) / 1e4;
