import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timedFetch } from '../../../functions/core/timed-fetch.js';
import { startRecordingServer } from '../../support/recording-server.js';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
// The hanging answer is released at the end, so the server can close.
let release = () => {};
const hanging = new Promise<object>((resolve) => (release = () => resolve({})));
beforeAll(async () => {
  server = await startRecordingServer((req) => (req.path === '/hang' ? hanging : {}));
});
afterAll(() => {
  release();
  return server.close();
});

describe('timedFetch', () => {
  it('abandons a platform call that never answers', async () => {
    const fetchWithDeadline = timedFetch(fetch, 200);
    await expect(fetchWithDeadline(`${server.url}/hang`)).rejects.toThrow(/timeout|aborted/i);
  });

  it('passes answers through, and keeps the caller’s own signal', async () => {
    const fetchWithDeadline = timedFetch(fetch, 5_000);
    expect((await fetchWithDeadline(`${server.url}/ok`)).status).toBe(200);
    const caller = new AbortController();
    caller.abort();
    await expect(fetchWithDeadline(`${server.url}/ok`, { signal: caller.signal })).rejects.toThrow(/abort/i);
  });
});
