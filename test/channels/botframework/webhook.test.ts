import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';
import { type Activity, activity, buttonsOf, post, startBotConnector, textOf } from './bot-connector.js';

// The local server with the channel turned on from the environment (Emulator mode, no credentials), exactly as
// `BOTFRAMEWORK_NO_AUTH=true npm start` runs it; the Bot Connector is a recording server.
let stack: Awaited<ReturnType<typeof startTestStack>>;
let connector: Awaited<ReturnType<typeof startBotConnector>>;

beforeAll(async () => {
  connector = await startBotConnector();
  stack = await startTestStack({ env: { BOTFRAMEWORK_NO_AUTH: 'true' } });
});
afterAll(async () => {
  await stack?.stop();
  await connector?.close();
});

const teams = (name: string, changes = {}) => activity(name, connector.serviceUrl, changes);
const transcript = (a: Activity) =>
  stack.services.conversations.transcript(`botframework#${a.channelId}:${a.conversation.id}`);

describe('Teams personal chat', () => {
  it('answers as a reply to the message, in the same conversation, with an empty 200', async () => {
    const message = teams('teams-personal-message');
    const res = await post(stack.url, message);
    expect([res.status, await res.text()]).toEqual([200, '']);
    const [reply, ...more] = connector.sentTo(message.conversation.id);
    expect(more).toEqual([]);
    expect(textOf(reply!)).toMatch(/99/);
    expect(reply!.path).toBe(`/amer/v3/conversations/${message.conversation.id}/activities/${message.id}`);
    expect([reply!.from.id, reply!.recipient.id]).toEqual([message.recipient.id, message.from.id]);
  });

  it('delivers a reply the Bot Connector refused later, through the outbound queue', async () => {
    const message = teams('teams-personal-message');
    connector.failNext(1);
    expect((await post(stack.url, message)).status).toBe(200);
    const [refused, delivered] = await vi.waitFor(
      () => {
        const sent = connector.sentTo(message.conversation.id);
        expect(sent).toHaveLength(2);
        return sent;
      },
      { timeout: 10_000 },
    );
    expect(refused!.path).toMatch(new RegExp(`/activities/${message.id}$`));
    expect(textOf(delivered!)).toBe(textOf(refused!));
    expect(textOf(delivered!)).toMatch(/99/);
  });

  it('answers a Bot Connector retry of the same Activity only once', async () => {
    const message = teams('teams-personal-message');
    await post(stack.url, message);
    expect((await post(stack.url, message)).status).toBe(200);
    expect(connector.sentTo(message.conversation.id)).toHaveLength(1);
  });

  it('answers a retry whose first attempt died after claiming the Activity, through the inbound queue', async () => {
    const message = teams('teams-personal-message');
    // The dead attempt: it claimed the Activity and never finishes (its process was killed).
    const key = `botframework#${message.channelId}:${message.conversation.id}|${message.id}`;
    void stack.services.dedupe.once(key, new Date(), () => new Promise(() => {}));
    expect((await post(stack.url, message)).status).toBe(200);
    const [reply, ...more] = await vi.waitFor(
      () => {
        const sent = connector.sentTo(message.conversation.id);
        expect(sent).toHaveLength(1);
        return sent;
      },
      { timeout: 10_000 },
    );
    expect(textOf(reply!)).toMatch(/99/);
    expect(more).toEqual([]);
  });

  it('offers choices as card buttons, and a click picks one by its id', async () => {
    const miss = teams('teams-personal-message', { text: 'qwxz plorb vented quasar' });
    await post(stack.url, miss);
    await post(stack.url, { ...miss, id: `${miss.id}-2`, text: 'zorp flange morbid tarantula' });
    const offer = connector.sentTo(miss.conversation.id)[1]!;
    expect(buttonsOf(offer)).toEqual([
      {
        type: 'messageBack',
        title: 'Talk to a person',
        text: 'Talk to a person',
        displayText: 'Talk to a person',
        value: { choice: 'human' },
      },
    ]);

    const click = teams('teams-button-click', { conversation: miss.conversation });
    expect(click.value).toEqual({ choice: 'human' });
    await post(stack.url, click);
    expect(textOf(connector.sentTo(miss.conversation.id)[2]!)).toMatch(/queue/i);
  });

  it('answers a message without text (an image) with a note that only text is read', async () => {
    const image = teams('teams-personal-message', {
      text: undefined,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/photo.png' }],
    });
    await post(stack.url, image);
    expect(textOf(connector.sentTo(image.conversation.id)[0]!)).toMatch(/only read text/i);
  });

  it('acks Activities meant for nobody (typing, reactions) without answering', async () => {
    const typing = teams('teams-personal-message', { type: 'typing', text: undefined });
    const reaction = teams('teams-personal-message', {
      type: 'messageReaction',
      reactionsAdded: [{ type: 'like' }],
    });
    for (const ignored of [typing, reaction]) {
      expect((await post(stack.url, ignored)).status).toBe(200);
      expect(connector.sentTo(ignored.conversation.id)).toEqual([]);
    }
  });

  it('refuses a body that is not an Activity with 400', async () => {
    expect((await post(stack.url, '{"type":')).status).toBe(400);
    expect((await post(stack.url, { type: 'message', text: 'no conversation' })).status).toBe(400);
  });
});

