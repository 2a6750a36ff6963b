import { describe, expect, it } from 'vitest';
import { IncomingActivity, Reference, toTurn } from '../../../channels/botframework/activity.js';
import { activity } from './bot-connector.js';

const SERVICE = 'https://smba.trafficmanager.net/amer/';
const now = new Date('2026-11-23T09:00:00Z');
const turnOf = (name: string, changes = {}) =>
  toTurn(IncomingActivity.parse(activity(name, SERVICE, changes)), now);

describe('reading Activities', () => {
  it('keeps a Teams user, their conversation and how to reach it again', () => {
    const raw = activity('teams-personal-message', SERVICE);
    const { message, lang } = toTurn(IncomingActivity.parse(raw), now)!;
    expect(lang).toBe('en');
    expect(message).toMatchObject({
      id: `msteams:${raw.conversation.id}|${raw.id}`,
      text: 'How much is shipping?',
      receivedAt: now.getTime(),
      from: {
        channel: 'botframework',
        conversationId: `msteams:${raw.conversation.id}`,
        userId: raw.from.aadObjectId,
      },
    });
    const reference = Reference.parse(JSON.parse(message.from.address!.reference!));
    expect(reference).toMatchObject({
      serviceUrl: SERVICE,
      channelId: 'msteams',
      conversation: { id: raw.conversation.id, tenantId: raw.conversation.tenantId },
      bot: { id: raw.recipient.id },
      user: { id: raw.from.id },
    });
  });

  it("removes only the bot's own @-mention, wherever it is", () => {
    const mention = activity('teams-channel-mention', SERVICE);
    const [bot] = mention.entities;
    const other = { type: 'mention', text: '<at>Ana</at>', mentioned: { id: '29:ana', name: 'Ana' } };
    const turn = turnOf('teams-channel-mention', {
      text: 'hi <at>Frontdesk</at>, can <at>Ana</at> get a refund?',
      entities: [bot, other],
    });
    expect(turn?.message.text).toBe('hi , can <at>Ana</at> get a refund?');
  });

  it('falls back to the channel account id where there is no Entra ID object id (Web Chat)', () => {
    const turn = turnOf('emulator-conversation-update', { type: 'message', text: 'hi' });
    expect(turn?.message.from.userId).toBe('9d3f7b12-6b1d-11f0-9a3e-5f7b2d8c1e04');
  });

  it('reads a button click as the choice it carries', () => {
    expect(turnOf('teams-button-click')?.message).toMatchObject({
      text: 'Talk to a person',
      choice: 'human',
    });
    expect(turnOf('teams-button-click', { value: 'not ours' })?.message.choice).toBeUndefined();
  });

  it('turns the bot joining into a welcome event, in the language of the locale', () => {
    expect(turnOf('emulator-conversation-update', { locale: 'zh-CN' })).toMatchObject({
      message: { event: 'welcome' },
      lang: 'zh',
    });
    expect(turnOf('teams-bot-added-to-team', { membersAdded: [{ id: '29:someone' }] })).toBeUndefined();
  });

  it('welcomes a bare @-mention, and notes a message with nothing to read', () => {
    expect(turnOf('teams-channel-mention', { text: '<at>Frontdesk</at>' })?.message.event).toBe('welcome');
    const image = turnOf('teams-personal-message', {
      text: undefined,
      attachments: [{ contentType: 'image/png' }],
    });
    expect(image?.message.event).toBe('unsupported');
  });
});
