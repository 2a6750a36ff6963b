import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wechatFromEnv } from '../../../channels/wechat/official-account.js';
import { MAX_TEXT_BYTES } from '../../../channels/wechat/text.js';
import { parseXml } from '../../../channels/wechat/xml.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';
import { plainQuery, postPush, pushXml, wechatApi } from './wechat-support.js';

// A reply budget of 0 ms: every answer misses the passive reply and goes through the customer-service API, as
// when the bot takes longer than WeChat's 5 seconds.
const TOKEN = 'cs-token';
const env = (apiUrl: string) => ({
  WECHAT_TOKEN: TOKEN,
  WECHAT_APP_ID: 'wxcs',
  WECHAT_APP_SECRET: 'app-secret',
  WECHAT_API_URL: apiUrl,
});
let offset = 0;
const clock = () => new Date(Date.now() + offset);
let stack: Awaited<ReturnType<typeof startTestStack>>;
let api: Awaited<ReturnType<typeof wechatApi>>;

beforeAll(async () => {
  api = await wechatApi();
  stack = await startTestStack({ clock, env: { ...env(api.url), WECHAT_REPLY_BUDGET_MS: '0' } });
});
afterAll(async () => {
  await stack.stop();
  await api.close();
});

let msgId = 7_000_000_000_000_000;
const ask = (from: string, text: string) =>
  postPush(
    stack.url,
    'wechat',
    plainQuery(TOKEN, clock()),
    pushXml({ from, at: clock(), Content: text, msgId: String(++msgId) }),
  );
const sentTo = (openId: string) => api.sent().filter((s) => s.to === openId);
const waitFor = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

describe('answers after the 5-second budget', () => {
  it('acks with "success" and delivers the answer through the customer-service API', async () => {
    expect(await ask('o-slow', '运费多少')).toEqual({ status: 200, text: 'success' });
    await waitFor(() =>
      expect(
        sentTo('o-slow')
          .map((s) => s.content)
          .join(),
      ).toMatch(/99/),
    );
    const tokenRequest = api.tokenFetches()[0]!;
    expect(tokenRequest.query.get('appid')).toBe('wxcs');
    expect(tokenRequest.query.get('secret')).toBe('app-secret');
  });

  it('keeps one access token across messages and fetches a new one when WeChat says it expired', async () => {
    await ask('o-token', 'How long does shipping take?');
    await waitFor(() => expect(sentTo('o-token')).toHaveLength(1));
    expect(api.tokenFetches()).toHaveLength(1);

    api.answerSends((req) =>
      req.query.get('access_token') === 'token-1'
        ? { body: { errcode: 42001, errmsg: 'access_token expired' } }
        : { body: { errcode: 0, errmsg: 'ok' } },
    );
    await ask('o-token', '运费多少');
    await waitFor(() => expect(sentTo('o-token').at(-1)).toMatchObject({ token: 'token-2' }));
    expect(sentTo('o-token').at(-1)?.content).toMatch(/99/);
    expect(api.tokenFetches()).toHaveLength(2);
  });
});

describe('agent replies through the customer-service API', () => {
  const agent = () => webClient(stack.url).agent(stack.agentToken);
  async function ticketOf(openId: string) {
    await ask(openId, '人工');
    return vi.waitFor(
      async () => {
        const tickets = await stack.services.tickets.list('queued');
        const ticket = tickets.find((t) => t.ref.userId === openId);
        if (!ticket) throw new Error('no ticket yet');
        return ticket;
      },
      { timeout: 10_000, interval: 100 },
    );
  }

  it('delivers within 48 hours; after that the ticket records that the user could not be reached', async () => {
    const ticket = await ticketOf('o-person');
    expect((await agent().claim(ticket.id)).status).toBe(200);
    await agent().reply(ticket.id, '您好，我来帮您查一下。');
    await waitFor(() => expect(sentTo('o-person').map((s) => s.content)).toContain('您好，我来帮您查一下。'));

    offset = 49 * 3600_000; // the user has not written for 49 hours
    try {
      await agent().reply(ticket.id, '还在吗？');
      await waitFor(async () =>
        expect((await stack.services.tickets.get(ticket.id))?.unreachable).toMatchObject({
          text: '还在吗？',
          reason: expect.stringMatching(/48-hour/),
        }),
      );
      expect(sentTo('o-person').map((s) => s.content)).not.toContain('还在吗？');
    } finally {
      offset = 0;
    }
  });

  it('records an errcode answer that refuses the user (45015) on the ticket', async () => {
    const ticket = await ticketOf('o-refused');
    await agent().claim(ticket.id);
    api.answerSends(() => ({ body: { errcode: 45015, errmsg: 'response out of time limit' } }));
    await agent().reply(ticket.id, 'Hello?');
    await waitFor(async () =>
      expect((await stack.services.tickets.get(ticket.id))?.unreachable?.reason).toMatch(/45015/),
    );
    api.answerSends(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
  });
});

describe('long answers', () => {
  it('fill the passive reply up to the limit and send the rest through the API in pieces', async () => {
    const channel = wechatFromEnv({
      env: env(api.url),
      store: createChannelStore(stack.services.db, clock),
      fetch,
      log: () => {},
    })!;
    const from = {
      channel: 'wechat',
      conversationId: 'o-long',
      userId: 'o-long',
      address: { account: 'gh_x' },
    };
    const message = { id: String(++msgId), from, text: '说明', receivedAt: Date.now() };
    await channel.received!(message);
    const long = '退货请在收到商品后七天内申请，我们会尽快为您处理。'.repeat(150);
    const reply = channel.respond(message, [{ text: long }]);
    const passive = String(parseXml(reply.body).Content);
    expect(Buffer.byteLength(passive)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(reply.later).toHaveLength(1);

    await channel.send(from, reply.later![0]!);
    const pieces = sentTo('o-long').map((s) => s.content);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(passive + pieces.join('')).toBe(long);
  });
});
