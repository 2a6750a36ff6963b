import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSslCheck, verifySlackSignature } from '../../../channels/slack/verify.js';
import type { RawRequest } from '../../../channels/types.js';
import { FIXTURES, fixture, type HttpFixture } from './slack-fixtures.js';

interface Vectors {
  vectors: {
    inputs: { signing_secret: string; timestamp: string; raw_body: string };
    expected: Record<string, string>;
  }[];
  negative_and_boundary_cases: { id: string; inputs: Record<string, string | number> }[];
  sdk_computed_vectors: { inputs: { raw_body_fixture: string }; expected: Record<string, string> }[];
}
const vectors = fixture<Vectors>('vectors.json');
const official = vectors.vectors[0]!.inputs;
const SIGNATURE = vectors.vectors[0]!.expected['x-slack-signature']!;

const request = (body: string, timestamp: string, signature: string): RawRequest => ({
  method: 'POST',
  headers: { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  query: {},
  body,
});
const at = (seconds: number) => new Date(seconds * 1000);
const boundary = (id: string) => vectors.negative_and_boundary_cases.find((c) => c.id === id)!.inputs;

describe('Slack request signatures', () => {
  it("accepts Slack's documented example", () => {
    const req = request(official.raw_body, official.timestamp, SIGNATURE);
    expect(verifySlackSignature(official.signing_secret, req, at(Number(official.timestamp)))).toBe(true);
  });

  it('accepts every signed request in the fixtures, with the signature vectors.json gives for it', () => {
    const files = readdirSync(resolve(FIXTURES, 'http'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const f = fixture<HttpFixture>(`http/${file}`);
      const req = { method: 'POST', headers: f.headers, query: {}, body: f.raw_body };
      expect(verifySlackSignature(f.signing_secret, req, at(f.verify_with_now_unix)), file).toBe(true);
    }
    for (const vector of vectors.sdk_computed_vectors) {
      const file = vector.inputs.raw_body_fixture.replace('#raw_body', '');
      expect(fixture<HttpFixture>(file).headers['x-slack-signature']).toBe(
        vector.expected['x-slack-signature'],
      );
    }
  });

  it('keeps a five-minute window on both sides of our clock', () => {
    const req = request(official.raw_body, official.timestamp, SIGNATURE);
    const verify = (now: number) => verifySlackSignature(official.signing_secret, req, at(now));
    expect(verify(Number(boundary('now_equals_ts_plus_300').now))).toBe(true);
    expect(verify(Number(boundary('now_equals_ts_plus_301_stale').now))).toBe(false);
    expect(verify(Number(official.timestamp) - 300)).toBe(true);
    // bolt-js would accept this one; the docs' abs() rule (and python-slack-sdk) refuse it.
    expect(verify(Number(boundary('now_equals_ts_minus_301_future').now))).toBe(false);
  });

  it('refuses a tampered body, another secret, another version, and missing or malformed headers', () => {
    const now = at(Number(official.timestamp));
    const tampered = boundary('tampered_body');
    const check = (req: RawRequest, secret = official.signing_secret) =>
      verifySlackSignature(secret, req, now);
    expect(check(request(String(tampered.raw_body), official.timestamp, SIGNATURE))).toBe(false);
    expect(check(request(official.raw_body, official.timestamp, SIGNATURE), 'another-secret')).toBe(false);
    expect(check(request(official.raw_body, official.timestamp, SIGNATURE.replace('v0=', 'v1=')))).toBe(
      false,
    );
    expect(check(request(official.raw_body, official.timestamp, SIGNATURE.slice(0, -1)))).toBe(false);
    expect(check(request(official.raw_body, official.timestamp, ''))).toBe(false);
    expect(check(request(official.raw_body, '', SIGNATURE))).toBe(false);
    expect(check(request(official.raw_body, `${official.timestamp}.5`, SIGNATURE))).toBe(false);
    expect(check({ method: 'POST', headers: {}, query: {}, body: official.raw_body })).toBe(false);
  });

  it("recognizes Slack's unsigned ssl_check and nothing that merely contains it", () => {
    const post = (body: string): RawRequest => ({ method: 'POST', headers: {}, query: {}, body });
    expect(isSslCheck(post('ssl_check=1&token=abc'))).toBe(true);
    expect(isSslCheck(post('ssl_check=1&command=%2Ffrontdesk&text=hi'))).toBe(false);
    expect(isSslCheck(post('{"text":"&ssl_check=1&"}'))).toBe(false);
    expect(isSslCheck(post('ssl_check=0'))).toBe(false);
  });
});
