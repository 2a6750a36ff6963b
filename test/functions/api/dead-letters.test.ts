import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { recordingChannel } from '../../support/recording-channel.js';

// Down for its first three sends: the reply fails every retry (maxReceiveCount 3), then works after a redrive.
const outage = recordingChannel('outage', 3);
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ channels: [outage], maxReceiveCount: 3 });
});
afterAll(() => stack.stop());

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
  });

describe('dead letters', () => {
  it('are counted and listed with their last failure, and a redrive delivers them', async () => {
    await stack.services.queues.outbound.send({
      to: { channel: 'outage', conversationId: 'c1', userId: 'u1' },
      message: { text: 'your refund is on its way' },
    });
    await vi.waitFor(
      async () => {
        const counts = await (await admin('/dead-letters')).json();
        expect(counts.queues).toContainEqual({ name: 'outbound', count: 1 });
      },
      { timeout: 20_000, interval: 250 },
    );
    const { messages } = await (await admin('/dead-letters/outbound')).json();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0].body).message.text).toBe('your refund is on its way');
    expect(messages[0].reason).toBe('Error: outage is down (attempt 3)');
    expect(messages[0].attempts).toBe(3);
    expect(messages[0].failedAt).toEqual(expect.any(Number));

    const redrive = await admin('/dead-letters/outbound/redrive', {
      method: 'POST',
      body: JSON.stringify({ ids: [messages[0].id] }),
    });
    expect(await redrive.json()).toEqual({ redriven: 1 });
    await vi.waitFor(
      () => expect(outage.sent.map((s) => s.message.text)).toEqual(['your refund is on its way']),
      {
        timeout: 15_000,
      },
    );
    const after = await (await admin('/dead-letters')).json();
    expect(after.queues).toContainEqual({ name: 'outbound', count: 0 });
  });

  it('answer 404 for a queue that does not exist and 400 for a bad redrive body', async () => {
    const missing = await admin('/dead-letters/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const bad = await admin('/dead-letters/inbound/redrive', { method: 'POST', body: '{"ids": "all"}' });
    expect(bad.status).toBe(400);
    const unauthorized = await fetch(`${stack.url}/admin/dead-letters`);
    expect(unauthorized.status).toBe(401);
  });

  it('are described in /openapi.json', async () => {
    const doc = await (await fetch(`${stack.url}/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/dead-letters',
        '/admin/dead-letters/{queue}',
        '/admin/dead-letters/{queue}/redrive',
      ]),
    );
    expect(doc.components.schemas.Redrive.properties.ids.type).toBe('array');
    expect(doc.paths['/admin/dead-letters'].get.security).toEqual([{ admin: [] }]);
  });
});
