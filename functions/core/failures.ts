import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, expiresIn } from './db.js';

/** Why a queue message last failed, kept as long as SQS keeps a dead letter (14 days). */
export interface Failure {
  reason: string;
  attempts: number;
  at: number;
}

const RETENTION_DAYS = 14;
const key = (messageId: string) => ({ pk: `FAILURE#${messageId}`, sk: '-' });

/** The last failure of each queue message by SQS message id (which a message keeps when it is dead-lettered). */
export function createFailureLog(db: Db) {
  return {
    async record(messageId: string, failure: Failure): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...key(messageId), ...failure, expiresAt: expiresIn(new Date(failure.at), RETENTION_DAYS) },
        }),
      );
    },
    /** The recorded failures of these messages (those without one are missing from the map). */
    async get(messageIds: string[]): Promise<Map<string, Failure>> {
      const items = await Promise.all(
        messageIds.map(async (id) => {
          const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key(id) }));
          return (
            Item &&
            ([
              id,
              { reason: String(Item.reason), attempts: Number(Item.attempts), at: Number(Item.at) },
            ] as const)
          );
        }),
      );
      return new Map(items.filter((item) => item !== undefined));
    },
  };
}

/** The failure log, as its factory builds it. */
export type FailureLog = ReturnType<typeof createFailureLog>;
