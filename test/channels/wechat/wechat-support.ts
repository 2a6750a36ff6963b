import { randomBytes, randomInt } from 'node:crypto';
import { aesKey, encrypt, signature } from '../../../channels/wechat/crypto.js';
import { buildXml } from '../../../channels/wechat/xml.js';
import { type Recorded, startRecordingServer } from '../../support/recording-server.js';

/** A freshly generated 43-character EncodingAESKey. */
export const freshEncodingKey = () => randomBytes(32).toString('base64').slice(0, 43);

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** A push as WeChat sends it: plain fields of one message (`MsgType` text unless given). */
export function pushXml(fields: {
  from: string;
  at: Date;
  msgId?: string;
  [field: string]: unknown;
}): string {
  const { from, at, msgId, ...rest } = fields;
  return buildXml({
    ToUserName: 'gh_frontdesk',
    FromUserName: from,
    CreateTime: seconds(at),
    MsgType: 'text',
    ...(rest as Record<string, string>),
    ...(msgId && { MsgId: msgId }),
  });
}

/** The query of a push signed the plain way: `signature` over token, timestamp and nonce. */
export function plainQuery(token: string, at: Date): Record<string, string> {
  const timestamp = String(seconds(at));
  const nonce = String(randomInt(1e9));
  return { signature: signature([token, timestamp, nonce]), timestamp, nonce };
}

/** A push encrypted and signed as in safe mode, with fresh random bytes and nonce. */
export function encryptedPush(
  keys: { token: string; encodingKey: string; receiverId: string },
  xml: string,
  at: Date,
): { query: Record<string, string>; body: string } {
  const encrypted = encrypt(aesKey(keys.encodingKey), xml, keys.receiverId);
  const query = plainQuery(keys.token, at);
  const msgSignature = signature([keys.token, query.timestamp!, query.nonce!, encrypted]);
  return {
    query: { ...query, encrypt_type: 'aes', msg_signature: msgSignature },
    body: buildXml({ ToUserName: keys.receiverId, Encrypt: encrypted }),
  };
}

/** Posts a push to `/webhooks/{channel}` and reads the answer. */
export async function postPush(base: string, channel: string, query: Record<string, string>, body: string) {
  const res = await fetch(`${base}/webhooks/${channel}?${new URLSearchParams(query)}`, {
    method: 'POST',
    body,
  });
  return { status: res.status, text: await res.text() };
}

type Answer = { status?: number; body?: unknown };

/**
 * A stand-in for the WeChat and WeCom APIs: token endpoints hand out token-1, token-2, …; message sends answer
 * `errcode: 0` unless `answerSends` says otherwise.
 */
export async function wechatApi() {
  let issued = 0;
  let answerSend: (req: Recorded) => Answer = () => ({ body: { errcode: 0, errmsg: 'ok' } });
  const server = await startRecordingServer((req) => {
    if (/\/cgi-bin\/(get)?token$/.test(req.path))
      return { body: { errcode: 0, access_token: `token-${++issued}`, expires_in: 7200 } };
    return answerSend(req);
  });
  const sends = () => server.requests.filter((r) => r.path.includes('/message/'));
  return {
    ...server,
    answerSends: (next: typeof answerSend) => (answerSend = next),
    tokenFetches: () => server.requests.filter((r) => /token$/.test(r.path)),
    sends,
    /** What was sent, as {to, content, token}. */
    sent: () =>
      sends().map((r) => {
        const body = JSON.parse(r.body);
        return {
          to: body.touser as string,
          content: body.text.content as string,
          token: r.query.get('access_token'),
        };
      }),
  };
}
