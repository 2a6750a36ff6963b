import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timedFetch } from '../../../functions/core/timed-fetch.js';
import { startRecordingServer } from '../../support/recording-server.js';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
// The hanging answer is released at the end, so the server can close.
let release = () => {};
const hanging = new Promise<object>((resolve) => (release = () => resolve({})));
beforeAll(async () => {
  server = await startRecordingServer((req) =>
    req.path === '/hang' ? hanging : req.path === '/down' ? { status: 500, body: 'oops' } : {},
  );
});
afterAll(() => {
  release();
  return server.close();
});

describe('timedFetch', () => {
  it('abandons a platform call that never answers, and says so in the log', async () => {
    const lines: string[] = [];
    const fetchWithDeadline = timedFetch(fetch, 200, (line) => lines.push(line));
    await expect(fetchWithDeadline(`${server.url}/hang?access_token=secret`)).rejects.toThrow(
      /timeout|aborted/i,
    );
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        level: 'warn',
        msg: 'platform call failed',
        target: `${server.url}/hang`,
        reason: 'no answer within 200 ms',
      },
    ]);
  });

  it('logs every HTTP 500 attempt, even one the caller retries', async () => {
    const lines: string[] = [];
    const fetchWithDeadline = timedFetch(fetch, 5_000, (line) => lines.push(line));
    expect((await fetchWithDeadline(`${server.url}/down`)).status).toBe(500);
    expect((await fetchWithDeadline(`${server.url}/down`)).status).toBe(500);
    expect(lines.map((line) => JSON.parse(line).status)).toEqual([500, 500]);
  });

  it('passes answers through, and keeps the caller’s own signal', async () => {
    const fetchWithDeadline = timedFetch(fetch, 5_000);
    expect((await fetchWithDeadline(`${server.url}/ok`)).status).toBe(200);
    const caller = new AbortController();
    caller.abort();
    await expect(fetchWithDeadline(`${server.url}/ok`, { signal: caller.signal })).rejects.toThrow(/abort/i);
  });
});
