import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, expiresIn } from './db.js';

/** Counts events per key and minute; `allow` is false once the limit is reached. */
export interface RateLimiter {
  allow(key: string, now: Date): Promise<boolean>;
}

/** A fixed-window limiter on one atomic counter per key and minute, shared by every process. */
export function createRateLimiter(db: Db, perMinute: number): RateLimiter {
  return {
    async allow(key, now) {
      const minute = Math.floor(now.getTime() / 60_000);
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: { pk: `RATE#${key}#${minute}`, sk: '-' },
          UpdateExpression: 'ADD hits :one SET expiresAt = :exp',
          ExpressionAttributeValues: { ':one': 1, ':exp': expiresIn(now, 1) },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.hits) <= perMinute;
    },
  };
}
