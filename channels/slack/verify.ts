import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RawRequest } from '../types.js';

/** Slack's freshness window: a request more than 5 minutes off our clock, either way, is refused. */
export const MAX_SKEW_SECONDS = 300;

/**
 * Slack request signing v0 (https://api.slack.com/authentication/verifying-requests-from-slack): HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret, hex, prefixed `v0=`. Fails closed on anything missing.
 */
export function verifySlackSignature(secret: string, req: RawRequest, now: Date): boolean {
  const timestamp = req.headers['x-slack-request-timestamp'] ?? '';
  const signature = req.headers['x-slack-signature'] ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !signature.startsWith('v0=')) return false;
  // The docs' pseudocode uses abs(): bolt-js accepts any future timestamp, python-slack-sdk does not (PROTOCOLS §1.1).
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(`v0=${signV0(secret, timestamp, req.body)}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function signV0(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`v0:${timestamp}:${body}`, 'utf8').digest('hex');
}

/**
 * Slack's `ssl_check=1` posts to slash-command URLs carry no signature to check (bolt-js answers them with an
 * empty 200 unverified); they are answered with nothing else, so accepting them unsigned changes no state.
 */
export function isSslCheck(req: RawRequest): boolean {
  if (req.method !== 'POST' || req.body.trimStart().startsWith('{')) return false;
  const form = new URLSearchParams(req.body);
  return form.get('ssl_check') === '1' && !form.has('command') && !form.has('payload');
}
