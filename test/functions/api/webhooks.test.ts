import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { signedTestChannel, signTest } from '../../support/signed-test-channel.js';

const inline = signedTestChannel('inline', 'inline');
const queued = signedTestChannel('queued', 'queue');
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ channels: [inline, queued] });
});
afterAll(() => stack.stop());

const post = (channel: string, payload: unknown, signature?: string) => {
  const body = JSON.stringify(payload);
  return fetch(`${stack.url}/webhooks/${channel}`, {
    method: 'POST',
    headers: { 'x-signature': signature ?? signTest(body) },
    body,
  });
};

describe('/webhooks/{channel}', () => {
  it('answers 404 for a channel that is not configured', async () => {
    const res = await post('slack', { id: '1', user: 'u', text: 'hi' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/not configured/);
  });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const res = await post('inline', { id: 'f1', user: 'forger', text: 'how much is shipping' }, 'deadbeef');
    expect(res.status).toBe(401);
    expect(await stack.services.conversations.transcript('inline#forger')).toEqual([]);
  });

  it('answers handshakes and acks ignored events', async () => {
    expect(await (await post('inline', { challenge: 'abc123' })).text()).toBe('abc123');
    expect(await (await post('inline', { edit: true })).text()).toBe('ok');
  });

  it('answers inline, and a platform retry gets the ack without a second answer', async () => {
    const message = { id: 'm1', user: 'alice', text: 'how much is shipping' };
    const first = await (await post('inline', message)).json();
    expect(first[0]).toMatch(/99/);
    expect(await (await post('inline', message)).json()).toEqual([]);
    const lines = await stack.services.conversations.transcript('inline#alice');
    expect(lines.map((l) => l.role)).toEqual(['user', 'bot']);
  });

  it('queues the message, acks at once, and the answer is delivered by the channel', async () => {
    const res = await post('queued', { id: 'q1', user: 'bob', text: '运费多少' });
    expect(await res.json()).toEqual([]);
    await vi.waitFor(() => expect(queued.sent.map((m) => m.text).join()).toMatch(/99/), { timeout: 10_000 });
  });
});
