import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelStore, RawRequest } from '../../../channels/types.js';
import { aesKey, decrypt, signature } from '../../../channels/wechat/crypto.js';
import { wechatFromEnv } from '../../../channels/wechat/official-account.js';
import { parseXml } from '../../../channels/wechat/xml.js';
import { startTestStack } from '../../support/local-stack.js';
import { fixtureJson, fixtureText } from './fixtures.js';
import { encryptedPush, freshEncodingKey, plainQuery, postPush, pushXml } from './wechat-support.js';

/** Opens an encrypted passive reply the way WeChat does: check MsgSignature, then decrypt. */
function openReply(body: string, keys: { token: string; encodingKey: string; receiverId: string }) {
  const envelope = parseXml(body) as Record<string, string>;
  const parts = [keys.token, String(envelope.TimeStamp), envelope.Nonce!, envelope.Encrypt!];
  expect(signature(parts)).toBe(envelope.MsgSignature);
  return parseXml(decrypt(aesKey(keys.encodingKey), envelope.Encrypt!, keys.receiverId));
}

describe('the official safe-mode sample', () => {
  const sample = fixtureJson('oa/encrypted_compat_sample.json');
  const keys = { token: sample.token, encodingKey: sample.encoding_aes_key, receiverId: sample.appid };
  const store = {} as ChannelStore; // verify, parse and respond never touch it
  const channel = wechatFromEnv({
    env: {
      WECHAT_TOKEN: sample.token,
      WECHAT_APP_ID: sample.appid,
      WECHAT_APP_SECRET: 's',
      WECHAT_ENCODING_AES_KEY: sample.encoding_aes_key,
    },
    store,
    fetch,
    log: () => {},
  })!;
  const request: RawRequest = {
    method: 'POST',
    headers: {},
    query: sample.query,
    body: fixtureText('oa/encrypted_compat_sample.request.xml'),
  };
  const sentAt = new Date(Number(sample.query.timestamp) * 1000);

  it('verifies, decrypts and reads the compatible-mode message', () => {
    expect(channel.verify(request, sentAt)).toBe(true);
    const parsed = channel.parse(request);
    expect(parsed).toMatchObject({
      kind: 'message',
      message: {
        id: '6054768590064713728',
        text: 'abcdteT',
        from: { userId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', address: { account: 'gh_10f6c3c3ac5a' } },
      },
    });
  });

  it('refuses it tampered, stale, or with the plain signature only', () => {
    const tampered = { ...request, body: request.body.replace('hyzAe4Oz', 'hyzAe4Oy') };
    expect(channel.verify(tampered, sentAt)).toBe(false);
    expect(channel.verify(request, new Date(sentAt.getTime() + 301_000))).toBe(false);
    const plain = { ...request, query: plainQuery(sample.token, sentAt) };
    expect(channel.verify(plain, sentAt)).toBe(false);
  });

  it('encrypts and signs the passive reply', () => {
    const parsed = channel.parse(request);
    if (parsed.kind !== 'message') throw new Error('expected a message');
    const reply = channel.respond(parsed.message, [{ text: '您好' }]);
    expect(openReply(reply.body, keys)).toMatchObject({
      ToUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      FromUserName: 'gh_10f6c3c3ac5a',
      MsgType: 'text',
      Content: '您好',
    });
  });
});

describe('/webhooks/wechat in safe mode, with a freshly generated key', () => {
  const keys = {
    token: randomBytes(8).toString('hex'),
    encodingKey: freshEncodingKey(),
    receiverId: 'wxsafe',
  };
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        WECHAT_TOKEN: keys.token,
        WECHAT_APP_ID: keys.receiverId,
        WECHAT_APP_SECRET: 's',
        WECHAT_ENCODING_AES_KEY: keys.encodingKey,
      },
    });
  });
  afterAll(() => stack.stop());

  const transcript = (openId: string) => stack.services.conversations.transcript(`wechat#${openId}`);

  it('answers an encrypted question with an encrypted passive reply', async () => {
    const xml = pushXml({
      from: 'o-safe',
      at: new Date(),
      Content: '运费多少',
      msgId: '8000000000000000001',
    });
    const { query, body } = encryptedPush(keys, xml, new Date());
    const res = await postPush(stack.url, 'wechat', query, body);
    expect(res.status).toBe(200);
    expect(String(openReply(res.text, keys).Content)).toMatch(/99/);
    expect(await postPush(stack.url, 'wechat', query, body)).toEqual({ status: 200, text: 'success' });
  });

  it('accepts a msg_signature with its own envelope only: the same Encrypt in another body is a replay', async () => {
    const xml = pushXml({
      from: 'o-twice',
      at: new Date(),
      Content: '运费多少',
      msgId: '8000000000000000003',
    });
    const { query, body } = encryptedPush(keys, xml, new Date());
    expect((await postPush(stack.url, 'wechat', query, body)).status).toBe(200);
    const rewrapped = body.replace('<ToUserName>', '<FromUserName><![CDATA[x]]></FromUserName><ToUserName>');
    expect(rewrapped).not.toBe(body);
    expect((await postPush(stack.url, 'wechat', query, rewrapped)).status).toBe(401);
    expect(await postPush(stack.url, 'wechat', query, body)).toEqual({ status: 200, text: 'success' });
    expect(await transcript('o-twice')).toHaveLength(2);
  });

  it('refuses plain pushes, forged signatures and other keys with 401, storing nothing', async () => {
    const xml = pushXml({
      from: 'o-intruder',
      at: new Date(),
      Content: '运费多少',
      msgId: '8000000000000000002',
    });
    expect((await postPush(stack.url, 'wechat', plainQuery(keys.token, new Date()), xml)).status).toBe(401);
    const forged = encryptedPush(keys, xml, new Date());
    forged.query.msg_signature = 'a'.repeat(40);
    expect((await postPush(stack.url, 'wechat', forged.query, forged.body)).status).toBe(401);
    const otherToken = encryptedPush({ ...keys, token: 'other' }, xml, new Date());
    expect((await postPush(stack.url, 'wechat', otherToken.query, otherToken.body)).status).toBe(401);
    expect(await transcript('o-intruder')).toEqual([]);
  });

  it('refuses a validly signed message encrypted with another key or for another app with 400', async () => {
    const xml = pushXml({
      from: 'o-other',
      at: new Date(),
      Content: '运费多少',
      msgId: '8000000000000000003',
    });
    for (const other of [{ encodingKey: freshEncodingKey() }, { receiverId: 'wxsomeoneelse' }]) {
      const { query, body } = encryptedPush({ ...keys, ...other }, xml, new Date());
      expect((await postPush(stack.url, 'wechat', query, body)).status).toBe(400);
    }
    expect(await transcript('o-other')).toEqual([]);
  });
});
