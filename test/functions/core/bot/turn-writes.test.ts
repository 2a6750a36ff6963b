import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { InboundMessage } from '../../../../channels/types.js';
import { createBot } from '../../../../functions/core/bot/bot.js';
import { createSmallTalk } from '../../../../functions/core/bot/small-talk.js';
import { configFromEnv } from '../../../../functions/core/config.js';
import { alwaysStaffed } from '../../../../functions/core/hours/hours-store.js';
import { eventPartition } from '../../../../functions/core/reports/report-events.js';
import { createClients, createServices, type Services } from '../../../../functions/services.js';
import { dynamoLocalTable } from '../../../support/aws.js';

// The bot writes a turn's transcript lines and report events while its state save is in flight: these tests prove
// that a turn whose save fails leaves neither behind.

let services: Services;
beforeAll(async () => {
  const { tableName } = await dynamoLocalTable();
  const config = configFromEnv({
    FRONTDESK_TABLE: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    SQS_ENDPOINT: inject('sqsEndpoint'),
    FRONTDESK_INBOUND_QUEUE_URL: 'unused',
    FRONTDESK_TICKETS_QUEUE_URL: 'unused',
    FRONTDESK_OUTBOUND_QUEUE_URL: 'unused',
    FRONTDESK_WEB_SECRET: 'x'.repeat(32),
  });
  services = createServices(config, createClients(config), { channels: [] });
});

type Save = Services['conversations']['save'];

/** The bot over real stores, with `save` replaced by what the test makes of the real one. */
function bot(save: (real: Save, ...args: Parameters<Save>) => ReturnType<Save>) {
  const real = services.conversations.save.bind(services.conversations);
  return createBot({
    ...services,
    settings: services.config,
    conversations: { ...services.conversations, save: (...args) => save(real, ...args) },
    hours: { current: async () => alwaysStaffed() },
    ticketQueue: { send: async () => {} },
    smallTalk: createSmallTalk(),
    identifiesUser: () => true,
  });
}

const now = new Date('2026-12-02T03:00:00Z');
const message = (conversationId: string, text: string): InboundMessage => ({
  id: `${conversationId}-1`,
  from: { channel: 'chat', conversationId, userId: 'u' },
  text,
  receivedAt: now.getTime(),
});

/** The report events stored for a conversation on the test's day. */
async function eventsOf(key: string) {
  const { Items = [] } = await services.db.doc.send(
    new QueryCommand({
      TableName: services.db.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': eventPartition(now.getTime()) },
    }),
  );
  return Items.map((item) => item.event as { key: string; type: string }).filter((e) => e.key === key);
}

describe('the writes of a turn', () => {
  it('leaves no transcript lines and no report events when the state save fails', async () => {
    const b = bot(async () => {
      throw new Error('process killed before the save');
    });
    await expect(b.handle(message('w1', 'how much is shipping'), now)).rejects.toThrow('killed');
    expect(await services.conversations.transcript('chat#w1')).toEqual([]);
    expect(await eventsOf('chat#w1')).toEqual([]);
  });

  it('keeps only the lines and events of the attempt whose save won a conflict', async () => {
    let interleaved = false;
    const b = bot(async (real, state, at) => {
      // Another message of the conversation is saved between this turn's read and its save.
      if (!interleaved) ((interleaved = true), await real(state, at));
      return real(state, at);
    });
    const { replies } = await b.handle(message('w2', 'how much is shipping'), now);
    const lines = await services.conversations.transcript('chat#w2');
    expect(lines.map((line) => line.role)).toEqual(['user', ...replies.map(() => 'bot')]);
    expect(lines.map((line) => line.text)).toEqual(['how much is shipping', ...replies.map((r) => r.text)]);
    expect((await eventsOf('chat#w2')).filter((e) => e.type === 'message')).toHaveLength(1);
    expect((await services.conversations.find('chat#w2'))?.rev).toBe(2);
  });
});
