import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';
import { activity, buttonsOf, post, startBotConnector, textOf } from './bot-connector.js';

// Sunday 29 November 2026, 12:00 in Shanghai: the demo shop is closed on Sundays.
const sunday = new Date('2026-11-29T04:00:00Z');
let stack: Awaited<ReturnType<typeof startTestStack>>;
let connector: Awaited<ReturnType<typeof startBotConnector>>;

beforeAll(async () => {
  connector = await startBotConnector();
  stack = await startTestStack({ hours: 'demo', clock: () => sunday, env: { BOTFRAMEWORK_NO_AUTH: 'true' } });
});
afterAll(async () => {
  await stack?.stop();
  await connector?.close();
});

describe('out of staffed hours in Teams', () => {
  it('takes a message without asking for a contact, since Teams users are known', async () => {
    const ask = activity('teams-personal-message', connector.serviceUrl, {
      text: 'I want to talk to a human',
    });
    let turn = 0;
    const say = async (changes: object) => {
      await post(stack.url, { ...ask, id: `${ask.id}-${++turn}`, ...changes });
      return connector.sentTo(ask.conversation.id).at(-1)!;
    };

    await post(stack.url, ask);
    const offline = connector.sentTo(ask.conversation.id)[0]!;
    expect(textOf(offline)).toMatch(/tomorrow at 09:00/);
    const leave = buttonsOf(offline).find((b) => b.value.choice === 'leave:yes')!;

    expect(textOf(await say({ text: leave.title, value: leave.value }))).toMatch(/type your message/i);
    const confirm = await say({ text: 'My order 1234 arrived broken' });
    expect(textOf(confirm)).toMatch(/tomorrow at 09:00/);

    const ticket = await vi.waitFor(
      async () => {
        const tickets = await webClient(stack.url).agent(stack.agentToken).tickets();
        const found = tickets.find((t) => t.ref.conversationId.endsWith(ask.conversation.id));
        if (!found) throw new Error('ticket not stored yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(ticket).toMatchObject({ kind: 'message', message: 'My order 1234 arrived broken' });
    expect(ticket.contact).toBeUndefined();
    expect(ticket.ref.userId).toBe(ask.from.aadObjectId);
  });
});
