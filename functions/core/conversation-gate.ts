import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ConversationState, conversationItemKey, stateOfItem } from './conversations.js';
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
  /** Forgets a message id, so that a message whose handling failed after admission can be retried. */
  release(key: string, messageId: string): Promise<void>;
}

/** Message ids a conversation remembers; past this many the conversation is refused (start a new one). */
export const MESSAGES_PER_CONVERSATION = 2000;

/**
 * A gate on the conversation's own STATE item, so that admitting a message and reading the state is one
 * UpdateItem (ReturnValues ALL_NEW). The minute's hit count lives in an attribute named after the minute (an
 * update cannot reset a counter when the minute changes); the update drops the previous minute's, and any older
 * one left from an idle spell costs a few bytes per admitted message, bounded with the ids by
 * MESSAGES_PER_CONVERSATION. The ids form a string set, which the condition checks and `release` deletes from.
 * Hits refused by the condition are not counted: at most `perMinute` messages are admitted in any minute.
 */
export function createConversationGate(
  db: Db,
  perMinute: number,
  maxMessages = MESSAGES_PER_CONVERSATION,
): ConversationGate {
  const Key = (key: string) => conversationItemKey(key);
  return {
    async admit(key, messageId, now) {
      const minute = Math.floor(now.getTime() / 60_000);
      try {
        const { Attributes } = await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: Key(key),
            UpdateExpression:
              'ADD #hits :one, seen :ids SET expiresAt = if_not_exists(expiresAt, :exp) REMOVE #previous',
            // A comparison with a missing attribute is false, so NOT lets a first message through without
            // attribute_not_exists; and no parentheses, which dynalite's parser is slow on (a fifth of the request).
            ConditionExpression: 'NOT #hits >= :limit AND NOT contains(seen, :id) AND NOT size(seen) >= :cap',
            ExpressionAttributeNames: { '#hits': `rate@${minute}`, '#previous': `rate@${minute - 1}` },
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
      if ((Item?.seen as Set<string> | undefined)?.has(messageId))
        return { kind: 'repeat', state: stateOfItem(Item) };
      if (Number(Item?.[`rate@${minute}`] ?? 0) >= perMinute) return { kind: 'rate-limited' };
      return { kind: 'full' };
    },
    async release(key, messageId) {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: Key(key),
          UpdateExpression: 'DELETE seen :ids',
          ExpressionAttributeValues: { ':ids': new Set([messageId]) },
        }),
      );
    },
  };
}
