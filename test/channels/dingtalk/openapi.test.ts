import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dingTalkFromEnv } from '../../../channels/dingtalk/channel.js';
import type { WebhookChannel } from '../../../channels/types.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { createDb } from '../../../functions/core/db.js';
import { deadLetter, dynamoLocalTable } from '../../support/aws.js';
import { startTestStack } from '../../support/local-stack.js';
import { type Recorded, startRecordingServer } from '../../support/recording-server.js';
import { webClient } from '../../support/web-client.js';
import {
  dingTalkEnv,
  dingTalkStandIn,
  groupCallback,
  oneToOneCallback,
  postCallback,
  sessionPosts,
} from './dingtalk-fixtures.js';

const HOUR = 60 * 60_000;
// The channel's clock: moved forward to when the sessionWebhooks have closed.
let hoursLater = 0;
const channelClock = () => Date.now() + hoursLater * HOUR;

// DingTalk's OpenAPI as this test needs it: numbered tokens, revocable; one throttled send; one chat that is down.
let issued = 0;
const revoked = new Set<string>();
let throttleNext = false;
function openApi(req: Recorded) {
  if (req.path === '/v1.0/oauth2/accessToken')
    return { body: { accessToken: `token-${++issued}`, expireIn: 7200 } };
  if (revoked.has(String(req.headers['x-acs-dingtalk-access-token'])))
    return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
  if (req.path === '/v1.0/robot/oToMessages/batchSend' && throttleNext) {
    throttleNext = false;
    return { body: { flowControlledStaffIdList: ['erin'] } };
  }
  if (req.body.includes('"cid-down"')) return { status: 503, body: { code: 'ServiceUnavailable' } };
  return dingTalkStandIn(req);
}

let dingtalk: Awaited<ReturnType<typeof startRecordingServer>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  dingtalk = await startRecordingServer(openApi);
  const { client, tableName } = await dynamoLocalTable();
  const context = {
    env: dingTalkEnv(dingtalk.url),
    store: createChannelStore(createDb(client, tableName)),
    fetch,
    log: () => {},
  };
  const channel = dingTalkFromEnv(context, channelClock) as WebhookChannel;
  stack = await startTestStack({ channels: [channel] });
});
afterAll(async () => {
  await stack.stop();
  await dingtalk.close();
});

const calls = (path: string) => dingtalk.requests.filter((r) => r.path === path);
const sent = (path: string) =>
  calls(path).map((r) => ({ token: r.headers['x-acs-dingtalk-access-token'], ...JSON.parse(r.body) }));
const BATCH = '/v1.0/robot/oToMessages/batchSend';
const GROUP = '/v1.0/robot/groupMessages/send';

describe('DingTalk replies once the sessionWebhook has expired', () => {
  let ticketId: string;
  const agent = () => webClient(stack.url).agent(stack.agentToken);

  it('reaches a one-to-one user through the robot OpenAPI with a cached access token', async () => {
    const callback = oneToOneCallback({
      msgId: 'msg-erin',
      conversationId: 'cid-erin',
      senderStaffId: 'erin',
      robotCode: 'ding-robot-code',
      text: { content: '转人工' },
      sessionWebhook: `${dingtalk.url}/robot/sendBySession?session=erin`,
    });
    expect((await postCallback(stack.url, callback)).status).toBe(200);
    await vi.waitFor(() => expect(sessionPosts(dingtalk.requests, 'erin')).toHaveLength(1), {
      timeout: 10_000,
    });
    ticketId = await vi.waitFor(
      async () => {
        const ticket = (await stack.services.tickets.list('queued')).find((t) => t.ref.userId === 'erin');
        if (!ticket) throw new Error('no ticket yet');
        return ticket.id;
      },
      { timeout: 10_000 },
    );
    expect((await agent().claim(ticketId)).status).toBe(200);
    await vi.waitFor(() => expect(sessionPosts(dingtalk.requests, 'erin')).toHaveLength(2), {
      timeout: 10_000,
    });

    hoursLater = 3;
    await agent().reply(ticketId, '您好，我来帮您查一下');
    await agent().reply(ticketId, '已经帮您加急处理');
    await vi.waitFor(() => expect(sent(BATCH)).toHaveLength(2), { timeout: 10_000 });
    expect(
      sent(BATCH)
        .map((s) => JSON.parse(s.msgParam).content)
        .sort(),
    ).toEqual(['已经帮您加急处理', '您好，我来帮您查一下']);
    expect(sent(BATCH)[0]).toMatchObject({
      token: 'token-1',
      robotCode: 'ding-robot-code',
      userIds: ['erin'],
      msgKey: 'sampleText',
    });
    expect(calls('/v1.0/oauth2/accessToken')).toHaveLength(1);
    expect(JSON.parse(calls('/v1.0/oauth2/accessToken')[0]!.body)).toEqual({
      appKey: 'dingtestkey',
      appSecret: dingTalkEnv('').DINGTALK_APP_SECRET,
    });
    expect(sessionPosts(dingtalk.requests, 'erin')).toHaveLength(2);
  });

  it('fetches a new token when DingTalk refuses the cached one', async () => {
    revoked.add('token-1');
    await agent().reply(ticketId, 'token test');
    await vi.waitFor(
      () =>
        expect(
          sent(BATCH)
            .filter((s) => s.msgParam.includes('token test'))
            .map((s) => s.token),
        ).toEqual(['token-1', 'token-2']),
      { timeout: 10_000 },
    );
    expect(calls('/v1.0/oauth2/accessToken')).toHaveLength(2);
  });

  it('retries a send DingTalk throttled, through the queue, until it goes through', async () => {
    throttleNext = true;
    await agent().reply(ticketId, 'after the throttle');
    await vi.waitFor(
      () => expect(sent(BATCH).filter((s) => s.msgParam.includes('after the throttle'))).toHaveLength(2),
      { timeout: 15_000 },
    );
  });

  it('answers in a group through the group-send API', async () => {
    const callback = groupCallback({
      msgId: 'msg-ops',
      conversationId: 'cid-ops',
      senderStaffId: 'frank',
      text: { content: ' 运费多少' },
      sessionWebhook: `${dingtalk.url}/robot/sendBySession?session=ops`,
      sessionWebhookExpiredTime: Date.now() - 1000,
    });
    await postCallback(stack.url, callback);
    const [group] = await vi.waitFor(
      () => {
        const found = sent(GROUP).filter((s) => s.openConversationId === 'cid-ops');
        expect(found).toHaveLength(1);
        return found;
      },
      { timeout: 10_000 },
    );
    // No robotCode in the callback: the app key stands in (an internal app's robot code).
    expect(group).toMatchObject({ robotCode: 'dingtestkey', msgKey: 'sampleText' });
    expect(JSON.parse(group!.msgParam).content).toMatch(/99/);
    expect(sessionPosts(dingtalk.requests, 'ops')).toEqual([]);
  });

  it('retries a failing send and then dead-letters it', async () => {
    const callback = groupCallback({
      msgId: 'msg-down',
      conversationId: 'cid-down',
      senderStaffId: 'gina',
      text: { content: ' 运费多少' },
      sessionWebhookExpiredTime: Date.now() - 1000,
    });
    await postCallback(stack.url, callback);
    const dead = await deadLetter(stack.dlq.outbound);
    expect(dead.to.address.openConversationId).toBe('cid-down');
    expect(sent(GROUP).filter((s) => s.openConversationId === 'cid-down')).toHaveLength(3);
  });
});
