import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Choice, ConversationRef, OutboundMessage } from '../../channels/types.js';
import { type Db, expiresIn, isConditionFailure } from './db.js';
import { batchWriteAll } from './dynamo-batch.js';
import type { Lang } from './faq/entry.js';
import {
  HELD_TURNS_MAX,
  type HeldTurn,
  heldTurnsOf,
  heldTurnsUpdate,
  listHeld,
  writeDueTurns,
  writeTurns,
} from './held-turns.js';
import { eventItems, type ReportEvent } from './reports/report-events.js';
import type { Ticket } from './ticket.js';
import {
  byCursor,
  comesAfter,
  cursorTag,
  linesOfItem,
  linesOfTurn,
  splitCursor,
  turnCursor,
  turnItem,
} from './transcript-cursors.js';

/** What the bot is waiting for from the user, if anything. */
export type Pending =
  | { kind: 'choices'; choices: Choice[] }
  | { kind: 'leave-message'; step: 'message' }
  | { kind: 'leave-message'; step: 'contact'; message: string };

/** One conversation's state: who owns it, what the bot waits for, how the user has been served. */
export interface ConversationState {
  key: string;
  ref: ConversationRef;
  lang: Lang;
  /** The open ticket, while a person (or the queue) owns the conversation. */
  ticketId?: string;
  pending?: Pending;
  /** A ticket sent to the tickets queue and not yet seen stored (functions/core/bot/handoff-draft.ts). */
  handoff?: { ticket: Ticket; sentAt: number };
  /** The user's latest question (not a request for a person): what a ticket carries to the agent. */
  lastQuestion?: string;
  /** The replies to the latest messages, newest last (bot.ts): a message handled again gets them, not new ones. */
  answered?: Answered[];
  /** Unanswered messages in a row, for offering a person. */
  unanswered: number;
  /** Bot turns saved with the state and not yet written out (held-turns.ts): read with it, never part of its JSON. */
  held?: HeldTurn[];
  /** Optimistic-locking revision; 0 for a conversation not yet saved. */
  rev: number;
}

/** The bot's replies to one message, and where its transcript lines were written (their cursors' time and tag). */
export interface Answered {
  id: string;
  replies: OutboundMessage[];
  at: number;
  tag: string;
}

/** A line of the transcript that agents see and the web widget polls. */
export interface TranscriptEntry {
  cursor: string;
  role: 'user' | 'bot' | 'agent';
  text: string;
  choices?: Choice[];
  /** Buttons beside the choices (the 👍/👎 under an answer), for clients with buttons. */
  buttons?: Choice[];
  agentName?: string;
  at: number;
}

/** Thrown when another process saved the conversation first; the caller retries on fresh state. */
export class ConversationConflictError extends Error {
  override name = 'ConversationConflictError';
}

/** The key under which a conversation is stored: unique across channels. */
export const conversationKey = (ref: Pick<ConversationRef, 'channel' | 'conversationId'>) =>
  `${ref.channel}#${ref.conversationId}`;

/** The key of a conversation's STATE item, which the web message gate (conversation-gate.ts) shares. */
export const conversationItemKey = (key: string) => ({ pk: `CONV#${key}`, sk: 'STATE' });

/**
 * The state a STATE item holds. It is stored as one JSON string, which costs far less to marshal and to store than
 * the same state as nested maps (the replies it records make up most of it); older versions stored the map.
 */
export function stateOfItem(item: Record<string, unknown> | undefined): ConversationState | undefined {
  if (!item?.state) return undefined;
  const state = (typeof item.state === 'string' ? JSON.parse(item.state) : item.state) as ConversationState;
  const held = heldTurnsOf(item);
  return held.length ? { ...state, held } : state;
}

