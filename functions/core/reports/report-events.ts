import { randomUUID } from 'node:crypto';
import { expiresIn, sortableTime } from '../db.js';
import type { Lang } from '../faq/entry.js';

/** What happened in a turn or to a ticket, as the reports count it; stamped by `stampEvents`. */
export type EventBody =
  | { type: 'message' }
  /** A question for the FAQ: answered outright, answered with "did you mean" choices, or not at all. */
  | {
      type: 'asked';
      outcome: 'answered' | 'suggested' | 'none';
      text: string;
      faqId?: string;
      confidence?: number;
    }
  /** A suggested (or welcome) entry picked by the user. */
  | { type: 'clicked'; faqId: string }
  | { type: 'handoff' }
  | { type: 'feedback'; value: 'up' | 'down'; faqId?: string; text?: string }
  | { type: 'ticket'; ticketId: string; kind: 'transfer' | 'message' }
  | { type: 'claimed'; ticketId: string }
  /** `since`: when the ticket was created, so a duration needs no ticket read. */
  | { type: 'first-response'; ticketId: string; since: number }
  | { type: 'resolved'; ticketId: string; since: number }
  | { type: 'rated'; ticketId: string; csat: number };

/** An event as stored: when, in which conversation and channel, in which language. */
export type ReportEvent = EventBody & { at: number; key: string; channel: string; lang: Lang };

/** Events of one conversation at one moment. */
export function stampEvents(
  bodies: readonly EventBody[],
  where: { key: string; channel: string; lang: Lang },
  now: Date,
): ReportEvent[] {
  return bodies.map((body) => ({ ...body, ...where, at: now.getTime() }));
}

const RETENTION_DAYS = 400;

/** Events are kept in one partition per UTC day, sorted by time; reports read a local day as a key range. */
export const eventPartition = (at: number) => `EVENTS#${new Date(at).toISOString().slice(0, 10)}`;

/** Why a question reached the unanswered inbox. */
export type UnansweredReason = 'none' | 'low' | 'down';

/**
 * The items a turn's events add to the table: the events of one moment in one item (every item costs a write; a
 * turn's events share their time), as JSON, and the inbox records of unanswered questions. Their keys end in
 * `tag`, which keeps same-time items apart: a turn written again with its own tag (held-turns.ts) is counted once.
 */
export function eventItems(
  events: readonly ReportEvent[],
  now: Date,
  tag = randomUUID().slice(0, 8),
): Record<string, unknown>[] {
  const byTime = new Map<number, ReportEvent[]>();
  for (const event of events) byTime.set(event.at, [...(byTime.get(event.at) ?? []), event]);
  const items: Record<string, unknown>[] = [...byTime].map(([at, together]) => ({
    pk: eventPartition(at),
    sk: `${sortableTime(at)}#${tag}`,
    events: JSON.stringify(together),
    expiresAt: expiresIn(now, RETENTION_DAYS),
  }));
  for (const [i, event] of events.entries()) {
    const inbox = unansweredOf(event);
    if (inbox)
      items.push({
        pk: `UNANSWERED#${new Date(event.at).toISOString().slice(0, 10)}`,
        sk: `${event.at}#${tag}.${i}`,
        ...inbox,
        channel: event.channel,
        lang: event.lang,
        at: event.at,
        expiresAt: expiresIn(now, 90),
      });
  }
  return items;
}

/** The events an item holds: those of one moment, or the single event an item held in older versions. */
export function eventsOfItem(item: Record<string, unknown>): ReportEvent[] {
  return typeof item.events === 'string'
    ? (JSON.parse(item.events) as ReportEvent[])
    : [item.event as ReportEvent];
}

function unansweredOf(event: ReportEvent): { text: string; reason: UnansweredReason } | undefined {
  if (event.type === 'asked' && event.outcome !== 'answered')
    return { text: event.text, reason: event.outcome === 'none' ? 'none' : 'low' };
  if (event.type === 'feedback' && event.value === 'down' && event.text)
    return { text: event.text, reason: 'down' };
  return undefined;
}
