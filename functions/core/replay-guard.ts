import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure } from './db.js';

/**
 * Remembers every platform signature accepted within its freshness window, with a hash of the body it came with.
 * Where a signature does not cover the body (WeChat plain mode, DingTalk), a captured one could otherwise carry a
 * forged body until it goes stale; the same signature with the same body is the platform's own retry and passes.
 */
export interface ReplayGuard {
  /** True the first time `signature` is seen, or when it comes again with the same body; false for another body. */
  admit(signature: string, body: string, ttlSeconds: number, now: Date): Promise<boolean>;
}

/** ReplayGuard with one conditional put per request on the frontdesk table; entries expire with their window. */
export function createReplayGuard(db: Db): ReplayGuard {
  return {
    async admit(signature, body, ttlSeconds, now) {
      const seconds = Math.floor(now.getTime() / 1000);
      const bodyHash = createHash('sha256').update(body, 'utf8').digest('base64url');
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { pk: `REPLAY#${signature}`, sk: '-', bodyHash, expiresAt: seconds + ttlSeconds },
            // TTL deletion is lazy (and absent in the stand-ins), so an expired entry counts as absent.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR bodyHash = :hash',
            ExpressionAttributeValues: { ':now': seconds, ':hash': bodyHash },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
