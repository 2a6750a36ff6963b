import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import type { ChannelStore } from '../types.js';

/** An access token as the platform hands it out. */
export interface FreshToken {
  token: string;
  expiresIn: number;
}

/** An access token shared by every process of the deployment. */
export interface AccessToken {
  get(): Promise<string>;
  /** Drops a token the platform rejected (40001, 42001) so that the next `get` fetches a new one. */
  invalidate(token: string): Promise<void>;
}

// Refreshed 5 minutes early: WeChat tokens live 7200 s, and a call made with a token about to expire would fail.
const EARLY_SECONDS = 300;
// Fetching a new token invalidates the old one within minutes (doc/offiaccount/Basic_Information/Get_access_token),
// so one process refreshes at a time while the others wait for its token; a crashed holder's lock expires.
const LOCK_SECONDS = 30;
const WAIT_MS = 200;
const WAITS = 50;

const Stored = z.object({ token: z.string().min(1), until: z.number() });

/**
 * Caches a token in memory and in the channel store (so Lambda invocations share it), refreshing it before it
 * expires with one refresh at a time across all processes.
 */
export function createAccessToken(options: {
  store: ChannelStore;
  /** Store key, e.g. `wechat#token#APPID`. */
  key: string;
  fetchToken: () => Promise<FreshToken>;
  clock?: () => number;
}): AccessToken {
  const { store, key, fetchToken, clock = Date.now } = options;
  const lock = `${key}#refreshing`;
  let memo: z.infer<typeof Stored> | undefined;

  async function stored(): Promise<string | undefined> {
    if (memo && memo.until > clock()) return memo.token;
    const raw = await store.get(key);
    memo = raw === undefined ? undefined : readStored(raw);
    return memo?.token;
  }

  async function refresh(): Promise<string> {
    const { token, expiresIn } = await fetchToken();
    const ttl = Math.max(60, expiresIn - EARLY_SECONDS);
    memo = { token, until: clock() + ttl * 1000 };
    await store.put(key, JSON.stringify(memo), ttl);
    return token;
  }

  return {
    async get() {
      for (let wait = 0; wait < WAITS; wait++) {
        const token = await stored();
        if (token) return token;
        if (await store.putIfAbsent(lock, String(clock()), LOCK_SECONDS)) {
          try {
            // Someone may have stored a token between our read and our lock.
            return (await stored()) ?? (await refresh());
          } finally {
            await store.delete(lock);
          }
        }
        await sleep(WAIT_MS);
      }
      throw new Error(`timed out waiting for another process to refresh ${key}`);
    },
    async invalidate(token) {
      memo = undefined;
      if ((await stored()) === token) {
        memo = undefined;
        await store.delete(key);
      }
    },
  };
}

function readStored(raw: string): z.infer<typeof Stored> | undefined {
  try {
    return Stored.parse(JSON.parse(raw));
  } catch {
    return undefined; // unreadable: fetch a new one
  }
}
