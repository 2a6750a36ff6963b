import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelStore } from '../../channels/types.js';
import { type Db, isConditionFailure } from './db.js';

/** ChannelStore on the frontdesk table: one item per key, expiry checked on read (TTL deletion is lazy). */
export function createChannelStore(db: Db, clock: () => Date = () => new Date()): ChannelStore {
  const key = (name: string) => ({ pk: `CHANNEL#${name}`, sk: '-' });
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  return {
    async get(name) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: key(name), ConsistentRead: true }),
      );
      return Item && Number(Item.expiresAt) > nowSeconds() ? String(Item.value) : undefined;
    },
    async put(name, value, ttlSeconds) {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...key(name), value, expiresAt: nowSeconds() + ttlSeconds },
        }),
      );
    },
    async putIfAbsent(name, value, ttlSeconds) {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...key(name), value, expiresAt: nowSeconds() + ttlSeconds },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async delete(name) {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key(name) }));
    },
  };
}
