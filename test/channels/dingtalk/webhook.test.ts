import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { startRecordingServer } from '../../support/recording-server.js';
import {
  dingTalkEnv,
  dingTalkStandIn,
  groupCallback,
  oneToOneCallback,
  postCallback,
  sessionPosts,
} from './dingtalk-fixtures.js';

let dingtalk: Awaited<ReturnType<typeof startRecordingServer>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  dingtalk = await startRecordingServer(dingTalkStandIn);
  stack = await startTestStack({ env: dingTalkEnv(dingtalk.url) });
});
afterAll(async () => {
  await stack.stop();
  await dingtalk.close();
});

const webhook = (session: string) => `${dingtalk.url}/robot/sendBySession?session=${session}`;
const answers = async (session: string, count = 1) =>
  vi.waitFor(
    () => {
      const posts = sessionPosts(dingtalk.requests, session);
      expect(posts.length).toBeGreaterThanOrEqual(count);
      return posts.map((post) => JSON.parse(post.body));
    },
    { timeout: 10_000 },
  );
const transcript = (key: string) => stack.services.conversations.transcript(key);

describe('/webhooks/dingtalk (enterprise robot, HTTP mode)', () => {
  it('answers a one-to-one question through the message’s sessionWebhook', async () => {
    const callback = oneToOneCallback({
      msgId: 'msg-1to1',
      conversationId: 'cid-alice',
      senderStaffId: 'alice',
      text: { content: '运费多少' },
      sessionWebhook: webhook('alice'),
    });
    const res = await postCallback(stack.url, callback);
    expect(res.status).toBe(200);
    const [answer] = await answers('alice');
    expect(answer).toMatchObject({ msgtype: 'text', text: { content: expect.stringMatching(/99/) } });
    expect(answer.at).toBeUndefined();
  });

  it('answers a group @-mention to the asker, with the mention stripped from the question', async () => {
    const callback = groupCallback({
      msgId: 'msg-group',
      conversationId: 'cid-team',
      senderStaffId: 'bob',
      text: { content: '@枫巷客服 运费多少' },
      sessionWebhook: webhook('team'),
    });
    expect((await postCallback(stack.url, callback)).status).toBe(200);
    const [answer] = await answers('team');
    expect(answer).toMatchObject({ msgtype: 'text', at: { atUserIds: ['bob'] } });
    expect((await transcript('dingtalk#cid-team:bob'))[0]?.text).toBe('运费多少');
  });

  it('refuses forged and stale signatures with 401 and stores nothing', async () => {
    const callback = (id: string) =>
      oneToOneCallback({ msgId: id, conversationId: 'cid-mallory', text: { content: '运费多少' } });
    const forged = await postCallback(stack.url, callback('forged'), { secret: 'guessed-secret' });
    const stale = await postCallback(stack.url, callback('stale'), { timestamp: Date.now() - 61 * 60_000 });
    const early = await postCallback(stack.url, callback('early'), { timestamp: Date.now() + 61 * 60_000 });
    expect([forged.status, stale.status, early.status]).toEqual([401, 401, 401]);
    expect(await transcript('dingtalk#cid-mallory')).toEqual([]);
    expect(await stack.services.dedupe.firstTime('dingtalk#forged', new Date())).toBe(true);
  });

  it('refuses a timestamp and sign reused with another body, and lets DingTalk’s identical retry through', async () => {
    const timestamp = Date.now() - 30 * 60_000;
    const first = oneToOneCallback({
      msgId: 'msg-captured',
      conversationId: 'cid-erin',
      senderStaffId: 'erin',
      text: { content: '运费多少' },
      sessionWebhook: webhook('erin'),
    });
    expect((await postCallback(stack.url, first, { timestamp })).status).toBe(200);
    expect((await postCallback(stack.url, first, { timestamp })).status).toBe(200);
    const forged = {
      ...first,
      msgId: 'msg-forged',
      conversationId: 'cid-mallory2',
      text: { content: '转人工' },
    };
    const replayed = await postCallback(stack.url, forged, { timestamp });
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error.code).toBe('replayed');
    expect(await answers('erin')).toHaveLength(1);
    expect(await transcript('dingtalk#cid-mallory2')).toEqual([]);
  });

  it('answers a sessionWebhook that is not a URL, or not DingTalk’s, with 400 and posts nowhere', async () => {
    const before = dingtalk.requests.length;
    for (const sessionWebhook of ['not a url', 'https://attacker.example/collect', 'http://127.0.0.1:9/x']) {
      const callback = oneToOneCallback({
        msgId: `msg-hook-${sessionWebhook}`,
        conversationId: 'cid-hook',
        text: { content: '运费多少' },
        sessionWebhook,
      });
      const res = await postCallback(stack.url, callback);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/sessionWebhook/);
    }
    expect(await transcript('dingtalk#cid-hook')).toEqual([]);
    expect(dingtalk.requests.length).toBe(before);
  });

  it('answers a message DingTalk delivers twice only once', async () => {
    const first = oneToOneCallback({
      msgId: 'msg-retried',
      conversationId: 'cid-carol',
      senderStaffId: 'carol',
      text: { content: 'how much is shipping' },
      sessionWebhook: webhook('carol'),
    });
    expect((await postCallback(stack.url, first)).status).toBe(200);
    expect((await postCallback(stack.url, first)).status).toBe(200);
    await postCallback(stack.url, { ...first, msgId: 'msg-next', text: { content: 'thanks a lot' } });
    const replies = await answers('carol', 2);
    const lines = await transcript('dingtalk#cid-carol');
    const asked = lines.filter((line) => line.role === 'user').map((line) => line.text);
    expect(asked.sort()).toEqual(['how much is shipping', 'thanks a lot']);
    expect(replies).toHaveLength(2);
  });

  it('offers choices as numbered markdown, and a numbered reply picks one', async () => {
    const ask = (msgId: string, content: string) =>
      postCallback(
        stack.url,
        oneToOneCallback({
          msgId,
          conversationId: 'cid-dave',
          senderStaffId: 'dave',
          text: { content },
          sessionWebhook: webhook('dave'),
        }),
      );
    // Two questions the bot cannot answer make it offer a person, as a choice.
    await ask('msg-miss-1', 'qwxz plorb vented quasar');
    await answers('dave');
    await ask('msg-miss-2', 'zorp flange morbid tarantula');
    const [, offer] = await answers('dave', 2);
    expect(offer.msgtype).toBe('markdown');
    expect(offer.markdown.text).toMatch(/\n\n1\. .+\n\nReply with a number to choose\.$/);
    await ask('msg-pick', '1');
    await vi.waitFor(
      async () => {
        const queued = await stack.services.tickets.list('queued');
        expect(queued.map((ticket) => ticket.ref.userId)).toContain('dave');
      },
      { timeout: 10_000 },
    );
  });
});
