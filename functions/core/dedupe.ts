import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, expiresIn, isConditionFailure } from './db.js';

/** Remembers platform message ids so that a retried delivery is handled once. */
export interface Dedupe {
  /** True the first time a key is seen within the retention window. */
  firstTime(key: string, now: Date): Promise<boolean>;
  /** Forgets a key, so that work which failed after claiming it can be retried. */
  release(key: string): Promise<void>;
}

/** Dedupe with one conditional put per message; entries expire after two days. */
export function createDedupe(db: Db): Dedupe {
  return {
    async firstTime(key, now) {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { pk: `DEDUPE#${key}`, sk: '-', expiresAt: expiresIn(now, 2) },
            // TTL deletion is lazy (and absent in the stand-ins), so an expired marker counts as absent.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async release(key) {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: { pk: `DEDUPE#${key}`, sk: '-' } }));
    },
  };
}
