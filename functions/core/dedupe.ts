import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
   * A claim whose work never finished (the process died) is taken over once its lease is over. Until then a repeat
   * counts as a repeat, or with `busy: 'throw'` (queue workers) throws DedupeBusyError, so the queue retries it
   * later instead of dropping a message whose first attempt may have died; with a function (webhooks) runs it
   * instead, to hand the message to such a queue. `work` is told when it takes over such
   * a claim (`diedAttemptAt`: when that attempt claimed the key, epoch ms): it may have done part of the work.
   */
  once<T>(
    key: string,
    now: Date,
    work: (claim: { diedAttemptAt?: number }) => Promise<T>,
    options?: { busy?: 'skip' | 'throw' | (() => Promise<void>) },
  ): Promise<{ value: T } | undefined>;
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
    async once(key, now, work, options) {
      const claim = await claimWork(db, key, now);
      if (claim === 'done') return undefined;
      if (claim === 'busy') {
        if (options?.busy === 'throw') throw new DedupeBusyError(key);
        if (typeof options?.busy === 'function') await options.busy();
        return undefined;
      }
      try {
        const value = await work(claim.diedAttemptAt === undefined ? {} : claim);
        await finishWork(db, key);
        return { value };
      } catch (error) {
        await this.release(key);
        throw error;
      }
    },
  };
}

/** Thrown by `once` while another attempt holds the key and may still finish (its lease is not over). */
export class DedupeBusyError extends Error {
  override name = 'DedupeBusyError';
  constructor(key: string) {
    super(`${key} is being handled by another attempt; try again later`);
  }
}

/** How long a claim's work may run before another attempt may take it over (longer than any function timeout). */
export const CLAIM_LEASE_SECONDS = 60;

const dedupeKey = (key: string) => ({ pk: `DEDUPE#${key}`, sk: '-' });

/**
 * Claims `key` for work: a claim (do it; `diedAttemptAt` when an attempt that died held it), 'done' (a repeat), or
 * 'busy' (another attempt holds a live lease).
 */
async function claimWork(
  db: Db,
  key: string,
  now: Date,
): Promise<{ diedAttemptAt?: number } | 'done' | 'busy'> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    const { Attributes: old } = await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: {
          ...dedupeKey(key),
          expiresAt: expiresIn(now, 2),
          leaseUntil: nowSeconds + CLAIM_LEASE_SECONDS,
        },
        // Absent, expired (TTL deletion is lazy), or claimed by an attempt that died: ours.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR leaseUntil < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const unfinished = old?.leaseUntil !== undefined && Number(old.expiresAt) >= nowSeconds;
    return unfinished ? { diedAttemptAt: (Number(old.leaseUntil) - CLAIM_LEASE_SECONDS) * 1000 } : {};
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: dedupeKey(key), ConsistentRead: true }),
    );
    return Item?.leaseUntil === undefined ? 'done' : 'busy';
  }
}

/** The work is done: a repeat of the key is a repeat from now on, whatever the lease said. */
async function finishWork(db: Db, key: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({ TableName: db.table, Key: dedupeKey(key), UpdateExpression: 'REMOVE leaseUntil' }),
  );
}
