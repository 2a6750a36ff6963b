import { createHash } from 'node:crypto';
import { type Db, expiresIn } from './db.js';
import { batchWriteAll, queryAll } from './dynamo-batch.js';
import { normalizeText } from './faq/normalize.js';

const PK = 'UNANSWERED_HIDDEN';
// A hidden question expires with the recorded questions it hides (insights keeps them 90 days).
const KEEP_DAYS = 90;
const keyOf = (text: string) => createHash('sha256').update(normalizeText(text)).digest('hex');

/** Questions taken out of the unanswered inbox (dismissed, attached or made into an entry), by normalized text. */
export function createHiddenQuestions(db: Db, clock: () => Date = () => new Date()) {
  return {
    async hide(questions: readonly string[]): Promise<void> {
      const keys = [...new Set(questions.map(keyOf))];
      const expiresAt = expiresIn(clock(), KEEP_DAYS);
      await batchWriteAll(
        db.doc,
        db.table,
        keys.map((sk) => ({ PutRequest: { Item: { pk: PK, sk, expiresAt } } })),
      );
    },

    /** A test for "is this question hidden", read once per inbox view. */
    async filter(): Promise<(text: string) => boolean> {
      const items = await queryAll(db.doc, {
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PK },
        ProjectionExpression: 'sk',
      });
      const hidden = new Set(items.map((item) => String(item.sk)));
      return (text) => hidden.has(keyOf(text));
    },
  };
}

/** The hidden questions' interface, as its factory builds it. */
export type HiddenQuestions = ReturnType<typeof createHiddenQuestions>;
