import * as z from 'zod';
import { type ChannelContext, UnreachableError, type WebhookChannel } from '../types.js';
import { createAccessToken } from './access-token.js';
import { apiUrl, callApi, fetchToken, WechatApiError, withToken } from './api.js';
import { aesKey } from './crypto.js';
import {
  encryptedField,
  isFresh,
  openPush,
  pushReplayKey,
  type PushKeys,
  sealReply,
  signedWith,
} from './envelope.js';
import { readPush, SUCCESS, toParsed } from './messages.js';
import { readSettings } from './settings.js';
import { asText, chunks, takeHead } from './text.js';
import { buildXml } from './xml.js';

const Settings = z.object({
  WECHAT_TOKEN: z.string(),
  WECHAT_APP_ID: z.string(),
  WECHAT_APP_SECRET: z.string(),
  WECHAT_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
    .optional(),
  WECHAT_API_URL: z.url().default('https://api.weixin.qq.com'),
  // WeChat waits 5 s for a passive reply; the rest of the budget covers the network and API Gateway.
  WECHAT_REPLY_BUDGET_MS: z.coerce.number().int().min(0).max(4500).default(4000),
});

// After a user's message the customer-service API may reach them for 48 hours; after a follow, for 1 minute
// (doc/subscription/api/customer/message/api_sendcustommessage).
const WINDOW_SECONDS = { message: 48 * 3600, welcome: 60 };
// 45015 reply time limit exceeded, 45047 quota for this user used up, 43004 the user has unfollowed.
const UNREACHABLE = new Set([43004, 45015, 45047]);
const XML = { 'content-type': 'application/xml; charset=utf-8' };

/**
 * The Official Account channel (`/webhooks/wechat`), on when WECHAT_TOKEN, WECHAT_APP_ID and WECHAT_APP_SECRET are
 * set; with WECHAT_ENCODING_AES_KEY it takes only encrypted pushes (safe or compatible mode) and encrypts replies.
 */
export function wechatFromEnv(context: ChannelContext, clock = () => new Date()): WebhookChannel | undefined {
  const settings = readSettings(
    context,
    'wechat',
    Settings,
    ['WECHAT_TOKEN', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'],
    ' (and WECHAT_ENCODING_AES_KEY for safe mode)',
  );
  if (!settings) return undefined;
  const base = settings.WECHAT_API_URL;
  const appId = settings.WECHAT_APP_ID;
  const keys: PushKeys = {
    token: settings.WECHAT_TOKEN,
    key: settings.WECHAT_ENCODING_AES_KEY ? aesKey(settings.WECHAT_ENCODING_AES_KEY) : undefined,
    receiverId: appId,
  };
  const windowKey = (openId: string) => `wechat#window#${appId}#${openId}`;
  const tokens = createAccessToken({
    store: context.store,
    key: `wechat#token#${appId}`,
    fetchToken: () =>
      fetchToken(
        context.fetch,
        apiUrl(base, 'cgi-bin/token', {
          grant_type: 'client_credential',
          appid: appId,
          secret: settings.WECHAT_APP_SECRET,
        }),
      ),
  });

  return {
    name: 'wechat',
    mode: 'inline',
    replyBudgetMs: settings.WECHAT_REPLY_BUDGET_MS,

    verify(req, now) {
      const { timestamp, nonce } = req.query;
      if (!isFresh(timestamp, now)) return false;
      const plain = signedWith(req.query.signature, [keys.token, timestamp, nonce]);
      // URL verification is signed like a plain push, in every mode (message-push.md).
      if (req.method === 'GET') return plain && Boolean(req.query.echostr);
      if (req.method !== 'POST') return false;
      if (!keys.key) return plain;
      // A plain push's signature does not cover the body, so with a key set only signed Encrypt values pass.
      const encrypted = encryptedField(req.body);
      return signedWith(req.query.msg_signature, [keys.token, timestamp, nonce, encrypted]);
    },

    // Plain mode signs only timestamp and nonce, safe mode the Encrypt value: either can be replayed with another
    // body while fresh, so the route remembers each one (WeChat's retries resend the same body and still pass).
    replayKey: (req) => pushReplayKey(req, keys.key ? 'msg_signature' : 'signature'),

    parse(req) {
      if (req.method === 'GET')
        return { kind: 'handshake', reply: { status: 200, body: req.query.echostr ?? '' } };
      if (!keys.key && req.query.encrypt_type === 'aes')
        context.log(
          'wechat: an encrypted push arrived; set WECHAT_ENCODING_AES_KEY to read safe-mode messages',
        );
      const push = readPush(openPush(req.body, keys));
      const from = { channel: 'wechat', conversationId: push.FromUserName, userId: push.FromUserName };
      return toParsed(push, { ...from, address: { account: push.ToUserName } }, SUCCESS);
    },

    async received(message) {
      const seconds = message.event === 'welcome' ? WINDOW_SECONDS.welcome : WINDOW_SECONDS.message;
      await context.store.put(windowKey(message.from.userId), String(message.receivedAt), seconds);
    },

    respond(message, replies) {
      if (replies.length === 0) return SUCCESS;
      // One passive reply per message: the replies go in one text, and what exceeds the limit follows by API.
      const { head, rest } = takeHead(replies.map(asText).join('\n\n'));
      const now = clock();
      const xml = buildXml({
        ToUserName: message.from.userId,
        FromUserName: message.from.address?.account ?? '',
        CreateTime: Math.floor(now.getTime() / 1000),
        MsgType: 'text',
        Content: head,
      });
      const body = keys.key ? sealReply(xml, { ...keys, key: keys.key }, now) : xml;
      return { status: 200, body, headers: XML, ...(rest && { later: [{ text: rest }] }) };
    },

    async send(to, message) {
      if (!(await context.store.get(windowKey(to.userId))))
        throw new UnreachableError('outside WeChat’s 48-hour window: the user has not written for 48 hours');
      for (const content of chunks(asText(message))) {
        try {
          await withToken(tokens, (token) =>
            callApi(context.fetch, apiUrl(base, 'cgi-bin/message/custom/send', { access_token: token }), {
              touser: to.userId,
              msgtype: 'text',
              text: { content },
            }),
          );
        } catch (error) {
          if (error instanceof WechatApiError && UNREACHABLE.has(error.errcode))
            throw new UnreachableError(error.message);
          throw error;
        }
      }
    },
  };
}
