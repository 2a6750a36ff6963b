import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';

/** Days a conversation's items (state and transcript) are kept after they were last written. */
export const CONVERSATION_RETENTION_DAYS = 180;

/** A conversation's partition: its STATE item and its transcript items (`MSG#<cursor>`). */
export const conversationPartition = (key: string) => `CONV#${key}`;

/** The key of a conversation's STATE item, which the web message gate (conversation-gate.ts) shares. */
export const conversationItemKey = (key: string) => ({ pk: conversationPartition(key), sk: 'STATE' });

/** A conversation's STATE item as stored (state, gate counters, held turns), read consistently. */
export async function readStateItem(db: Db, key: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: conversationItemKey(key), ConsistentRead: true }),
  );
  return Item;
}
