import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a callback's timestamp may be from our clock, either way ("1小时", receive-message doc). */
const WINDOW_MS = 60 * 60 * 1000;

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
 * Checks the `timestamp` and `sign` headers of a robot callback: the timestamp within an hour of `now` (both
 * ways) and the sign equal, compared in constant time. Anything missing or malformed fails.
 */
export function verifyDingTalkSignature(
  headers: Record<string, string>,
  appSecret: string,
  now: Date,
): boolean {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d{1,15}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp)) > WINDOW_MS) return false;
  const expected = Buffer.from(dingTalkSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
