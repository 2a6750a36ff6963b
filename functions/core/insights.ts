import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, expiresIn } from './db.js';
import type { Lang } from './faq/entry.js';

/** A question the bot could not answer: the raw material for new FAQ entries. */
export interface Unanswered {
  text: string;
  channel: string;
  lang: Lang;
  at: number;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Records what the reports need, one item per event, partitioned by day. */
export function createInsights(db: Db) {
  return {
    async recordUnanswered(question: Omit<Unanswered, 'at'>, now: Date): Promise<void> {
      const at = now.getTime();
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: {
            pk: `UNANSWERED#${day(at)}`,
            sk: `${at}#${randomUUID()}`,
            ...question,
            at,
            expiresAt: expiresIn(now, 90),
          },
        }),
      );
    },

    /** Unanswered questions of one UTC day (YYYY-MM-DD), newest first. */
    async unanswered(date: string): Promise<Unanswered[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `UNANSWERED#${date}` },
          ScanIndexForward: false,
        }),
      );
      return Items.map(({ text, channel, lang, at }) => ({ text, channel, lang, at }) as Unanswered);
    },
  };
}

/** The insights recorder's interface, as its factory builds it. */
export type Insights = ReturnType<typeof createInsights>;
