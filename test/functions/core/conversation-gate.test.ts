import { afterAll, describe, expect, it } from 'vitest';
import { createConversationGate } from '../../../functions/core/conversation-gate.js';
import { createConversationStore } from '../../../functions/core/conversations.js';
import { createDb } from '../../../functions/core/db.js';
import { dynaliteTable, dynamoLocalTable } from '../../support/aws.js';

const embedded = await dynaliteTable();
afterAll(() => embedded.close());

const minute = Date.UTC(2026, 11, 3, 8, 0);
const at = (ms: number) => new Date(minute + ms);

describe.each([
  ['DynamoDB Local', await dynamoLocalTable()],
  ['dynalite', embedded],
])('the conversation gate on %s', (_, { client, tableName }) => {
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
    await gate.release('web#c1', 'm1');
    expect((await gate.admit('web#c1', 'm1', at(60_000))).kind).toBe('admitted');
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
});
