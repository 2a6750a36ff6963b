import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../../channels/types.js';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

// A platform that is down until the test brings it back.
let down = true;
const sent: string[] = [];
const platform: Channel = {
  name: 'platform',
  async send(_to, message) {
    if (down) throw Object.assign(new Error('platform answered HTTP 500'), { statusCode: 500 });
    sent.push(message.text);
  },
} as Channel;

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ channels: [platform], maxReceiveCount: 1000 });
});
afterAll(() => stack.stop());

describe('a reply to a ticket that keeps failing', () => {
  it('shows as delivery pending on the ticket until it is delivered', async () => {
    const ref = { channel: 'platform', conversationId: 'c1', userId: 'u1' };
    const ticket = {
      id: 'pending-1',
      kind: 'transfer' as const,
      status: 'queued' as const,
      conversationKey: 'platform#c1',
      ref,
      lang: 'en' as const,
      question: 'where is my parcel',
      createdAt: Date.now(),
    };
    await stack.services.tickets.create(ticket);
    await stack.services.queues.outbound.send({
      to: ref,
      message: { text: 'on its way' },
      ticketId: ticket.id,
    });
    const agent = webClient(stack.url).agent(stack.agentToken);
    const pending = await vi.waitFor(
      async () => {
        const found = (await agent.tickets()).find((t) => t.id === ticket.id);
        if (!found?.delivery || found.delivery.attempts < 2) throw new Error('not marked yet');
        return found.delivery;
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(pending).toMatchObject({ lastError: 'Error: platform answered HTTP 500 (HTTP 500)' });
    expect(pending.pendingSince).toBeLessThanOrEqual(Date.now());

    down = false;
    await vi.waitFor(() => expect(sent).toEqual(['on its way']), { timeout: 15_000 });
    await vi.waitFor(
      async () => expect((await stack.services.tickets.get(ticket.id))?.delivery).toBeUndefined(),
      {
        timeout: 5_000,
      },
    );
  });
});
