import * as z from 'zod';
import type { Db } from '../db.js';
import { batchWriteAll, queryAll } from '../dynamo-batch.js';
import type { FaqFileError } from './faq-file.js';

/** One regression case: a question and the entry that should answer it (null: nothing should). */
export const RegressionCase = z.strictObject({
  text: z.string().trim().min(1, 'text is empty').max(2000, 'text is longer than 2000 characters'),
  expected: z.string().min(1, 'expected is empty').nullable(),
});
export type RegressionCase = z.infer<typeof RegressionCase>;

/** The most cases a set holds: each run matches every one of them within one request. */
export const MAX_CASES = 5000;

/** A whole set of cases, as PUT takes it. */
export const RegressionCases = z
  .array(RegressionCase)
  .max(MAX_CASES, `a set holds at most ${MAX_CASES} cases`);

const PK = 'FAQTESTS';
const Item = RegressionCase.extend({ pk: z.string(), sk: z.string() }).transform(({ text, expected }) => ({
  text,
  expected,
}));

/** The stored regression set ("test all"): one item per case, in the order given. */
export function createRegressionSet(db: Db) {
  const { doc, table: TableName } = db;
  const items = () =>
    queryAll(doc, {
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      ConsistentRead: true,
    });
  return {
    async get(): Promise<RegressionCase[]> {
      return (await items()).map((item) => Item.parse(item));
    },

    /** Writes the new cases over the old ones and then drops the old ones past the new set's end. */
    async replace(cases: readonly RegressionCase[]): Promise<void> {
      const old = await items();
      const sk = (n: number) => String(n).padStart(6, '0');
      await batchWriteAll(
        doc,
        TableName,
        cases.map((c, n) => ({ PutRequest: { Item: { pk: PK, sk: sk(n), ...c } } })),
      );
      const stale = old.map((item) => String(item.sk)).filter((key) => Number(key) >= cases.length);
      await batchWriteAll(
        doc,
        TableName,
        stale.map((key) => ({ DeleteRequest: { Key: { pk: PK, sk: key } } })),
      );
    },
  };
}

/** The regression set's interface, as its factory builds it. */
export type RegressionSet = ReturnType<typeof createRegressionSet>;

/** Parses JSONL cases (`{"text", "expected"}` a line, blank lines allowed), reporting every bad line by number. */
export function parseCasesJsonl(
  text: string,
): { ok: true; cases: RegressionCase[] } | { ok: false; errors: FaqFileError[] } {
  const cases: RegressionCase[] = [];
  const errors: FaqFileError[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    if (source.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch {
      errors.push({ line: index + 1, message: 'not valid JSON' });
      return;
    }
    const result = RegressionCase.safeParse(json, {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? issue.path?.length
            ? `${issue.path.join('.')} must be ${issue.path[0] === 'expected' ? 'an entry id or null' : 'text'}`
            : 'expected a JSON object with "text" and "expected"'
          : undefined,
    });
    if (result.success) cases.push(result.data);
    else errors.push({ line: index + 1, message: result.error.issues.map((i) => i.message).join('; ') });
  });
  if (errors.length === 0 && cases.length > MAX_CASES) {
    errors.push({ message: `the file holds ${cases.length} cases; the limit is ${MAX_CASES}` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cases };
}
