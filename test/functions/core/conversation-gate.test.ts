import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createConversationGate } from '../../../functions/core/conversation-gate.js';
import {
  ConversationConflictError,
  type ConversationState,
  createConversationStore,
} from '../../../functions/core/conversations.js';
import { createDb } from '../../../functions/core/db.js';
import { conversationItemKey } from '../../../functions/core/state-item.js';
import { tablesOnBoth } from '../../support/aws.js';

const minute = Date.UTC(2026, 11, 3, 8, 0);
const at = (ms: number) => new Date(minute + ms);

describe.each(await tablesOnBoth())('the conversation gate on %s', (_, { client, tableName }) => {
  const db = createDb(client, tableName);
  const gate = createConversationGate(db, 2, 4);
  const conversations = createConversationStore(db);
  const ref = { channel: 'web', conversationId: 'c1', userId: 'c1' };

  it('reads the state, refuses a repeat, forgets a released id, and keeps its attributes across saves', async () => {
    const saved = await conversations.save(conversations.fresh(ref, 'en'), at(0));
    expect(await gate.admit('web#c1', 'm1', at(1))).toEqual({ kind: 'admitted', state: saved });
    expect(await gate.admit('web#c1', 'm1', at(2))).toEqual({ kind: 'repeat', state: saved });
    const again = await conversations.save(saved, at(3));
    expect(await gate.admit('web#c1', 'm1', at(4))).toEqual({ kind: 'repeat', state: again });
    await gate.release('web#c1', 'm1', at(5));
    expect((await gate.admit('web#c1', 'm1', at(60_000))).kind).toBe('admitted');
  });

  it('reads and saves over a state stored as a map by an older version, and refuses a stale save of it', async () => {
    const old: ConversationState = {
      key: 'web#c3',
      ref: { ...ref, conversationId: 'c3' },
      lang: 'zh',
      unanswered: 1,
      rev: 4,
    };
    await db.doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...conversationItemKey(old.key), state: old, seen: new Set(['m0']), expiresAt: 1 },
      }),
    );
    expect(await conversations.find(old.key)).toEqual(old);
    expect(await gate.admit(old.key, 'm1', at(1))).toEqual({ kind: 'admitted', state: old });
    const saved = await conversations.save({ ...old, unanswered: 2 }, at(2));
    expect(saved.rev).toBe(5);
    expect(await conversations.find(old.key)).toEqual(saved);
    await expect(conversations.save(old, at(3))).rejects.toThrow(ConversationConflictError);
    expect((await conversations.save(saved, at(4))).rev).toBe(6);
  });

  it('admits `perMinute` messages a minute, and refuses a conversation past its message ids', async () => {
    const key = 'web#c2';
    const kinds = [];
    for (const id of ['a', 'b', 'c']) kinds.push((await gate.admit(key, id, at(10))).kind);
    expect(kinds).toEqual(['admitted', 'admitted', 'rate-limited']);
    expect(await gate.admit(key, 'c', at(60_010))).toEqual({ kind: 'admitted', state: undefined });
    expect((await gate.admit(key, 'd', at(60_020))).kind).toBe('admitted');
    expect((await gate.admit(key, 'e', at(120_000))).kind).toBe('full');
  });

  it('remembers ids for ten to twenty minutes, so the item stays small however long the conversation', async () => {
    const key = 'web#c4';
    const roomy = createConversationGate(db, 100);
    // 60 messages, one every 30 s: half an hour.
    for (let i = 0; i < 60; i++)
      expect((await roomy.admit(key, `m${i}`, at(i * 30_000))).kind).toBe('admitted');
    const last = at(59 * 30_000);
    expect((await roomy.admit(key, 'm59', last)).kind).toBe('repeat');
    // m25 came 17 minutes before m59, in the ten minutes before its window: still a repeat.
    expect((await roomy.admit(key, 'm25', last)).kind).toBe('repeat');
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: tableName, Key: conversationItemKey(key) }),
    );
    const ids = Object.entries(Item!)
      .filter(([name]) => name.startsWith('seen'))
      .flatMap(([, value]) => [...(value as Set<string>)]);
    expect(ids.length).toBeLessThanOrEqual(40);
    expect(ids).toContain('m25');
    expect(ids).not.toContain('m0');
    expect(Item!.messages).toBe(60);
    // An id of half an hour ago is forgotten: such a retry is answered from the recorded replies (bot.ts), if any.
    expect((await roomy.admit(key, 'm0', last)).kind).toBe('admitted');
  });

  it('drops the id set an older version kept, and releases an id admitted in the window before', async () => {
    const key = 'web#c5';
    await db.doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...conversationItemKey(key), seen: new Set(['old-1', 'old-2']), expiresAt: 1 },
      }),
    );
    expect((await gate.admit(key, 'n1', at(9 * 60_000))).kind).toBe('admitted');
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: tableName, Key: conversationItemKey(key) }),
    );
    expect(Item!.seen).toBeUndefined();
    // Released after the window turned: the id is forgotten and the message does not count.
    await gate.release(key, 'n1', at(9 * 60_000));
    expect((await gate.admit(key, 'n1', at(11 * 60_000))).kind).toBe('admitted');
    const after = await db.doc.send(new GetCommand({ TableName: tableName, Key: conversationItemKey(key) }));
    expect(after.Item!.messages).toBe(1);
  });
});
