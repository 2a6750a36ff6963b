import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** Resolves on the next `{"type":"message"}` the live socket pushes. */
function nextPush(stack: Stack, conversationId: string, token: string) {
  const ws = new WebSocket(
    `${stack.url.replace('http', 'ws')}/web/conversations/${conversationId}/live?token=${token}`,
  );
  const opened = new Promise((resolve) => ws.once('open', resolve));
  const pushed = new Promise<unknown>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );
  return { opened, pushed, close: () => ws.close() };
}

describe('in staffed hours', () => {
  let stack: Stack;
  let client: ReturnType<typeof webClient>;
  beforeAll(async () => {
    stack = await startTestStack({ hours: 'always' });
    client = webClient(stack.url);
  });
  afterAll(() => stack.stop());

  it('queues a transfer, an agent claims, replies live, resolves, and the bot takes over again', async () => {
    const chat = await client.open('zh');
    await chat.say('我的猫把快递盒子吃了一半');
    const [queued] = await chat.say('转人工');
    expect(queued?.text).toMatch(/1/);

    const agent = client.agent(stack.agentToken);
    const ticket = await vi.waitFor(
      async () => {
        const found = (await agent.tickets()).find((t) => t.ref.conversationId === chat.conversationId);
        if (!found) throw new Error('ticket not stored yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect([ticket.kind, ticket.status, ticket.question]).toEqual([
      'transfer',
      'queued',
      '我的猫把快递盒子吃了一半',
    ]);

    // While the ticket is open the bot stays silent, even for questions it could answer.
    expect(await chat.say('运费多少')).toEqual([]);

    const live = nextPush(stack, chat.conversationId, chat.token);
    await live.opened;
    expect((await agent.claim(ticket.id)).status).toBe(200);
    await live.pushed;
    live.close();
    expect((await chat.transcript()).at(-1)?.text).toMatch(/Demo Agent/);

    const reply = nextPush(stack, chat.conversationId, chat.token);
    await reply.opened;
    expect((await agent.reply(ticket.id, '您好，我来帮您查一下')).status).toBe(202);
    await reply.pushed;
    reply.close();
    const agentLine = (await chat.transcript()).find((l) => l.role === 'agent');
    expect(agentLine).toMatchObject({ text: '您好，我来帮您查一下', agentName: 'Demo Agent' });

    expect((await agent.resolve(ticket.id)).status).toBe(200);
    const [thanks] = await chat.say('5');
    expect(thanks?.text.length).toBeGreaterThan(0);
    const rated = await stack.services.tickets.get(ticket.id);
    expect([rated?.status, rated?.csat]).toEqual(['resolved', 5]);
    expect(rated?.firstResponseAt).toBeGreaterThanOrEqual(rated!.claimedAt!);

    const [answer] = await chat.say('运费多少');
    expect(answer?.text).toMatch(/99/);
  });

  it('lets exactly one of two agents claim a ticket', async () => {
    const chat = await client.open('en');
    await chat.say('talk to a person');
    const second = await stack.services.agents.add('Second Agent');
    const [a, b] = [client.agent(stack.agentToken), client.agent(second.token)];
    const ticket = await vi.waitFor(
      async () => {
        const found = (await a.tickets()).find((t) => t.ref.conversationId === chat.conversationId);
        if (!found) throw new Error('not yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const results = await Promise.all([a.claim(ticket.id), b.claim(ticket.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results[0]!.status === 409 ? a : b;
    expect((await loser.reply(ticket.id, 'me too')).status).toBe(409);
  });

  it('offers to leave a message when nobody claims in time', async () => {
    const chat = await client.open('en');
    await chat.say('human');
    await vi.waitFor(
      async () => {
        if (!(await client.agent(stack.agentToken).tickets()).length) throw new Error('not yet');
      },
      { timeout: 10_000 },
    );
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await stack.services.desk.offerUnclaimed(later)).toBeGreaterThanOrEqual(1);
    const offer = (await chat.transcript()).at(-1);
    expect(offer?.text).toMatch(/message/i);
    const [ask] = await chat.say('1');
    expect(ask?.text).toMatch(/message/i);
  });

  it('hands a conversation back to the bot', async () => {
    const chat = await client.open('en');
    await chat.say('agent please');
    const agent = client.agent(stack.agentToken);
    const ticket = await vi.waitFor(
      async () => {
        const found = (await agent.tickets()).find((t) => t.ref.conversationId === chat.conversationId);
        if (!found) throw new Error('not yet');
        return found;
      },
      { timeout: 10_000 },
    );
    await agent.claim(ticket.id);
    expect((await agent.release(ticket.id)).status).toBe(200);
    const [answer] = await chat.say('how much is shipping');
    expect(answer?.text).toMatch(/99/);
  });
});

describe('out of staffed hours', () => {
  // Sunday 29 November 2026, 12:00 in Shanghai: the demo shop is closed on Sundays.
  const sunday = new Date('2026-11-29T04:00:00Z');
  let stack: Stack;
  let client: ReturnType<typeof webClient>;
  beforeAll(async () => {
    stack = await startTestStack({ hours: 'demo', clock: () => sunday });
    client = webClient(stack.url);
  });
  afterAll(() => stack.stop());

  it('takes a message with a validated contact and says when staff are back', async () => {
    const chat = await client.open('en');
    const [offline] = await chat.say('I want to talk to a human');
    expect(offline?.text).toMatch(/tomorrow at 09:00/);
    expect(offline?.choices?.map((c) => c.id)).toEqual(['leave:yes', 'leave:no']);
    const [askMessage] = await chat.say('1');
    expect(askMessage?.text).toMatch(/message/i);
    const [askContact] = await chat.say('My order 1234 arrived broken');
    expect(askContact?.text).toMatch(/phone|email/i);
    const [invalid] = await chat.say('not a contact');
    expect(invalid?.text).toMatch(/phone|email/i);
    const [confirm] = await chat.say('me@example.com');
    expect(confirm?.text).toMatch(/tomorrow at 09:00/);

    const ticket = await vi.waitFor(
      async () => {
        const found = (await client.agent(stack.agentToken).tickets()).find(
          (t) => t.ref.conversationId === chat.conversationId,
        );
        if (!found) throw new Error('not yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(ticket).toMatchObject({ message: 'My order 1234 arrived broken', contact: 'me@example.com' });
  });

  it('answers in Chinese with the Chinese time, and the user can cancel', async () => {
    const chat = await client.open('zh');
    const [offline] = await chat.say('人工客服');
    expect(offline?.text).toMatch(/明天 09:00/);
    await chat.say('1');
    const [cancelled] = await chat.say('取消');
    expect(cancelled?.text.length).toBeGreaterThan(0);
    const [answer] = await chat.say('运费多少');
    expect(answer?.text).toMatch(/99/);
  });
});
