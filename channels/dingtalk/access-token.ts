import { setTimeout as delay } from 'node:timers/promises';
import type { ChannelStore } from '../types.js';

/**
 * Kept a little shorter than DingTalk's 7,200 s, as its doc advises, so a token is never used at its last second
 * (https://help.dingtalk.io/open/development/obtain-the-access-token-of-an-internal-app).
 */
const EARLY_SECONDS = 300;
const LOCK_SECONDS = 10;
const WAITS = 10;
const WAIT_MS = 200;

/** An access token shared by every process through the channel store: fetched by one, reused by all. */
export interface AccessTokens {
  get(): Promise<string>;
  /** Forgets a token DingTalk refused, so the next get() fetches a new one. */
  invalidate(): Promise<void>;
}

/**
 * Caches the token under `key` (one per app: each app's token is its own). When it is missing, one process takes
 * a short lock and fetches; the others wait for its result, since the doc warns that frequent calls are throttled.
 */
export function createAccessTokens(
  store: ChannelStore,
  key: string,
  fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
): AccessTokens {
  const lock = `${key}#lock`;
  async function refresh(): Promise<string> {
    const { token, expiresInSeconds } = await fetchToken();
    await store.put(key, token, Math.max(expiresInSeconds - EARLY_SECONDS, 60));
    return token;
  }
  return {
    async get() {
      const cached = await store.get(key);
      if (cached) return cached;
      for (let wait = 0; wait < WAITS; wait++) {
        if (await store.putIfAbsent(lock, 'refreshing', LOCK_SECONDS)) {
          try {
            // Another process may have stored a token and let go of the lock since the first look.
            return (await store.get(key)) ?? (await refresh());
          } finally {
            await store.delete(lock);
          }
        }
        await delay(WAIT_MS);
        const fetched = await store.get(key);
        if (fetched) return fetched;
      }
      // The lock's holder is slow or gone. Within a token's validity DingTalk returns the same token, so asking is safe.
      return refresh();
    },
    invalidate: () => store.delete(key),
  };
}
