import { createHmac } from 'node:crypto';
import { dingTalkSign } from '../../channels/dingtalk/signature.js';
import { signature } from '../../channels/wechat/crypto.js';
import { type Recorded, startRecordingServer } from '../../test/support/recording-server.js';
import { slackHistoryAnswer } from '../../test/support/slack-history.js';

export const SLACK_SECRET = 'chaos-slack-signing-secret';
export const WECHAT_TOKEN = 'chaosToken';
export const DINGTALK_SECRET = 'chaos-dingtalk-app-secret';

/**
 * One loopback server standing in for Slack's Web API, WeChat's API and DingTalk's session webhooks. While
 * `down` is set it answers 500 (an outage); every request is recorded with whether it was answered with success.
 * Slack's history lists what was posted, as a delivery retried after a crash reads it.
 */
export async function startPlatforms() {
  let down = false;
  let ts = 0;
  const ok = new WeakSet<Recorded>();
  const server = await startRecordingServer((req) => {
    if (down) return { status: 500, body: { ok: false, error: 'internal_error' } };
    const history = slackHistoryAnswer(req, server.requests, (post) => ok.has(post));
    if (history) return history;
    ok.add(req);
    if (req.path.endsWith('/chat.postMessage'))
      return { body: { ok: true, channel: 'D', ts: `${Math.floor(Date.now() / 1000)}.${++ts}` } };
    if (req.path.includes('/cgi-bin/token'))
      return { body: { access_token: 'chaos-token', expires_in: 7200 } };
    if (req.path.startsWith('/robot/') || req.path.includes('/cgi-bin/')) return { body: { errcode: 0 } };
    return { body: { ok: true } };
  });
  return {
    ...server,
    setDown(value: boolean) {
      down = value;
    },
    /** Successful chat.postMessage calls, by channel. */
    slackPosts(): Map<string, number> {
      const posts = new Map<string, number>();
      for (const req of server.requests) {
        if (!req.path.endsWith('/chat.postMessage') || !ok.has(req)) continue;
        const channel = new URLSearchParams(req.body).get('channel') ?? JSON.parse(req.body).channel;
        posts.set(channel, (posts.get(channel) ?? 0) + 1);
      }
      return posts;
    },
    /** conversations.history and conversations.replies calls: deliveries retried after a crash looking first. */
    slackHistoryReads(): number {
      return server.requests.filter((r) => /\/conversations\.(history|replies)$/.test(r.path)).length;
    },
    /** Successful posts to a DingTalk session webhook, by session. */
    dingTalkPosts(session: string): number {
      return server.requests.filter(
        (r) => r.path === '/robot/sendBySession' && r.query.get('session') === session && ok.has(r),
      ).length;
    },
  };
}

/** The environment that turns Slack, WeChat (plain mode) and DingTalk on against the stand-in at `apiUrl`. */
export const platformEnv = (apiUrl: string): Record<string, string> => ({
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-chaos',
  SLACK_API_URL: `${apiUrl}/api/`,
  WECHAT_TOKEN,
  WECHAT_APP_ID: 'wxchaos',
  WECHAT_APP_SECRET: 'chaos',
  WECHAT_API_URL: apiUrl,
  DINGTALK_APP_KEY: 'dingchaos',
  DINGTALK_APP_SECRET: DINGTALK_SECRET,
  DINGTALK_API_URL: apiUrl,
});

/** A Slack direct message event, signed as Slack signs it; `retry` adds Slack's retry headers. */
export function slackEvent(base: string, channel: string, eventId: string, text: string, retry = 0) {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    token: 'x',
    team_id: 'TCHAOS',
    api_app_id: 'ACHAOS',
    type: 'event_callback',
    event_id: eventId,
    event_time: now,
    authorizations: [{ team_id: 'TCHAOS', user_id: 'UBOT', is_bot: true }],
    event: { type: 'message', channel, channel_type: 'im', user: `U${channel}`, text, ts: `${now}.000100` },
  });
  const mac = createHmac('sha256', SLACK_SECRET).update(`v0:${now}:${body}`).digest('hex');
  return fetch(`${base}/webhooks/slack`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': `v0=${mac}`,
      ...(retry > 0 && { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }),
    },
    body,
  });
}

/** A WeChat plain-mode push (its signature covers only timestamp and nonce, never the body). */
export function wechatQuery(nonce: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { signature: signature([WECHAT_TOKEN, timestamp, nonce]), timestamp, nonce };
}

/** A push as WeChat sends it; its retries resend the same bytes, so CreateTime comes from the signed query. */
export function wechatPush(
  base: string,
  query: Record<string, string>,
  from: string,
  text: string,
  id: string,
) {
  const at = query.timestamp;
  const xml = `<xml><ToUserName><![CDATA[gh_chaos]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${at}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${id}</MsgId></xml>`;
  return fetch(`${base}/webhooks/wechat?${new URLSearchParams(query)}`, { method: 'POST', body: xml });
}

/** A DingTalk robot callback signed at `timestamp` (the sign covers the timestamp alone). */
export function dingTalkCallback(
  base: string,
  apiUrl: string,
  timestamp: number,
  user: string,
  text: string,
) {
  // DingTalk's retry resends the same body, so nothing in it depends on when it is posted.
  const now = timestamp;
  const body = JSON.stringify({
    msgId: `chaos-${user}-${text.length}`,
    msgtype: 'text',
    text: { content: text },
    createAt: now,
    conversationType: '1',
    conversationId: `cid-${user}`,
    senderId: `sender-${user}`,
    senderStaffId: user,
    sessionWebhook: `${apiUrl}/robot/sendBySession?session=${user}`,
    sessionWebhookExpiredTime: now + 90 * 60_000,
  });
  const stamp = String(timestamp);
  return fetch(`${base}/webhooks/dingtalk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      timestamp: stamp,
      sign: dingTalkSign(stamp, DINGTALK_SECRET),
    },
    body,
  });
}
