import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How old a callback's timestamp may be: the receive-message doc refuses one more than an hour (1小时) from the
 * current time. The timestamp is when DingTalk sent the message, so it may lead our clock only by clock drift.
 */
const MAX_AGE_MS = 60 * 60 * 1000;
const MAX_LEAD_MS = 5 * 60 * 1000;

/** How long a callback's sign must be remembered to refuse its reuse: as long as its timestamp can pass. */
export const SIGN_TTL_SECONDS = (MAX_AGE_MS + MAX_LEAD_MS) / 1000;

/**
 * DingTalk's signature over a millisecond timestamp: base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)).
 * The same scheme signs robot callbacks, keyed with the app secret
 * (https://open.dingtalk.com/document/isvapp/receive-message), and custom-robot sends, keyed with the robot's
 * SEC… secret (自定义机器人安全设置). The body is not covered.
 */
export function dingTalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Checks the `timestamp` and `sign` headers of a robot callback: the timestamp at most an hour old and at most
 * five minutes ahead of `now`, and the sign equal, compared in constant time. Anything missing or malformed fails.
 */
export function verifyDingTalkSignature(
  headers: Record<string, string>,
  appSecret: string,
  now: Date,
): boolean {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d{1,15}$/.test(timestamp)) return false;
  const age = now.getTime() - Number(timestamp);
  if (age > MAX_AGE_MS || age < -MAX_LEAD_MS) return false;
  const expected = Buffer.from(dingTalkSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
