import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { startRecordingServer } from '../../support/recording-server.js';
import {
  dingTalkEnv,
  dingTalkStandIn,
  oneToOneCallback,
  postCallback,
  sessionPosts,
} from './dingtalk-fixtures.js';

// Sunday 29 November 2026, 12:00 in Shanghai: the demo shop is closed.
const sunday = new Date('2026-11-29T04:00:00Z');
let dingtalk: Awaited<ReturnType<typeof startRecordingServer>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  dingtalk = await startRecordingServer(dingTalkStandIn);
  stack = await startTestStack({
    hours: 'demo',
    clock: () => sunday,
    env: {
      ...dingTalkEnv(dingtalk.url),
      DINGTALK_ALERT_WEBHOOK: `${dingtalk.url}/robot/send?access_token=alerts`,
      DINGTALK_ALERT_SECRET: 'SECleave-message-test',
      FRONTDESK_PUBLIC_URL: 'https://desk.example.com',
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await dingtalk.close();
});

describe('leaving a message from DingTalk out of hours', () => {
  it('skips the contact question (DingTalk knows who wrote) and tells the agents’ group', async () => {
    let step = 0;
    const say = async (content: string) => {
      const callback = oneToOneCallback({
        msgId: `msg-leave-${++step}`,
        conversationId: 'cid-ivy',
        senderStaffId: 'ivy',
        text: { content },
        sessionWebhook: `${dingtalk.url}/robot/sendBySession?session=ivy`,
      });
      // DingTalk signs a new timestamp per callback; frontdesk refuses one reused with another body.
      const timestamp = sunday.getTime() + step;
      expect((await postCallback(stack.url, callback, { timestamp })).status).toBe(200);
      return vi.waitFor(
        () => {
          const posts = sessionPosts(dingtalk.requests, 'ivy');
          expect(posts).toHaveLength(step);
          return JSON.parse(posts.at(-1)!.body);
        },
        { timeout: 10_000 },
      );
    };
    const offline = await say('人工');
    expect(offline.markdown.text).toMatch(/明天 09:00[\s\S]*\n1\. /);
    await say('1');
    const confirm = await say('我的订单1234收到时坏了');
    expect(confirm.text.content).toMatch(/09:00/);

    const ticket = await vi.waitFor(
      async () => {
        const [found] = await stack.services.tickets.list('queued');
        if (!found) throw new Error('no ticket yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(ticket).toMatchObject({ kind: 'message', message: '我的订单1234收到时坏了' });
    expect(ticket.contact).toBeUndefined();
    const alert = await vi.waitFor(
      () => {
        const post = dingtalk.requests.find((r) => r.path === '/robot/send');
        if (!post) throw new Error('no alert yet');
        return JSON.parse(post.body);
      },
      { timeout: 10_000 },
    );
    expect(alert.actionCard.title).toBe('新的留言 · New message');
    expect(alert.actionCard.text).toContain('我的订单1234收到时坏了');
  });
});
