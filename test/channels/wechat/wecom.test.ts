import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelStore } from '../../../channels/types.js';
import { aesKey, encrypt, signature } from '../../../channels/wechat/crypto.js';
import { wecomFromEnv } from '../../../channels/wechat/wecom.js';
import { startTestStack } from '../../support/local-stack.js';
import { fixtureJson, fixtureText } from './fixtures.js';
import { encryptedPush, freshEncodingKey, postPush, pushXml, wechatApi } from './wechat-support.js';

const verification = fixtureJson('wecom/url_verification.json');
const callback = fixtureJson('wecom/callback_encrypted.json');
const keys = { token: callback.token, encodingKey: callback.encoding_aes_key, receiverId: callback.corpid };
const AGENT = '218'; // the AgentID inside the official callback
let now = new Date();
let stack: Awaited<ReturnType<typeof startTestStack>>;
let api: Awaited<ReturnType<typeof wechatApi>>;

beforeAll(async () => {
  api = await wechatApi();
  stack = await startTestStack({
    clock: () => now,
    env: {
      WECOM_CORP_ID: callback.corpid,
      WECOM_TOKEN: callback.token,
      WECOM_ENCODING_AES_KEY: callback.encoding_aes_key,
      WECOM_AGENT_ID: AGENT,
      WECOM_SECRET: 'corp-secret',
      WECOM_API_URL: api.url,
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await api.close();
});

const at = (timestamp: string | number) => (now = new Date(Number(timestamp) * 1000));
const sentTo = (userId: string) =>
  api
    .sends()
    .filter((r) => JSON.parse(r.body).touser === userId)
    .map((r) => JSON.parse(r.body));
const waitFor = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

describe('/webhooks/wecom', () => {
  it('answers URL verification with the decrypted echostr of the official sample', async () => {
    at(verification.query.timestamp);
    const verify = async (query: Record<string, string>) => {
      const res = await fetch(`${stack.url}/webhooks/wecom?${new URLSearchParams(query)}`);
      return { status: res.status, text: await res.text() };
    };
    expect(await verify(verification.query)).toEqual({
      status: 200,
      text: verification.expected_response_body,
    });
    expect((await verify({ ...verification.query, msg_signature: '0'.repeat(40) })).status).toBe(401);
    at(Number(verification.query.timestamp) + 301);
    expect((await verify(verification.query)).status).toBe(401);
  });

  it('takes the official encrypted callback, acks empty, and answers through message/send', async () => {
    at(callback.query.timestamp);
    const body = fixtureText('wecom/callback_encrypted.request.xml');
    expect(await postPush(stack.url, 'wecom', callback.query, body)).toEqual({ status: 200, text: '' });
    await waitFor(() => expect(sentTo('mycreate')).toHaveLength(1));
    expect(sentTo('mycreate')[0]).toMatchObject({
      msgtype: 'text',
      agentid: 218,
      text: { content: expect.any(String) },
    });
    const token = api.tokenFetches()[0]!;
    expect(token.path).toBe('/cgi-bin/gettoken');
    expect(token.query.get('corpid')).toBe(callback.corpid);
    expect(token.query.get('corpsecret')).toBe('corp-secret');
    // WeCom's retry of the same MsgId is acked without a second answer.
    expect((await postPush(stack.url, 'wecom', callback.query, body)).status).toBe(200);
    expect(await stack.services.conversations.transcript('wecom#mycreate')).toHaveLength(2);
  });

  it('answers a freshly encrypted question from a member', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({
      from: 'zhangsan',
      at: now,
      Content: '运费多少',
      msgId: '6000000000000000001',
      AgentID: AGENT,
    });
    const { query, body } = encryptedPush(keys, xml, now);
    expect((await postPush(stack.url, 'wecom', query, body)).status).toBe(200);
    await waitFor(() =>
      expect(
        sentTo('zhangsan')
          .map((s) => s.text.content)
          .join(),
      ).toMatch(/99/),
    );
  });

  it('refuses a signed callback replayed in another envelope, and acks WeCom’s identical retry', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({
      from: 'wangwu',
      at: now,
      Content: '运费多少',
      msgId: '6000000000000000009',
      AgentID: AGENT,
    });
    const { query, body } = encryptedPush(keys, xml, now);
    expect(await postPush(stack.url, 'wecom', query, body)).toEqual({ status: 200, text: '' });
    expect(await postPush(stack.url, 'wecom', query, body)).toEqual({ status: 200, text: '' });
    const rewrapped = body.replace('<ToUserName>', '<AgentID>218</AgentID><ToUserName>');
    expect((await postPush(stack.url, 'wecom', query, rewrapped)).status).toBe(401);
    await waitFor(() => expect(sentTo('wangwu')).toHaveLength(1));
    expect(await stack.services.conversations.transcript('wecom#wangwu')).toHaveLength(2);
  });

  it('refuses forged and stale callbacks with 401, and ignores messages for another app', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({
      from: 'lisi',
      at: now,
      Content: '运费多少',
      msgId: '6000000000000000002',
      AgentID: AGENT,
    });
    const forged = encryptedPush({ ...keys, token: 'not-the-token' }, xml, now);
    expect((await postPush(stack.url, 'wecom', forged.query, forged.body)).status).toBe(401);
    const stale = encryptedPush(keys, xml, new Date(now.getTime() - 600_000));
    expect((await postPush(stack.url, 'wecom', stale.query, stale.body)).status).toBe(401);
    const elsewhere = pushXml({
      from: 'lisi',
      at: now,
      Content: '运费多少',
      msgId: '6000000000000000003',
      AgentID: '9',
    });
    const other = encryptedPush(keys, elsewhere, now);
    expect(await postPush(stack.url, 'wecom', other.query, other.body)).toEqual({ status: 200, text: '' });
    expect(await stack.services.conversations.transcript('wecom#lisi')).toEqual([]);
  });
});

describe('a WeCom app with a freshly generated key', () => {
  const fresh = {
    token: randomBytes(6).toString('hex'),
    encodingKey: freshEncodingKey(),
    receiverId: 'wwfresh',
  };
  const channel = wecomFromEnv({
    env: {
      WECOM_CORP_ID: fresh.receiverId,
      WECOM_TOKEN: fresh.token,
      WECOM_ENCODING_AES_KEY: fresh.encodingKey,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 's',
    },
    store: {} as ChannelStore,
    fetch,
    log: () => {},
  })!;

  it('verifies its URL with an echostr encrypted just now, "+" decoded as a space or not', () => {
    const echostr = encrypt(aesKey(fresh.encodingKey), '8876543210', fresh.receiverId);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const msg_signature = signature([fresh.token, timestamp, '42', echostr]);
    for (const sent of [echostr, echostr.replaceAll('+', ' ')]) {
      const req = {
        method: 'GET',
        headers: {},
        body: '',
        query: { msg_signature, timestamp, nonce: '42', echostr: sent },
      };
      expect(channel.verify(req, new Date())).toBe(true);
      expect(channel.parse(req)).toMatchObject({ kind: 'handshake', reply: { body: '8876543210' } });
    }
  });

  it('reads a freshly encrypted text message', () => {
    const xml = pushXml({ from: 'wangwu', at: new Date(), Content: '你好', msgId: '42', AgentID: '1000002' });
    const { query, body } = encryptedPush(fresh, xml, new Date());
    const req = { method: 'POST', headers: {}, query, body };
    expect(channel.verify(req, new Date())).toBe(true);
    expect(channel.parse(req)).toMatchObject({ kind: 'message', message: { id: '42', text: '你好' } });
  });
});
