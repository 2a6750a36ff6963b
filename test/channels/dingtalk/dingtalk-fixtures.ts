import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorded } from '../../support/recording-server.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'platform', 'dingtalk');

/** The robot app's secret the tests sign with. */
export const APP_SECRET = 'test-app-secret-Zq3v9';
/** The environment that turns the DingTalk channel on, with the OpenAPI at `apiUrl`. */
export const dingTalkEnv = (apiUrl: string) => ({
  DINGTALK_APP_KEY: 'dingtestkey',
  DINGTALK_APP_SECRET: APP_SECRET,
  DINGTALK_API_URL: apiUrl,
});

const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/**
 * DingTalk's sign computed with Web Crypto, an implementation independent of the node:crypto code under test:
 * base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)). No official vector exists to check against.
 */
export async function webCryptoSign(timestamp: string, secret: string): Promise<string> {
  const utf8 = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(`${timestamp}\n${secret}`)));
  return btoa(String.fromCharCode(...mac));
}

/** The doc's group callback (outgoing_robot_text_group.json) with a live sessionWebhook and the given changes. */
export function groupCallback(changes: Record<string, unknown>) {
  const now = Date.now();
  return {
    ...fixture('outgoing_robot_text_group.json').body,
    createAt: now,
    sessionWebhookExpiredTime: now + 90 * 60_000,
    ...changes,
  };
}

/** The same callback as a one-to-one chat: conversationType "1", without the group-only fields. */
export function oneToOneCallback(changes: Record<string, unknown>) {
  const { conversationTitle, atUsers, isInAtList, ...rest } = groupCallback({});
  return { ...rest, conversationType: '1', ...changes };
}

let lastStamp = 0;

/** Posts a callback to frontdesk's webhook signed as DingTalk does (timestamp and secret may be changed). */
export async function postCallback(
  baseUrl: string,
  body: unknown,
  options: { secret?: string; timestamp?: number } = {},
) {
  // frontdesk accepts each signed timestamp with one body only, as DingTalk signs a new one per callback.
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  const timestamp = String(options.timestamp ?? lastStamp);
  return fetch(`${baseUrl}/webhooks/dingtalk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      timestamp,
      sign: await webCryptoSign(timestamp, options.secret ?? APP_SECRET),
    },
    body: JSON.stringify(body),
  });
}

/** Answers like DingTalk's APIs do on success: the token endpoint, the robot OpenAPI, session and custom webhooks. */
export function dingTalkStandIn(req: Recorded) {
  if (req.path === '/v1.0/oauth2/accessToken') return { body: { accessToken: 'token-1', expireIn: 7200 } };
  if (req.path.startsWith('/v1.0/robot/')) return { body: { processQueryKey: 'pqk' } };
  return { body: { errcode: 0, errmsg: 'ok' } };
}

/** The sessionWebhook requests the recording server saw for one session. */
export const sessionPosts = (requests: Recorded[], session: string) =>
  requests.filter((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session);
