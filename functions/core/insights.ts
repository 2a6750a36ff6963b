import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';
import type { Lang } from './faq/entry.js';
import type { UnansweredReason } from './reports/report-events.js';

/** A question the bot could not answer (or answered poorly): the raw material for new FAQ entries. */
export interface Unanswered {
  text: string;
  channel: string;
  lang: Lang;
  at: number;
  /** none: no answer; low: answered or suggested with low confidence; down: the answer got a 👎. */
  reason?: UnansweredReason;
}

/**
 * What the bot learns from its own traffic. Unanswered questions are written with the turn's events
 * (reports/report-events.ts); answer counts are added up by the daily roll-up, off the message path.
 */
export function createInsights(db: Db) {
  return {
    /** Adds counts of FAQ answers given in `lang`: what "the most asked questions" are ranked by. */
    async addAnswers(lang: Lang, counts: Record<string, number>): Promise<void> {
      for (const [faqId, count] of Object.entries(counts)) {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: { pk: `FAQHITS#${lang}`, sk: faqId },
            UpdateExpression: 'ADD hits :n',
            ExpressionAttributeValues: { ':n': count },
          }),
        );
      }
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
      return Items.map(
        ({ text, channel, lang, at, reason }) => ({ text, channel, lang, at, reason }) as Unanswered,
      );
    },
  };
}

/** The insights recorder's interface, as its factory builds it. */
export type Insights = ReturnType<typeof createInsights>;
