import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Choice, ConversationRef } from '../../channels/types.js';
import { type Db, expiresIn, isConditionFailure } from './db.js';
import { batchWriteAll } from './dynamo-batch.js';
import type { Lang } from './faq/entry.js';
import type { Ticket } from './tickets.js';

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
  /** Unanswered messages in a row, for offering a person. */
  unanswered: number;
  /** Optimistic-locking revision; 0 for a conversation not yet saved. */
  rev: number;
}

/** A line of the transcript that agents see and the web widget polls. */
export interface TranscriptEntry {
  cursor: string;
  role: 'user' | 'bot' | 'agent';
  text: string;
  choices?: Choice[];
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

const RETENTION_DAYS = 180;

/** Conversation state and transcripts in the frontdesk table. */
export function createConversationStore(db: Db) {
  const pk = (key: string) => `CONV#${key}`;
  return {
    /** The stored state, or a fresh bot-owned state for a new conversation. */
    async load(ref: ConversationRef, lang: Lang): Promise<ConversationState> {
      const stored = await this.find(conversationKey(ref));
      return stored ?? { key: conversationKey(ref), ref, lang, unanswered: 0, rev: 0 };
    },

    async find(key: string): Promise<ConversationState | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: { pk: pk(key), sk: 'STATE' }, ConsistentRead: true }),
      );
      return Item?.state as ConversationState | undefined;
    },

    /** Saves state if nobody else saved since it was loaded; bumps `rev`. */
    async save(state: ConversationState, now: Date): Promise<ConversationState> {
      const next = { ...state, rev: state.rev + 1 };
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { pk: pk(state.key), sk: 'STATE', state: next, expiresAt: expiresIn(now, RETENTION_DAYS) },
            ConditionExpression: state.rev === 0 ? 'attribute_not_exists(pk)' : '#s.#rev = :rev',
            ExpressionAttributeNames: state.rev === 0 ? undefined : { '#s': 'state', '#rev': 'rev' },
            ExpressionAttributeValues: state.rev === 0 ? undefined : { ':rev': state.rev },
          }),
        );
        return next;
      } catch (error) {
        if (isConditionFailure(error))
          throw new ConversationConflictError(`conversation ${state.key} changed`);
        throw error;
      }
    },

    /** Appends lines to the transcript; returns them with their cursors. */
    async append(
      key: string,
      lines: Omit<TranscriptEntry, 'cursor'>[],
      now: Date,
    ): Promise<TranscriptEntry[]> {
      // Sortable cursor: time, then position within this call, then a random tail against collisions.
      const written = lines.map((line, i) => ({
        ...line,
        cursor: `${String(line.at).padStart(14, '0')}.${i}.${Math.random().toString(36).slice(2, 8)}`,
      }));
      const expiresAt = expiresIn(now, RETENTION_DAYS);
      await batchWriteAll(
        db.doc,
        db.table,
        written.map((entry) => ({
          PutRequest: { Item: { pk: pk(key), sk: `MSG#${entry.cursor}`, entry, expiresAt } },
        })),
      );
      return written;
    },

    /** Transcript lines after `after` (a cursor), oldest first. */
    async transcript(
      key: string,
      options: { after?: string; limit?: number } = {},
    ): Promise<TranscriptEntry[]> {
      // Cursors use digits, dots and base-36 letters, so "MSG#~" sorts after every one of them.
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pk(key),
            ':from': `MSG#${options.after ?? ''}`,
            ':to': 'MSG#~',
          },
          Limit: (options.limit ?? 200) + 1,
        }),
      );
      return Items.map((item) => item.entry as TranscriptEntry)
        .filter((entry) => entry.cursor !== options.after)
        .slice(0, options.limit ?? 200);
    },
  };
}

/** The conversation store's interface, as its factory builds it. */
export type ConversationStore = ReturnType<typeof createConversationStore>;
