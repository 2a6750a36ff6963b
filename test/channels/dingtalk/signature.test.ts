import { describe, expect, it } from 'vitest';
import { dingTalkSign, verifyDingTalkSignature } from '../../../channels/dingtalk/signature.js';
import { APP_SECRET, webCryptoSign } from './dingtalk-fixtures.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(ms);
const signed = async (timestamp: number, secret = APP_SECRET) => ({
  timestamp: String(timestamp),
  sign: await webCryptoSign(String(timestamp), secret),
});

describe('DingTalk signatures (no official vectors: checked against an independent Web Crypto implementation)', () => {
  it.each([
    ['1577262236757', APP_SECRET],
    ['1613630252678', 'SEC2b8a4f1e0c9d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1'],
    ['1700000000000', '密钥 with ünïcode'],
  ])('computes the same sign as Web Crypto for timestamp %s', async (timestamp, secret) => {
    expect(dingTalkSign(timestamp, secret)).toBe(await webCryptoSign(timestamp, secret));
  });

  it('accepts a callback signed with the app secret up to one hour old, or a few minutes ahead of our clock', async () => {
    const now = 1_700_000_000_000;
    for (const timestamp of [now, now - HOUR, now + 5 * MINUTE]) {
      expect(verifyDingTalkSignature(await signed(timestamp), APP_SECRET, at(now))).toBe(true);
    }
  });

  it('refuses timestamps older than the hour or from the future beyond clock drift, even when correctly signed', async () => {
    const now = 1_700_000_000_000;
    expect(verifyDingTalkSignature(await signed(now - HOUR - 1), APP_SECRET, at(now))).toBe(false);
    expect(verifyDingTalkSignature(await signed(now + 5 * MINUTE + 1), APP_SECRET, at(now))).toBe(false);
    expect(verifyDingTalkSignature(await signed(now + HOUR), APP_SECRET, at(now))).toBe(false);
  });

  it('refuses a sign made with another secret, a tampered sign, and missing or malformed headers', async () => {
    const now = 1_700_000_000_000;
    const good = await signed(now);
    const refused: Record<string, string>[] = [
      await signed(now, 'someone-elses-secret'),
      { ...good, sign: `${good.sign.slice(0, -2)}A=` },
      { ...good, sign: good.sign.slice(1) },
      { timestamp: good.timestamp },
      { sign: good.sign },
      { ...good, timestamp: `${good.timestamp}.5` },
      { ...good, timestamp: '' },
      {},
    ];
    for (const headers of refused) expect(verifyDingTalkSignature(headers, APP_SECRET, at(now))).toBe(false);
  });
});
