import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { type Db, sortableTime } from '../db.js';
import { queryAll } from '../dynamo-batch.js';
import type { HoursConfig } from '../hours/hours-config.js';
import type { Insights } from '../insights.js';
import { HELD_EVENTS_LAG_MS } from '../held-turns.js';
import { tallyAnswers } from './answer-tally.js';
import { datesBetween } from './dates.js';
import { aggregateDay, type DayAggregate, emptyDay } from './day-aggregate.js';
import { eventPartition, eventsOfItem, type ReportEvent } from './report-events.js';

/** What the report store needs: where, the zone days are counted in, the hours that tell staffed time. */
export interface ReportStoreDeps {
  db: Db;
  insights: Insights;
  hours: { current(): Promise<HoursConfig> };
  /** FRONTDESK_TIME_ZONE; unset: the zone of `zoneHours`. */
  timeZone?: string;
  /** The stored hours, whose zone days are counted in; unset: `hours` (they differ when every moment is staffed). */
  zoneHours?: { current(): Promise<HoursConfig> };
}

/** How far back a first roll-up looks; later ones continue from where the last stopped. */
const BACKFILL_DAYS = 35;
/** BatchGetItem takes at most 100 keys (DynamoDB API reference, BatchGetItem). */
const BATCH_GET_MAX = 100;
const CURSOR = { pk: 'REPORTS', sk: 'ROLLUP' };
const dayKey = (date: string) => ({ pk: `REPORTDAY#${date}`, sk: 'DAY' });

/** The day before the first day a first roll-up counts. */
const firstRollUpStart = (now: Date, timeZone: string) =>
  DateTime.fromJSDate(now, { zone: timeZone })
    .minus({ days: BACKFILL_DAYS + 1 })
    .toISODate()!;

/** Day aggregates: rolled up once a day is over (the schedule), counted from the events while it is not. */
export function createReportStore(deps: ReportStoreDeps) {
  const { db } = deps;
  const zone = async () => deps.timeZone ?? (await (deps.zoneHours ?? deps.hours).current()).timeZone;

  /** Events of `[start, end)`: one query per UTC day partition it touches, a key range within each. */
  async function eventsBetween(start: number, end: number): Promise<ReportEvent[]> {
    const events: ReportEvent[] = [];
    for (const utcDate of datesBetween(eventPartition(start).slice(7), eventPartition(end - 1).slice(7))) {
      const items = await queryAll(db.doc, {
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `EVENTS#${utcDate}`,
          ':from': sortableTime(start),
          ':to': `${sortableTime(end - 1)}~`,
        },
      });
      events.push(...items.flatMap(eventsOfItem));
    }
    return events;
  }

  /** Counts one local day from its events. */
  async function countDay(date: string, timeZone: string): Promise<DayAggregate> {
    const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
    const events = await eventsBetween(start.toMillis(), start.plus({ days: 1 }).toMillis());
    return aggregateDay(date, events, { timeZone, hours: await deps.hours.current() });
  }

  async function batchGet(keys: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_MAX);
      while (pending?.length) {
        const result: BatchGetCommandOutput = await db.doc.send(
          new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending } } }),
        );
        items.push(...(result.Responses?.[db.table] ?? []));
        pending = result.UnprocessedKeys?.[db.table]?.Keys;
      }
    }
    return items;
  }

  return {
    /** The zone reports are counted in. */
    timeZone: zone,

    /**
     * Stores the aggregate of every finished day not rolled up yet, and adds the answers given since the last run
     * to the "most asked" counts; run on the schedule. Returns how many days it rolled up.
     */
    async rollUp(now: Date): Promise<number> {
      await tallyAnswers(db, deps.insights, now);
      const timeZone = await zone();
      // A day is over once no turn of it can still be held with its conversation (held-turns.ts).
      const settled = new Date(now.getTime() - HELD_EVENTS_LAG_MS);
      const today = DateTime.fromJSDate(settled, { zone: timeZone }).toISODate()!;
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: CURSOR, ConsistentRead: true }),
      );
      const through = Item?.timeZone === timeZone ? String(Item.through) : firstRollUpStart(now, timeZone);
      const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate()!;
      const due = datesBetween(DateTime.fromISO(through).plus({ days: 1 }).toISODate()!, yesterday);
      for (const date of due) {
        const day = await countDay(date, timeZone);
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...dayKey(date), timeZone, day: JSON.stringify(day) },
          }),
        );
        // The cursor moves day by day, so a failed run resumes at the day it failed on.
        await db.doc.send(
          new PutCommand({ TableName: db.table, Item: { ...CURSOR, through: date, timeZone } }),
        );
      }
      return due.length;
    },

    /** One aggregate per date of the range: stored ones in one batch read, the rest counted from events. */
    async days(from: string, to: string, now: Date): Promise<DayAggregate[]> {
      const timeZone = await zone();
      const dates = datesBetween(from, to);
      const items = await batchGet([CURSOR, ...dates.map(dayKey)]);
      const cursor = items.find((item) => item.pk === CURSOR.pk);
      // Before the first roll-up, days older than its look-back are as empty as it will find them.
      const rolledThrough =
        cursor?.timeZone === timeZone ? String(cursor.through) : firstRollUpStart(now, timeZone);
      const stored = new Map<string, DayAggregate>();
      for (const item of items)
        if (item.pk !== CURSOR.pk && item.timeZone === timeZone) {
          const day = JSON.parse(String(item.day)) as DayAggregate;
          stored.set(day.date, day);
        }
      const days: DayAggregate[] = [];
      for (const date of dates) {
        // A day the roll-up passed without storing it lies before its first run: no events are kept for it.
        const rolled = stored.get(date) ?? (date <= rolledThrough ? emptyDay(date) : undefined);
        days.push(rolled ?? (await countDay(date, timeZone)));
      }
      return days;
    },
  };
}

/** The report store's interface, as its factory builds it. */
export type ReportStore = ReturnType<typeof createReportStore>;