const RETENTION_DAYS = 180;
/** Conversation state and transcripts in the frontdesk table. */
export function createConversationStore(db: Db) {
  const pk = (key: string) => `CONV#${key}`;
  return {
    /** The stored state, or a fresh bot-owned state for a new conversation. */
    async load(ref: ConversationRef, lang: Lang): Promise<ConversationState> {
      return (await this.find(conversationKey(ref))) ?? this.fresh(ref, lang);
    },

    /** The state of a conversation never saved. */
    fresh(ref: ConversationRef, lang: Lang): ConversationState {
      return { key: conversationKey(ref), ref, lang, unanswered: 0, rev: 0 };
    },

    async find(key: string): Promise<ConversationState | undefined> {
      return stateOfItem(await this.findItem(key));
    },

    async findItem(key: string): Promise<Record<string, unknown> | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: conversationItemKey(key), ConsistentRead: true }),
      );
      return Item;
    },

    /**
     * Saves state if nobody else saved since it was loaded; bumps `rev`. An update rather than a put, so that the
     * gate's attributes on the same item (rate counters, message ids) survive it. The revision is also kept beside
     * the JSON for the condition to check; a state stored by an older version has it only inside its map. `turns`
     * holds a bot turn with the state, and drops held turns the caller has written out (held-turns.ts).
     */
    async save(
      state: ConversationState,
      now: Date,
      turns: { add?: HeldTurn; written?: readonly HeldTurn[] } = {},
    ): Promise<ConversationState> {
      const { held = [], ...stored } = state;
      const next = { ...stored, rev: state.rev + 1 };
      const change = heldTurnsUpdate(held, turns);
      const remove = change.remove.length ? ` REMOVE ${change.remove.join(', ')}` : '';
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: conversationItemKey(state.key),
            UpdateExpression: `SET ${['#s = :next', '#rev = :nextRev', 'expiresAt = :exp', ...change.set].join(', ')}${remove}`,
            ConditionExpression:
              state.rev === 0 ? 'attribute_not_exists(#s)' : '#rev = :rev OR #s.#rev = :rev',
            ExpressionAttributeNames: { '#s': 'state', '#rev': 'rev', ...change.names },
            ExpressionAttributeValues: {
              ':next': JSON.stringify(next),
              ':nextRev': next.rev,
              ':exp': expiresIn(now, RETENTION_DAYS),
              ...(state.rev !== 0 && { ':rev': state.rev }),
              ...change.values,
            },
          }),
        );
        return change.held.length ? { ...next, held: change.held } : next;
      } catch (error) {
        if (isConditionFailure(error))
          throw new ConversationConflictError(`conversation ${state.key} changed`);
        throw error;
      }
    },

    /**
     * Appends lines to the transcript, and the turn's report events in the same batch write (so counting costs the
     * message path no request of its own); returns the lines with their cursors. With a `tag` (cursorTag) the
     * lines get the cursors of an earlier call with the same time and tag: a turn written again is written once.
     */
    async append(
      key: string,
      lines: Omit<TranscriptEntry, 'cursor'>[],
      now: Date,
      events: readonly ReportEvent[] = [],
      tag = cursorTag(),
    ): Promise<TranscriptEntry[]> {
      // Sortable cursor: the time of writing (not the line's own time: WeChat stamps whole seconds, so a second
      // message of the same second would sort before the reply to the first), the tag, then the line's position.
      const turn = turnCursor(now.getTime(), tag);
      const turnItems =
        lines.length === 0 ? [] : [turnItem(pk(key), turn, lines, expiresIn(now, RETENTION_DAYS))];
      await batchWriteAll(
        db.doc,
        db.table,
        [...turnItems, ...eventItems(events, now)].map((Item) => ({ PutRequest: { Item } })),
      );
      return linesOfTurn(turn, lines);
    },

    /**
     * Saves state with a bot turn held on it (held-turns.ts): first lists the conversation for the schedule if it
     * held none, or writes the held turns out if it holds HELD_TURNS_MAX. Two requests with the gate's, mostly.
     */
    async saveTurn(state: ConversationState, now: Date, turn: HeldTurn): Promise<ConversationState> {
      const held = state.held ?? [];
      if (!held.length) await listHeld(db, state.key, now);
      const written = held.length >= HELD_TURNS_MAX ? held : [];
      if (written.length) await writeTurns(db, state.key, written);
      return this.save(state, now, { add: turn, written });
    },

    /** The schedule's part: writes out the held turns that are due; returns how many. */
    writeDueTurns: (now: Date) => writeDueTurns(db, now),

    /** Transcript lines after `after` (a cursor), oldest first: those written out and those held with the state. */
    async transcript(
      key: string,
      options: { after?: string; limit?: number } = {},
    ): Promise<TranscriptEntry[]> {
      const { after, limit = 200 } = options;
      const from = after === undefined ? undefined : splitCursor(after);
      const isAfter = (entry: TranscriptEntry) => !from || comesAfter(entry.cursor, from);
      const written: TranscriptEntry[] = [];
      let stateItem: Record<string, unknown> | undefined;
      let startKey: Record<string, unknown> | undefined;
      // Lines of a turn share one item, so the query starts at the turn holding `after`; the lines up to it are
      // dropped here, which may take more than one page. "STATE" sorts after every "MSG#" key, so the query ends
      // with the STATE item and the turns it holds. Consistent, so that a turn moving from one to the other while
      // this reads is seen in one of them.
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': pk(key), ':from': `MSG#${from?.turn ?? ''}`, ':to': 'STATE' },
            ConsistentRead: true,
            Limit: limit + 1,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (item.sk === 'STATE') stateItem = item;
          else written.push(...linesOfItem(item).filter(isAfter));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && written.length < limit);
      // Stopped by the limit before the STATE item: its held turns may still come before the last line read.
      if (startKey && !stateItem) stateItem = await this.findItem(key);
      const cursors = new Set(written.map((line) => line.cursor));
      const held = heldTurnsOf(stateItem ?? {})
        .flatMap((turn) => linesOfTurn(turn.id, turn.lines))
        .filter((line) => isAfter(line) && !cursors.has(line.cursor));
      return [...written, ...held].sort(byCursor).slice(0, limit);
    },
  };
}

/** The conversation store's interface, as its factory builds it. */
export type ConversationStore = ReturnType<typeof createConversationStore>;
