import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Choice, ConversationRef, OutboundMessage } from '../../channels/types.js';
import { type Db, expiresIn, isConditionFailure } from './db.js';
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
import { CONVERSATION_RETENTION_DAYS, conversationItemKey, readStateItem } from './state-item.js';
import type { Ticket } from './ticket.js';
import { createTranscripts } from './transcripts.js';

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

/** The bot's replies to one message, and where its transcript lines are (their cursors' time and tag). */
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

/**
 * The state a STATE item holds, with the turns it holds (held-turns.ts). The state is stored as one JSON string,
 * which costs far less to marshal and to store than the same state as nested maps (the replies it records make up
 * most of it); older versions stored the map.
 */
export function stateOfItem(item: Record<string, unknown> | undefined): ConversationState | undefined {
  if (!item?.state) return undefined;
  const state = (typeof item.state === 'string' ? JSON.parse(item.state) : item.state) as ConversationState;
  const held = heldTurnsOf(item);
  return held.length ? { ...state, held } : state;
}

/** Conversation state and transcripts (transcripts.ts) in the frontdesk table. */
export function createConversationStore(db: Db) {
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
      return stateOfItem(await readStateItem(db, key));
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
              ':exp': expiresIn(now, CONVERSATION_RETENTION_DAYS),
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

    ...createTranscripts(db),
  };
}

/** The conversation store's interface, as its factory builds it. */
export type ConversationStore = ReturnType<typeof createConversationStore>;