describe('Teams channels', () => {
  it('strips the @-mention of the bot and answers in the same thread', async () => {
    const mention = teams('teams-channel-mention');
    await post(stack.url, mention);
    const [reply] = connector.sentTo(mention.conversation.id);
    expect(mention.conversation.id).toContain(';messageid=');
    expect(textOf(reply!)).toMatch(/99/);
    expect((await transcript(mention))[0]?.text).toBe('how much is shipping?');
  });

  it('welcomes the team once when the bot is added, in the channel it was added to', async () => {
    const added = teams('teams-bot-added-to-team');
    await post(stack.url, added);
    await post(stack.url, added);
    const sent = connector.sentTo(added.conversation.id);
    expect(sent.map(textOf)).toEqual([expect.stringMatching(/welcome/i)]);
  });
});

describe('Azure Web Chat and the Bot Framework Emulator', () => {
  it('welcomes a new conversation, and not a user who joins one', async () => {
    const started = activity('emulator-conversation-update', connector.serviceUrl);
    await post(stack.url, started);
    expect(connector.sentTo(started.conversation.id).map(textOf)).toEqual([
      expect.stringMatching(/welcome/i),
    ]);

    const joined = {
      ...started,
      id: 'another-member',
      membersAdded: [{ id: 'someone-else', name: 'Guest' }],
    };
    await post(stack.url, joined);
    expect(connector.sentTo(started.conversation.id)).toHaveLength(1);
  });

  it('welcomes in the language of the locale', async () => {
    const started = activity('emulator-conversation-update', connector.serviceUrl, { locale: 'zh-CN' });
    await post(stack.url, started);
    expect(textOf(connector.sentTo(started.conversation.id)[0]!)).toMatch(/欢迎/);
  });

  it('answers in Chinese for a Chinese question', async () => {
    const message = activity('emulator-conversation-update', connector.serviceUrl, {
      type: 'message',
      id: 'zh-1',
      text: '运费多少',
      locale: 'zh-CN',
      membersAdded: undefined,
    });
    await post(stack.url, message);
    expect(textOf(connector.sentTo(message.conversation.id)[0]!)).toMatch(/99/);
  });
});

describe('hand-off to a person', () => {
  it('queues a Teams user for an agent, whose claim and reply reach the chat proactively', async () => {
    const ask = teams('teams-personal-message', { text: 'I want to talk to a person' });
    await post(stack.url, ask);
    expect(textOf(connector.sentTo(ask.conversation.id)[0]!)).toMatch(/queue/i);

    const agent = webClient(stack.url).agent(stack.agentToken);
    const ticket = await vi.waitFor(
      async () => {
        const found = (await agent.tickets()).find((t) => t.ref.conversationId.endsWith(ask.conversation.id));
        if (!found) throw new Error('ticket not stored yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(ticket.ref.userId).toBe(ask.from.aadObjectId);

    await agent.claim(ticket.id);
    expect((await agent.reply(ticket.id, 'Hi Lin, let me check your order.')).status).toBe(202);
    const proactive = await vi.waitFor(
      () => {
        const sent = connector.sentTo(ask.conversation.id).slice(1);
        expect(sent.map(textOf)).toEqual([
          expect.stringMatching(/Demo Agent/),
          'Hi Lin, let me check your order.',
        ]);
        return sent;
      },
      { timeout: 10_000 },
    );
    // Sent later, from the stored conversation reference: same conversation, bot and user as the question.
    expect(proactive[1]).toMatchObject({
      conversation: { id: ask.conversation.id, tenantId: ask.conversation.tenantId },
      from: { id: ask.recipient.id },
      recipient: { id: ask.from.id },
    });
  });
});
