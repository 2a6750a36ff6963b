import * as z from 'zod';
import { type ChannelContext, UnreachableError, type WebhookChannel } from '../types.js';
import { createAccessToken } from './access-token.js';
import { apiUrl, callApi, fetchToken, withToken } from './api.js';
import { aesKey, decrypt } from './crypto.js';
import { encryptedField, isFresh, openPush, pushReplayKey, type PushKeys, signedWith } from './envelope.js';
import { readPush, toParsed } from './messages.js';
import { readSettings } from './settings.js';
import { asText, chunks } from './text.js';

const Settings = z.object({
  WECOM_CORP_ID: z.string(),
  WECOM_TOKEN: z.string(),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey'),
  WECOM_AGENT_ID: z.string().regex(/^\d+$/, 'must be the app’s numeric AgentId'),
  WECOM_SECRET: z.string(),
  WECOM_API_URL: z.url().default('https://qyapi.weixin.qq.com'),
});

const REQUIRED = ['WECOM_CORP_ID', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_AGENT_ID', 'WECOM_SECRET'];
// "Return an empty 200 and reply later through message/send" (WeCom receive doc, path/90238): no passive replies.
const EMPTY = { status: 200, body: '' };
const SendAnswer = z.object({ invaliduser: z.string().optional() });

/**
 * The WeCom self-built app channel (`/webhooks/wecom`), on when its five WECOM_* variables are set. Callbacks are
 * always encrypted, with the CorpID as receiver id (path/91144); answers go out through message/send (path/90236).
 */
export function wecomFromEnv(context: ChannelContext): WebhookChannel | undefined {
  const settings = readSettings(context, 'wecom', Settings, REQUIRED);
  if (!settings) return undefined;
  const base = settings.WECOM_API_URL;
  const corpId = settings.WECOM_CORP_ID;
  const agentId = settings.WECOM_AGENT_ID;
  const keys: PushKeys & { key: Buffer } = {
    token: settings.WECOM_TOKEN,
    key: aesKey(settings.WECOM_ENCODING_AES_KEY),
    receiverId: corpId,
  };
  const tokens = createAccessToken({
    store: context.store,
    key: `wecom#token#${corpId}#${agentId}`,
    fetchToken: () =>
      fetchToken(
        context.fetch,
        apiUrl(base, 'cgi-bin/gettoken', { corpid: corpId, corpsecret: settings.WECOM_SECRET }),
      ),
  });

  return {
    name: 'wecom',
    mode: 'queue',

    verify(req, now) {
      const { timestamp, nonce } = req.query;
      if (!isFresh(timestamp, now)) return false;
      // URL verification signs the encrypted echostr; callbacks sign the body's Encrypt (path/91116, path/91144).
      const signed =
        req.method === 'GET'
          ? echostr(req.query)
          : req.method === 'POST'
            ? encryptedField(req.body)
            : undefined;
      return signedWith(req.query.msg_signature, [keys.token, timestamp, nonce, signed]);
    },

    // The signature covers Encrypt but not the envelope around it: each one is accepted with one body only.
    replayKey: (req) => pushReplayKey(req, 'msg_signature'),

    parse(req) {
      if (req.method === 'GET') {
        // The answer is the decrypted echostr alone: no quotes, no BOM, no newline, within 1 s (path/91116).
        const body = decrypt(keys.key, echostr(req.query) ?? '', corpId);
        return { kind: 'handshake', reply: { status: 200, body, headers: { 'content-type': 'text/plain' } } };
      }
      const push = readPush(openPush(req.body, keys));
      // Several apps of one corp may share a URL: messages to another app are not ours to answer.
      if (push.AgentID !== undefined && push.AgentID !== agentId) return { kind: 'ignore', reply: EMPTY };
      const from = { channel: 'wecom', conversationId: push.FromUserName, userId: push.FromUserName };
      return toParsed(push, from, EMPTY);
    },

    respond: () => EMPTY,

    async send(to, message) {
      for (const content of chunks(asText(message))) {
        const answer = await withToken(tokens, (token) =>
          callApi(context.fetch, apiUrl(base, 'cgi-bin/message/send', { access_token: token }), {
            touser: to.userId,
            msgtype: 'text',
            agentid: Number(agentId),
            text: { content },
          }),
        );
        // A member outside the app's visible range (or gone) is listed as invalid, with errcode 0.
        if (SendAnswer.parse(answer).invaliduser)
          throw new UnreachableError(`WeCom cannot reach ${to.userId} through app ${agentId}`);
      }
    },
  };
}

/** The echostr as WeCom encrypted it: a query decoder may have turned its Base64 "+" into spaces. */
function echostr(query: Record<string, string>): string | undefined {
  return query.echostr?.replaceAll(' ', '+');
}
