import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, sortableTime } from '../db.js';
import { queryAll } from '../dynamo-batch.js';
import type { Lang } from '../faq/entry.js';
import type { Insights } from '../insights.js';
import { eventPartition, eventsOfItem } from './report-events.js';
import { datesBetween } from './dates.js';
import { HELD_EVENTS_LAG_MS } from '../held-turns.js';

const CURSOR = { pk: 'REPORTS', sk: 'ANSWERS' };

/**
 * Adds the FAQ answers given since the last run to the "most asked" counts (insights.addAnswers), reading only the
 * events written since then; run on the schedule, so the welcome's most asked questions trail by a few minutes at most.
 */
export async function tallyAnswers(db: Db, insights: Insights, now: Date): Promise<void> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: CURSOR, ConsistentRead: true }),
  );
  // Younger events may still be held with their conversation (held-turns.ts): they wait for a later run.
  const until = sortableTime(now.getTime() - HELD_EVENTS_LAG_MS);
  const after = typeof Item?.after === 'string' ? Item.after : sortableTime(now.getTime() - 86_400_000);
  if (after >= until) return;
  const counts: Partial<Record<Lang, Record<string, number>>> = {};
  const partitions = datesBetween(
    eventPartition(Number(after)).slice(7),
    eventPartition(Number(until)).slice(7),
  );
  for (const utcDate of partitions) {
    const items = await queryAll(db.doc, {
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `EVENTS#${utcDate}`, ':from': after, ':to': until },
    });
    for (const event of items.flatMap(eventsOfItem)) {
      const faqId = event.type === 'clicked' || event.type === 'asked' ? event.faqId : undefined;
      if (!faqId || (event.type === 'asked' && event.outcome !== 'answered')) continue;
      const forLang = (counts[event.lang] ??= {});
      forLang[faqId] = (forLang[faqId] ?? 0) + 1;
    }
  }
  for (const [lang, byId] of Object.entries(counts)) await insights.addAnswers(lang as Lang, byId);
  // Events at `until` itself sort after it ("<ms>#…"), so the next run starts exactly where this one stopped.
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...CURSOR, after: until } }));
}
