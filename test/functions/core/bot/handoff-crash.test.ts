import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { InboundMessage } from '../../../../channels/types.js';
import { createBot } from '../../../../functions/core/bot/bot.js';
import type { TicketEvent } from '../../../../functions/core/bot/context.js';
import { HANDOFF_GRACE_MS } from '../../../../functions/core/bot/handoff-draft.js';
import { createSmallTalk } from '../../../../functions/core/bot/small-talk.js';
import { configFromEnv } from '../../../../functions/core/config.js';
import { alwaysStaffed } from '../../../../functions/core/hours/hours-store.js';
import { parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';
import type { Ticket } from '../../../../functions/core/ticket.js';
import { createClients, createServices, type Services } from '../../../../functions/services.js';
import { dynamoLocalTable } from '../../../support/aws.js';

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

/** A tickets queue whose sends can throw (the process died before SQS answered) or be lost after the answer. */
function ticketsQueue() {
  const sent: Ticket[] = [];
  let mode: 'ok' | 'throw' | 'lose' = 'ok';
  return {
    sent,
    set: (next: typeof mode) => (mode = next),
    /** What the tickets worker does with each message that reached it. */
    store: async () => {
      for (const ticket of sent.splice(0)) await services.tickets.create(ticket);
    },
    queue: {
      async send(event: TicketEvent) {
        if (mode === 'throw') throw new Error('connection reset');
        if (mode === 'ok') sent.push(event.ticket);
      },
    },
  };
}

/** The bot over real stores, with the given tickets queue and conversation saves that can be made to fail once. */
function bot(tickets: ReturnType<typeof ticketsQueue>) {
  let failNextSave = false;
  const conversations = {
    ...services.conversations,
    save: async (...args: Parameters<Services['conversations']['save']>) => {
      if (failNextSave) {
        failNextSave = false;
        throw new Error('process killed before the save');
      }
      return services.conversations.save(...args);
    },
  };
  const b = createBot({
    ...services,
    settings: services.config,
    conversations,
    hours: { current: async () => alwaysStaffed() },
    ticketQueue: tickets.queue,
    smallTalk: createSmallTalk(),
    identifiesUser: () => true,
  });
  return { ...b, failNextSave: () => (failNextSave = true) };
}

let n = 0;
const message = (conversationId: string, text: string): InboundMessage => ({
  id: `m${++n}`,
  from: { channel: 'chat', conversationId, userId: 'u' },
  text,
  receivedAt: Date.now(),
});
const t0 = new Date('2026-12-01T02:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('a hand-off that crashes midway', () => {
  it('leaves no hand-off when the queue send throws, and the next request completes one', async () => {
    const queue = ticketsQueue();
    const b = bot(queue);
    queue.set('throw');
    await expect(b.handle(message('c1', 'agent'), t0)).rejects.toThrow('connection reset');
    const state = await services.conversations.find('chat#c1');
    expect(state?.ticketId).toBeUndefined();
    queue.set('ok');
    const { replies } = await b.handle(message('c1', 'agent'), later(1000));
    expect(replies[0]?.text).toMatch(/queue/);
    await queue.store();
    const stored = await services.conversations.find('chat#c1');
    expect(await services.tickets.get(stored!.ticketId!)).toMatchObject({
      status: 'queued',
      kind: 'transfer',
    });
  });

  it('sends a ticket that never arrived again after the grace period and tells the customer', async () => {
    const queue = ticketsQueue();
    const b = bot(queue);
    queue.set('lose');
    const first = await b.handle(message('c2', 'talk to a person'), t0);
    expect(first.replies[0]?.text).toMatch(/queue/);
    queue.set('ok');
    // Within the grace period the ticket may still be on its way: the queue owns the conversation.
    expect((await b.handle(message('c2', 'hello?'), later(1000))).replies).toEqual([]);
    const resent = await b.handle(message('c2', 'anyone there?'), later(HANDOFF_GRACE_MS + 1000));
    expect(resent.replies[0]?.text).toMatch(/still in the queue/);
    const { ticketId } = (await services.conversations.find('chat#c2'))!;
    expect(queue.sent.map((t) => t.id)).toEqual([ticketId]);
    await queue.store();
    expect((await b.handle(message('c2', 'ok'), later(HANDOFF_GRACE_MS + 2000))).replies).toEqual([]);
    expect((await services.conversations.find('chat#c2'))?.handoff).toBeUndefined();
  });

  it('sends the same ticket again when the save after the send fails and the message is retried', async () => {
    const queue = ticketsQueue();
    const b = bot(queue);
    const msg = message('c3', 'human');
    b.failNextSave();
    await expect(b.handle(msg, t0)).rejects.toThrow('process killed');
    const { replies } = await b.handle(msg, t0);
    expect(replies[0]?.text).toMatch(/queue/);
    expect(new Set(queue.sent.map((t) => t.id)).size).toBe(1);
    await queue.store();
    expect(await services.tickets.list('queued')).toContainEqual(
      expect.objectContaining({ conversationKey: 'chat#c3' }),
    );
  });

  it('sends a lost leave-a-message ticket again, with the message that found it missing as a follow-up', async () => {
    const queue = ticketsQueue();
    const b = bot(queue);
    const closed = { current: async () => parseHoursConfig({ timeZone: 'UTC', weekly: {} }) };
    const offHours = createBot({
      ...services,
      settings: services.config,
      hours: closed,
      ticketQueue: queue.queue,
      smallTalk: createSmallTalk(),
      identifiesUser: () => true,
    });
    await offHours.handle(message('c4', 'agent'), t0);
    await offHours.handle(message('c4', '1'), t0);
    queue.set('lose');
    await offHours.handle(message('c4', 'my parcel is broken'), t0);
    queue.set('ok');
    const reply = await b.handle(message('c4', 'how much is shipping'), later(HANDOFF_GRACE_MS + 1000));
    expect(reply.replies.length).toBeGreaterThan(0);
    expect(queue.sent.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'message',
        message: 'my parcel is broken',
        followUps: [expect.objectContaining({ text: 'how much is shipping' })],
      }),
    );
  });

  it('gives a conversation whose ticket is gone for good back to the bot', async () => {
    const queue = ticketsQueue();
    const b = bot(queue);
    const state = await services.conversations.load(
      { channel: 'chat', conversationId: 'c5', userId: 'u' },
      'en',
    );
    await services.conversations.save({ ...state, ticketId: 'never-stored' }, t0);
    const { replies } = await b.handle(message('c5', 'how much is shipping'), t0);
    expect(replies.length).toBeGreaterThan(0);
  });
});
