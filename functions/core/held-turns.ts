import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TranscriptEntry } from './conversations.js';
import { type Db, expiresIn, isConditionFailure, sortableTime } from './db.js';
import { batchWriteAll, queryAll } from './dynamo-batch.js';
import { eventItems, type ReportEvent } from './reports/report-events.js';
import { CONVERSATION_RETENTION_DAYS, conversationPartition, readStateItem } from './state-item.js';
import { turnItem, turnParts } from './transcript-cursors.js';

/**
 * A bot turn held on its conversation's STATE item: its transcript lines and report events, stored by the same
 * request that saves the state. So an answered message costs two requests (the gate and the save), and the turn is
 * saved exactly when the state that answered it is. Held turns are written out as transcript and event items later,
 * in one batch: by the message that finds HELD_TURNS_MAX held, or by the schedule once its conversation has held
 * turns for WRITE_AFTER_MS. Until then the transcript reads them from the STATE item; reports count them once
 * written. The schedule finds such conversations by a marker item that the message finding none held writes first.
 */
export interface HeldTurn {
  /** The turn's cursor prefix (transcript-cursors.ts turnCursor): its time of writing and its tag. */
  id: string;
  lines: Omit<TranscriptEntry, 'cursor'>[];
  events: ReportEvent[];
}

/** Held turns a message may find before it writes them out: bounds the STATE item, which every message reads. */
export const HELD_TURNS_MAX = 4;
/** How long a conversation is listed (held turns since) before the schedule writes its held turns out. */
const WRITE_AFTER_MS = 30_000;
/**
 * How late a turn's events may reach their partitions: WRITE_AFTER_MS, the schedule's minute, and margin. Readers of
 * recent events (the answer tally, the day roll-up) wait this long.
 */
export const HELD_EVENTS_LAG_MS = 3 * 60_000;

const ATTRIBUTE = 'turn@';
/**
 * The partition of the markers: one write per conversation and schedule run at most, so one partition (1,000 writes
 * a second) serves tens of thousands of conversations active at once.
 */
const MARKERS = 'HELD';
/** Listed conversations the schedule writes out at once. */
const PARALLEL_WRITES = 16;

/** The turns a STATE item holds, oldest first. */
export function heldTurnsOf(item: Record<string, unknown>): HeldTurn[] {
  return Object.entries(item)
    .filter(([name]) => name.startsWith(ATTRIBUTE))
    .map(([name, value]) => ({ id: name.slice(ATTRIBUTE.length), ...JSON.parse(String(value)) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The parts of a state save's UpdateExpression that add `add` to the held turns and drop `written` (turns the caller
 * has written out), and the held turns that are left.
 */
export function heldTurnsUpdate(
  held: readonly HeldTurn[],
  change: { add?: HeldTurn; written?: readonly HeldTurn[] },
) {
  const { add, written = [] } = change;
  const names: Record<string, string> = Object.fromEntries(
    written.map((turn, i) => [`#written${i}`, ATTRIBUTE + turn.id]),
  );
  const values: Record<string, unknown> = {};
  if (add) {
    names['#add'] = ATTRIBUTE + add.id;
    values[':add'] = JSON.stringify({ lines: add.lines, events: add.events });
  }
  return {
    set: add ? ['#add = :add'] : [],
    remove: written.map((_, i) => `#written${i}`),
    names,
    values,
    held: [...held.filter((turn) => !written.some((w) => w.id === turn.id)), ...(add ? [add] : [])],
  };
}

/**
 * Lists a conversation for the schedule before its first held turn is saved: a marker keyed by time, so that the
 * schedule's deleting an older marker never removes this one.
 */
export async function listHeld(db: Db, key: string, now: Date): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: MARKERS,
        sk: `${sortableTime(now.getTime())}#${key}`,
        key,
        expiresAt: expiresIn(now, 7),
      },
    }),
  );
}

/** Writes turns out as transcript and event items; the same turn written twice gives the same items. */
export async function writeTurns(db: Db, key: string, turns: readonly HeldTurn[]): Promise<void> {
  const items = turns.flatMap((turn) => {
    const { at: ms, tag } = turnParts(turn.id);
    const at = new Date(ms);
    return [
      turnItem(conversationPartition(key), turn.id, turn.lines, expiresIn(at, CONVERSATION_RETENTION_DAYS)),
      ...eventItems(turn.events, at, tag),
    ];
  });
  await batchWriteAll(
    db.doc,
    db.table,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/**
 * The schedule's part: writes out the held turns of every conversation listed WRITE_AFTER_MS ago or more, drops them
 * from its STATE item and, if no message saved meanwhile, its marker. Returns how many turns were written.
 */
export async function writeDueTurns(db: Db, now: Date): Promise<number> {
  const markers = await queryAll(db.doc, {
    TableName: db.table,
    KeyConditionExpression: 'pk = :pk AND sk < :due',
    ExpressionAttributeValues: {
      ':pk': MARKERS,
      ':due': sortableTime(now.getTime() - WRITE_AFTER_MS),
    },
  });
  let count = 0;
  // A few conversations at a time: each is four requests in a row, and a busy desk lists hundreds a minute.
  for (let i = 0; i < markers.length; i += PARALLEL_WRITES) {
    const written = await Promise.all(
      markers.slice(i, i + PARALLEL_WRITES).map((marker) => writeOut(db, marker)),
    );
    count += written.reduce((sum, n) => sum + n, 0);
  }
  return count;
}

/** Writes out one listed conversation's held turns and drops them; returns how many. */
async function writeOut(db: Db, marker: Record<string, unknown>): Promise<number> {
  const key = String(marker.key);
  const item = await readStateItem(db, key);
  const turns = item ? heldTurnsOf(item) : [];
  await writeTurns(db, key, turns);
  if (!item || (await dropWritten(db, item, turns)))
    await db.doc.send(new DeleteCommand({ TableName: db.table, Key: { pk: marker.pk, sk: marker.sk } }));
  return turns.length;
}

/**
 * Drops written turns from a STATE item; true if none are left, which holds unless a message saved meanwhile (a save
 * bumps `rev`) and may have added one: the marker must then stay.
 */
async function dropWritten(
  db: Db,
  item: Record<string, unknown>,
  turns: readonly HeldTurn[],
): Promise<boolean> {
  if (!turns.length) return true;
  const names = Object.fromEntries(turns.map((turn, i) => [`#t${i}`, ATTRIBUTE + turn.id]));
  const remove = (condition: string, values?: Record<string, unknown>) =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `REMOVE ${Object.keys(names).join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...names, '#rev': 'rev' },
        ExpressionAttributeValues: values,
      }),
    );
  try {
    await remove('#rev = :rev', { ':rev': item.rev });
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  // An update of a missing item would create it: the conversation may have expired meanwhile.
  await remove('attribute_exists(#rev)').catch((failure: unknown) => {
    if (!isConditionFailure(failure)) throw failure;
  });
  return false;
}
