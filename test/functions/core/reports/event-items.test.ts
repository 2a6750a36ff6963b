import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../../functions/core/conversations.js';
import { createDb } from '../../../../functions/core/db.js';
import { alwaysStaffed } from '../../../../functions/core/hours/hours-store.js';
import { createInsights } from '../../../../functions/core/insights.js';
import { eventPartition, stampEvents } from '../../../../functions/core/reports/report-events.js';
import { createReportStore } from '../../../../functions/core/reports/report-store.js';
import { tablesOnBoth } from '../../../support/aws.js';

const now = new Date(Date.UTC(2026, 11, 3, 12));
const today = '2026-12-03';

describe.each(await tablesOnBoth())('report events on %s', (_, { client, tableName }) => {
  const db = createDb(client, tableName);
  const insights = createInsights(db);
  const reports = createReportStore({
    db,
    insights,
    hours: { current: async () => alwaysStaffed() },
    timeZone: 'UTC',
  });
  const conversations = createConversationStore(db);
  const asked = {
    type: 'asked',
    outcome: 'answered',
    text: 'how much is shipping',
    faqId: 'shipping-cost.en',
  } as const;

  it('of a moment share one item, and count with the one-event items of older versions', async () => {
    const at = new Date(now.getTime() - 3_600_000);
    const where = { channel: 'web', lang: 'en' as const };
    await conversations.append(
      'web#e1',
      [],
      at,
      stampEvents([{ type: 'message' }, asked], { key: 'web#e1', ...where }, at),
    );
    const olderVersion = [{ type: 'message' }, { ...asked, faqId: 'refund-time.en' }] as const;
    for (const [i, body] of olderVersion.entries()) {
      const event = stampEvents([body], { key: 'web#e2', ...where }, at)[0];
      const sk = `${String(at.getTime()).padStart(14, '0')}#older${i}`;
      await db.doc.send(
        new PutCommand({ TableName: tableName, Item: { pk: eventPartition(at.getTime()), sk, event } }),
      );
    }
    const { Count } = await db.doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': eventPartition(at.getTime()) },
      }),
    );
    expect(Count).toBe(3);

    const [day] = await reports.days(today, today, now);
    expect(day).toMatchObject({ conversations: 2, messages: 2, questions: 2, answered: 2 });
    await reports.rollUp(now);
    expect((await insights.mostAnswered('en', 2)).sort()).toEqual(['refund-time.en', 'shipping-cost.en']);
  });
});
