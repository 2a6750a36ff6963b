import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ConversationState, stateOfItem } from './conversations.js';
import { conversationItemKey } from './state-item.js';
import { type Db, expiresIn, isConditionFailure } from './db.js';

/** What the gate decided about one incoming message. */
export type Admission =
  | {
      kind: 'admitted';
      /** The stored state, read by the same request; undefined for a new conversation. */
      state?: ConversationState;
    }
  | {
      kind: 'repeat';
      /** The stored state, with the replies recorded for the message if its first attempt got as far as saving. */
      state?: ConversationState;
    }
  | { kind: 'rate-limited' }
  | { kind: 'full' };

/** The web message path's first request: rate limit, dedupe and the state read, in one conditional update. */
export interface ConversationGate {
  admit(key: string, messageId: string, now: Date): Promise<Admission>;
  /** Forgets a message id admitted at `now` or shortly before, so that a message whose handling failed can be retried. */
  release(key: string, messageId: string, now: Date): Promise<void>;
}

/** Messages a conversation takes; past this many it is refused (start a new one). */
export const MESSAGES_PER_CONVERSATION = 2000;

/** How long a message id is remembered: one to two of these windows, far longer than any client retries. */
const DEDUPE_WINDOW_MINUTES = 10;

/**
 * A gate on the conversation's own STATE item, so that admitting a message and reading the state is one
 * UpdateItem (ReturnValues ALL_NEW). Counters live in attributes named after their time window, because an update
 * cannot reset a counter when the window changes: the minute's hits in `rate@<minute>`, the ids of a ten-minute
 * window in the string set `seen@<window>`; each update drops the ones before the previous window. Any older one
 * left from an idle spell costs a few bytes, bounded with the message count. The item, which the gate returns and
 * the state save rewrites on every message, so stays small however long the conversation runs (a set of every id
 * would reach 72 KB). Hits refused by the condition are not counted: at most `perMinute` messages are admitted in
 * any minute. Items of older versions hold all ids in `seen`; the first update drops it.
 */
export function createConversationGate(
  db: Db,
  perMinute: number,
  maxMessages = MESSAGES_PER_CONVERSATION,
): ConversationGate {
  const Key = (key: string) => conversationItemKey(key);
  // The id sets a message admitted at `now` is looked for in: its window's and the one before.
  const idSets = (now: Date) => {
    const window = Math.floor(now.getTime() / 60_000 / DEDUPE_WINDOW_MINUTES);
    return { '#seen': `seen@${window}`, '#seenBefore': `seen@${window - 1}`, '#stale': `seen@${window - 2}` };
  };
  return {
    async admit(key, messageId, now) {
      const minute = Math.floor(now.getTime() / 60_000);
      const sets = idSets(now);
      try {
        const { Attributes } = await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: Key(key),
            UpdateExpression:
              'ADD #hits :one, #count :one, #seen :ids SET expiresAt = if_not_exists(expiresAt, :exp) ' +
              'REMOVE #previous, #stale, seen',
            // A comparison with a missing attribute is false, so NOT lets a first message through without
            // attribute_not_exists; and no parentheses, which dynalite's parser is slow on (a fifth of the request).
            ConditionExpression:
              'NOT #hits >= :limit AND NOT contains(#seen, :id) AND NOT contains(#seenBefore, :id) ' +
              'AND NOT #count >= :cap',
            ExpressionAttributeNames: {
              '#hits': `rate@${minute}`,
              '#previous': `rate@${minute - 1}`,
              '#count': 'messages',
              ...sets,
            },
            ExpressionAttributeValues: {
              ':one': 1,
              ':ids': new Set([messageId]),
              ':id': messageId,
              ':limit': perMinute,
              ':cap': maxMessages,
              // A conversation first seen here expires like a saved one; saving sets the real retention.
              ':exp': expiresIn(now, 2),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { kind: 'admitted', state: stateOfItem(Attributes) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      // Refused: one more read (off the answered path) to say why.
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: Key(key), ConsistentRead: true }),
      );
      const seen = (name: string) => (Item?.[name] as Set<string> | undefined)?.has(messageId);
      if (seen(sets['#seen']) || seen(sets['#seenBefore']))
        return { kind: 'repeat', state: stateOfItem(Item) };
      if (Number(Item?.[`rate@${minute}`] ?? 0) >= perMinute) return { kind: 'rate-limited' };
      return { kind: 'full' };
    },
    async release(key, messageId, now) {
      const { '#seen': current, '#seenBefore': before } = idSets(now);
      // A released message does not count towards the conversation's messages either.
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: Key(key),
          UpdateExpression: 'DELETE #seen :ids, #seenBefore :ids ADD #count :minusOne',
          ExpressionAttributeNames: { '#seen': current, '#seenBefore': before, '#count': 'messages' },
          ExpressionAttributeValues: { ':ids': new Set([messageId]), ':minusOne': -1 },
        }),
      );
    },
  };
}
