import { readFileSync } from 'node:fs';
import { parse as parseRows } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../../../../functions/core/faq/csv-formula.js';
import type { FaqEntry } from '../../../../functions/core/faq/entry.js';
import {
  describeFaqFileError,
  type FaqFormat,
  parseFaqFile,
  serializeFaqFile,
  toCsv,
  toJsonl,
} from '../../../../functions/core/faq/faq-file.js';
import { sortById } from '../../../../functions/core/faq/faq-store.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/faq/${name}`, import.meta.url));

function entriesOf(name: string): FaqEntry[] {
  const result = parseFaqFile(fixture(name), { fileName: name });
  if (!result.ok) throw new Error(result.errors.map(describeFaqFileError).join('\n'));
  return result.entries;
}

function errorsOf(content: string | Buffer, options: { fileName?: string; format?: FaqFormat }): string[] {
  const result = parseFaqFile(content, options);
  expect(result).not.toHaveProperty('entries');
  return result.ok ? [] : result.errors.map(describeFaqFileError);
}

describe.each(['jsonl', 'csv'] as const)('the %s format', (format) => {
  const canonical = `canonical.${format}`;

  it('reads the canonical file and writes it back byte for byte', () => {
    expect(serializeFaqFile(entriesOf(canonical), format)).toBe(fixture(canonical).toString('utf8'));
  });

  it('reads what it writes: parse(serialize(entries)) equals the entries', () => {
    const entries: FaqEntry[] = [
      ...entriesOf('canonical.jsonl'),
      {
        id: 'quotes',
        questions: ['"quoted", with commas', 'line one\nline two'],
        answer: '他说："好的，\n明天见"',
      },
      { id: 'crlf', questions: ['windows'], answer: 'first\r\nsecond', lang: 'en' },
    ];
    const written = serializeFaqFile(entries, format);
    const read = parseFaqFile(written, { format });
    expect(read).toEqual({ ok: true, entries: sortById(entries) });
  });

  it('accepts a hand-edited file (BOM, CRLF, other key or column order, stray spaces) as the same FAQ', () => {
    expect(sortById(entriesOf(`messy.${format}`))).toEqual(entriesOf('canonical.jsonl'));
    expect(serializeFaqFile(entriesOf(`messy.${format}`), format)).toBe(fixture(canonical).toString('utf8'));
  });
});

describe('parsing JSONL', () => {
  it('reports every bad line by number and returns nothing', () => {
    const errors = errorsOf(fixture('bad.jsonl'), { fileName: 'bad.jsonl' });
    expect(errors).toEqual([
      'line 3: answer is empty',
      expect.stringMatching(/^line 4: not valid JSON: /),
      'line 5: id "refund" is already used on line 1',
      'line 6: expected a JSON object with "id", "questions" and "answer"',
      'line 7: an entry needs at least one question; lang must be "zh" or "en"',
      'line 8: questions is missing; unknown field "question" (known: id, questions, answer, lang, tags)',
      'line 9: id may hold letters, digits and _ . : - only; tag 1 is empty',
    ]);
  });

  it('treats an empty file as an empty FAQ', () => {
    expect(parseFaqFile('\n\n', { fileName: 'empty.jsonl' })).toEqual({ ok: true, entries: [] });
  });
});

describe('parsing CSV', () => {
  it('reports every bad row by number and returns nothing', () => {
    const errors = errorsOf(fixture('bad.csv'), { fileName: 'bad.csv' });
    expect(errors).toEqual([
      'line 3: answer must be empty or the same as on line 2, the first row of "refund"',
      'line 4: id is empty',
      'line 5: lang must be "zh" or "en"',
      'line 6: a question is empty',
      'line 7: 5 fields, but the header has 4',
      'line 8: answer is empty',
      'line 9: lang must be empty or the same as on line 2, the first row of "refund"',
      'line 10: a quote opened here is never closed',
    ]);
  });

  it('names the header it expects', () => {
    expect(errorsOf('id,question,reply\na,b,c\n', { format: 'csv' })).toEqual([
      'line 1: expected the header "id,question,answer", optionally with "lang" and "tags" columns, not "id,question,reply"',
    ]);
    expect(errorsOf('', { format: 'csv' })).toEqual([
      'the file is empty; expected the header "id,question,answer", optionally with "lang" and "tags" columns',
    ]);
  });

  it('reports quotes in the middle of fields on their own lines', () => {
    const csv = 'id,question,answer\na,say "hi",x\nb,"q" extra,y\nc,q,z\n';
    expect(errorsOf(csv, { format: 'csv' })).toEqual([
      'line 2: a quote inside an unquoted field; quote the whole field and double the quotes in it',
      'line 3: text after a closing quote; double the quotes inside a quoted field',
    ]);
  });

  it('counts lines inside quoted fields when numbering later rows', () => {
    const csv = 'id,question,answer\r\na,"one\r\ntwo\nthree",x\r\nb,q,\r\n';
    expect(errorsOf(csv, { format: 'csv' })).toEqual(['line 5: answer is empty']);
  });
});

