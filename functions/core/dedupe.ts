import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, expiresIn, isConditionFailure } from './db.js';

/** Remembers platform message ids so that a retried delivery is handled once. */
export interface Dedupe {
  /** True the first time a key is seen within the retention window. */
  firstTime(key: string, now: Date): Promise<boolean>;
  /** Forgets a key, so that work which failed after claiming it can be retried. */
  release(key: string): Promise<void>;
  /**
   * Runs `work` the first time `key` is seen and returns `{ value }`; undefined for a repeat. If `work` throws, the
   * key is forgotten again, so the retry that follows a failure does the work instead of being taken for a repeat.
   */
  once<T>(key: string, now: Date, work: () => Promise<T>): Promise<{ value: T } | undefined>;
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
    async once(key, now, work) {
      if (!(await this.firstTime(key, now))) return undefined;
      try {
        return { value: await work() };
      } catch (error) {
        await this.release(key);
        throw error;
      }
    },
  };
}
