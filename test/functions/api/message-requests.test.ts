import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import type { Bot } from '../../../functions/core/bot/bot.js';
import type { ConversationGate } from '../../../functions/core/conversation-gate.js';
import { recordCommands } from '../../support/dynamo-commands.js';
import { startTestStack } from '../../support/local-stack.js';
import { HELD_TURNS_MAX } from '../../../functions/core/held-turns.js';
import { ANSWERED, NONE } from './report-traffic.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let commandsOf: ReturnType<typeof recordCommands>;

beforeAll(async () => {
  stack = await startTestStack();
  commandsOf = recordCommands(stack.services.db.doc);
});
afterAll(() => stack?.stop());

/** A web chat on an app over the stack's services, with the bot optionally wrapped and the gate replaced. */
async function chat(
  wrap: (bot: Bot) => Bot = (bot) => bot,
  messageGate: ConversationGate = stack.services.messageGate,
) {
  const app = createApp({
    ...stack.services,
    messageGate,
    bot: wrap(stack.services.bot),
    uiDir: join(import.meta.dirname, '../../../ui'),
  });
  const open = await app.request('/web/conversations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"lang":"en"}',
  });
  const { conversationId, token } = await open.json();
  const say = async (text: string, clientMessageId?: string) => {
    const res = await app.request(`/web/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text, clientMessageId }),
    });
    return { status: res.status, body: await res.json() };
  };
  const transcript = async () =>
    (await stack.services.conversations.transcript(`web#${conversationId}`)).map((line) => line.text);
  return { conversationId, say, transcript };
}

describe('the DynamoDB requests of an answered web message', () => {
  it('are two: the gate update and the state save, which holds the turn; every fifth writes the held turns out', async () => {
    const { say, transcript } = await chat();
    await say(ANSWERED[0]!);
    const { result, commands } = await commandsOf.during(() => say(ANSWERED[1]!));
    expect(result.body.replies[0].text.length).toBeGreaterThan(0);
    expect(commands.map((c) => c.split(' ')[0])).toEqual(['UpdateItemCommand', 'UpdateItemCommand']);
    expect(commands[0]).toMatch(/rate@.*"ALL_NEW"/);
    expect(commands[1]).toMatch(/"ConditionExpression":"#rev = :rev OR.*turn@/);
    for (let i = 2; i < HELD_TURNS_MAX; i++) await say(ANSWERED[i % ANSWERED.length]!);
    const fifth = await commandsOf.during(() => say(ANSWERED[0]!));
    expect(fifth.commands.map((c) => c.split(' ')[0])).toEqual([
      'UpdateItemCommand',
      'BatchWriteItemCommand',
      'UpdateItemCommand',
    ]);
    expect(fifth.commands[1]).toMatch(/MSG#.*EVENTS#/);
    expect(await transcript()).toHaveLength(2 * (HELD_TURNS_MAX + 1));
  });

  it('answer a retried clientMessageId once: the repeat gets the recorded replies and writes nothing', async () => {
    const { say, transcript } = await chat();
    const first = await say(ANSWERED[2]!, 'm-1');
    expect(first.body.replies).toHaveLength(1);
    const { result, commands } = await commandsOf.during(() => say(ANSWERED[2]!, 'm-1'));
    expect(result.body).toEqual(first.body);
    expect(commands.map((c) => c.split(' ')[0])).toEqual(['UpdateItemCommand', 'GetItemCommand']);
    expect((await transcript()).filter((text) => text === ANSWERED[2])).toHaveLength(1);
    expect(await transcript()).toHaveLength(2);
  });

  it('let a failed attempt be retried with the same clientMessageId', async () => {
    let failures = 1;
    const { say, transcript } = await chat((bot) => ({
      handle: (...args) => (failures-- > 0 ? Promise.reject(new Error('boom')) : bot.handle(...args)),
    }));
    expect((await say(ANSWERED[0]!, 'm-2')).status).toBe(500);
    const retried = await say(ANSWERED[0]!, 'm-2');
    expect([retried.status, retried.body.replies.length]).toEqual([200, 1]);
    expect(await transcript()).toContain(ANSWERED[0]);
  });

  it('answer a message whose first attempt died right after its admission once, when the widget retries it', async () => {
    const { conversationId, say, transcript } = await chat();
    await stack.services.messageGate.admit(`web#${conversationId}`, 'm-3', new Date());
    const retried = await say(ANSWERED[1]!, 'm-3');
    expect([retried.status, retried.body.replies.length]).toEqual([200, 1]);
    expect((await transcript()).filter((text) => text === ANSWERED[1])).toHaveLength(1);
  });

  it('answer a message whose first attempt died between writing held turns out and saving once', async () => {
    const { conversations } = stack.services;
    const dead = { ...stack.services.messageGate, release: async () => {} };
    const { conversationId, say, transcript } = await chat(undefined, dead);
    for (let i = 0; i < HELD_TURNS_MAX; i++) await say(ANSWERED[i % ANSWERED.length]!);
    // The process dies after the held turns are written out, before the state save: nothing answered or released.
    const save = conversations.save;
    conversations.save = async () => {
      conversations.save = save;
      throw new Error('killed before the state save');
    };
    expect((await say(NONE[0]!, 'm-4')).status).toBe(500);
    const retried = await say(NONE[0]!, 'm-4');
    expect([retried.status, retried.body.replies.length]).toEqual([200, 1]);
    const lines = await conversations.transcript(`web#${conversationId}`);
    expect(lines).toHaveLength(2 * (HELD_TURNS_MAX + 1));
    expect(new Set(lines.map((line) => line.cursor)).size).toBe(lines.length);
    expect((await transcript()).filter((text) => text === NONE[0])).toHaveLength(1);
  });

  it('lose no state when messages of one conversation arrive together', async () => {
    const { conversationId, say, transcript } = await chat();
    const texts = ['qwxz plorb vented quasar', 'zorp flange morbid tarantula', 'blorf quib zent'];
    const results = await Promise.all(texts.map((text) => say(text)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const state = await stack.services.conversations.find(`web#${conversationId}`);
    // Opening saved rev 1; each message saved once more, every one on the state the others left.
    expect(state?.rev).toBe(4);
    expect(state?.unanswered).toBeGreaterThanOrEqual(1);
    expect((await transcript()).filter((text) => texts.includes(text)).sort()).toEqual([...texts].sort());
  });
});