describe('choosing and limiting files', () => {
  it('tells the format by extension, unless told explicitly', () => {
    const jsonl = fixture('canonical.jsonl');
    expect(parseFaqFile(jsonl, { fileName: 'FAQ.JSONL' }).ok).toBe(true);
    expect(parseFaqFile(jsonl, { fileName: 'faq.txt', format: 'jsonl' }).ok).toBe(true);
    expect(errorsOf(jsonl, { fileName: 'faq.txt' })).toEqual([
      'cannot tell the format of "faq.txt": name it .jsonl or .csv, or give the format',
    ]);
    expect(parseFaqFile(jsonl, { fileName: 'faq.csv', format: 'jsonl' }).ok).toBe(true);
  });

  it('refuses files over 10 MB and over 20,000 entries', () => {
    expect(errorsOf(`${' '.repeat(10 * 1024 * 1024)}\n`, { format: 'jsonl' })).toEqual([
      'the file is larger than the 10 MB limit',
    ]);
    const many = Array.from({ length: 20_001 }, (_, i) => ({ id: `e${i}`, questions: ['q'], answer: 'a' }));
    expect(errorsOf(toJsonl(many), { format: 'jsonl' })).toEqual([
      'the file holds 20001 entries; the limit is 20000',
    ]);
  });

  it('refuses bytes that are not UTF-8, such as a CSV Excel saved as GBK', () => {
    const gbk = Buffer.from([0x69, 0x64, 0x0a, 0xc4, 0xe3, 0xba, 0xc3]);
    expect(errorsOf(gbk, { fileName: 'faq.csv' })).toEqual([
      'the file is not UTF-8 text (in Excel, save it as "CSV UTF-8")',
    ]);
  });
});

describe('writing CSV', () => {
  it('adds lang and tags columns only when some entry has them', () => {
    expect(toCsv([{ id: 'a', questions: ['q'], answer: 'x' }])).toBe('id,question,answer\na,q,x\n');
    expect(toCsv([{ id: 'a', questions: ['q'], answer: 'x', tags: [] }])).toBe('id,question,answer\na,q,x\n');
    expect(toCsv([])).toBe('id,question,answer\n');
  });

  it('neutralizes cells a spreadsheet would run as formulas, and import takes the escape off again', () => {
    const entries: FaqEntry[] = [
      {
        id: '-dash',
        questions: ['=1+2', '+pay', '@sum'],
        answer: '=HYPERLINK("https://evil.example","refund")',
      },
      {
        id: 'quotes',
        questions: ["'already quoted", "''twice", "'=quoted formula"],
        answer: '@team will answer',
      },
      { id: 'safe', questions: ['what is 1+2=?'], answer: 'a - b', tags: ['-tag'] },
    ];
    const written = toCsv(entries);
    const cells = parseRows(written) as string[][];
    expect(cells).toContainEqual(["'-dash", "'=1+2", '\'=HYPERLINK("https://evil.example","refund")', '']);
    expect(cells).toContainEqual(["'-dash", "'+pay", '', '']);
    expect(cells).toContainEqual(['quotes', "''already quoted", "'@team will answer", '']);
    expect(cells).toContainEqual(['quotes', "'''twice", '', '']);
    expect(cells).toContainEqual(['safe', 'what is 1+2=?', 'a - b', "'-tag"]);
    const formula = /^[=+\-@\t\r]/;
    expect(cells.flat().filter((cell) => formula.test(cell))).toEqual([]);
    expect(parseFaqFile(written, { format: 'csv' })).toEqual({ ok: true, entries: sortById(entries) });
  });

  it('escapes a leading tab or carriage return too, and unescapes only what it escaped', () => {
    expect(['\tx', '\rx', 'x'].map(escapeFormula)).toEqual(["'\tx", "'\rx", 'x']);
    expect(["'\tx", "'\rx", "'x"].map(unescapeFormula)).toEqual(['\tx', '\rx', "'x"]);
  });

  it('keeps a leading quote a person typed before ordinary text', () => {
    const read = parseFaqFile("id,question,answer\na,'tis the season,'quoted' word\n", { format: 'csv' });
    expect(read).toMatchObject({
      ok: true,
      entries: [{ questions: ["'tis the season"], answer: "'quoted' word" }],
    });
  });

  it('refuses a tag that holds the tag separator', () => {
    expect(() => toCsv([{ id: 'a', questions: ['q'], answer: 'x', tags: ['a;b'] }])).toThrow('holds ";"');
  });
});
