import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { frontdeskClient } from '../../../bridges/wechaty/frontdesk-client.js';
import { SIGNATURE_HEADER, signBridgeRequest, TIMESTAMP_HEADER } from '../../../channels/wechaty/protocol.js';
import { startTestStack } from '../../support/local-stack.js';

const SECRET = 'bridge-secret-'.repeat(3);
let offset = 0;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({
    clock: () => new Date(Date.now() + offset),
    env: { WECHATY_BRIDGE_SECRET: SECRET },
  });
});
afterAll(() => stack.stop());

const client = () => frontdeskClient({ url: stack.url, secret: SECRET });
const message = (id: string, talkerId: string, text: string, type = 7) => ({
  id,
  talkerId,
  text,
  type,
  timestamp: Date.now(),
});
const wechaty = () => stack.services.channels.get('wechaty')!;
const outboxFor = async (userId: string) =>
  (await client().outbox(0)).messages.filter((m) => m.userId === userId);

describe('/webhooks/wechaty', () => {
  it('takes a signed message and puts the answer in the outbox for the bridge', async () => {
    await client().forward(message('w1', 'alice', '运费多少'));
    await vi.waitFor(async () => expect((await outboxFor('alice')).map((m) => m.text).join()).toMatch(/99/), {
      timeout: 10_000,
      interval: 100,
    });
    // The bridge re-forwarding after a restart changes nothing.
    await client().forward(message('w1', 'alice', '运费多少'));
    expect(await stack.services.conversations.transcript('wechaty#alice')).toHaveLength(2);
  });

  it('refuses unsigned, forged, stale and wrongly keyed requests with 401', async () => {
    const body = JSON.stringify(message('w2', 'mallory', '运费多少'));
    const post = (headers: Record<string, string>) =>
      fetch(`${stack.url}/webhooks/wechaty`, { method: 'POST', headers, body }).then((res) => res.status);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signed = (secret: string, at = timestamp) => ({
      [TIMESTAMP_HEADER]: at,
      [SIGNATURE_HEADER]: signBridgeRequest(secret, { timestamp: at, method: 'POST', query: {}, body }),
    });
    expect(await post({})).toBe(401);
    expect(await post({ ...signed(SECRET), [SIGNATURE_HEADER]: 'ab'.repeat(32) })).toBe(401);
    expect(await post(signed('another-secret-of-enough-length-000'))).toBe(401);
    expect(await post(signed(SECRET, String(Number(timestamp) - 301)))).toBe(401);
    const outbox = await fetch(`${stack.url}/webhooks/wechaty?after=0`);
    expect(outbox.status).toBe(401);
    expect(await stack.services.conversations.transcript('wechaty#mallory')).toEqual([]);
  });

  it('answers an image politely and ignores a recall', async () => {
    await client().forward(message('w3', 'bob', '<msg/>', 6));
    await client().forward(message('w4', 'bob', '', 13));
    await vi.waitFor(async () => expect((await outboxFor('bob')).map((m) => m.text)).toHaveLength(1), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await outboxFor('bob'))[0]!.text).toMatch(/只能识别文字/);
    expect((await stack.services.conversations.transcript('wechaty#bob'))[0]?.text).toBe('[图片]');
  });

  it('numbers concurrent replies without gaps or repeats, and pages from any point', async () => {
    const to = { channel: 'wechaty', conversationId: 'carol', userId: 'carol' };
    const texts = Array.from({ length: 8 }, (_, i) => `reply ${i}`);
    await Promise.all(texts.map((text) => wechaty().send(to, { text })));
    const mine = await outboxFor('carol');
    expect(mine.map((m) => m.text).sort()).toEqual(texts);
    const seqs = (await client().outbox(0)).messages.map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const from = mine[3]!.seq;
    expect((await client().outbox(from)).messages[0]).toEqual(mine[3]);
  });

  it('skips replies that expired while the bridge was away', async () => {
    const to = { channel: 'wechaty', conversationId: 'dave', userId: 'dave' };
    const before = (await client().outbox(0)).next;
    await wechaty().send(to, { text: 'old news' });
    offset = 8 * 86_400_000; // a week and a day later, when the bridge's own clock would be too
    try {
      await wechaty().send(to, { text: 'fresh' });
      const parsed = stack.services.channels
        .webhook('wechaty')!
        .parse({ method: 'GET', headers: {}, query: { after: String(before) }, body: '' });
      if (parsed.kind !== 'pull') throw new Error('expected an outbox read');
      const page = JSON.parse((await parsed.answer()).body);
      expect(page.messages.map((m: { text: string }) => m.text)).toEqual(['fresh']);
      expect(page.next).toBe(before + 2);
    } finally {
      offset = 0;
    }
  });
});
