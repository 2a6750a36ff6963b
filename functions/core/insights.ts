import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

    /** Counts an FAQ answer given in `lang`: what "the most asked questions" are ranked by. */
    async recordAnswered(faqId: string, lang: Lang): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: { pk: `FAQHITS#${lang}`, sk: faqId },
          UpdateExpression: 'ADD hits :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },

    /** The FAQ ids answered most often in `lang`, most first. */
    async mostAnswered(lang: Lang, limit: number): Promise<string[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `FAQHITS#${lang}` },
        }),
      );
      return Items.sort((a, b) => Number(b.hits) - Number(a.hits))
        .slice(0, limit)
        .map((item) => String(item.sk));
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
