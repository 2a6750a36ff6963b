import { beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens } from '../../../channels/dingtalk/access-token.js';
import type { ChannelStore } from '../../../channels/types.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { createDb } from '../../../functions/core/db.js';
import { dynamoLocalTable } from '../../support/aws.js';

let seconds = 0;
let store: ChannelStore;
beforeAll(async () => {
  const { client, tableName } = await dynamoLocalTable();
  store = createChannelStore(createDb(client, tableName), () => new Date(1_700_000_000_000 + seconds * 1000));
});

const counting = (key: string) => {
  let fetched = 0;
  const tokens = createAccessTokens(store, key, async () => ({
    token: `${key}-${++fetched}`,
    expiresInSeconds: 7200,
  }));
  return { tokens, fetched: () => fetched };
};

describe('the DingTalk access token cache (on the channel store)', () => {
  it('fetches once for concurrent senders, and again shortly before DingTalk’s 7,200 s are up', async () => {
    seconds = 0;
    const { tokens, fetched } = counting('app-a');
    expect(new Set(await Promise.all([1, 2, 3, 4].map(() => tokens.get())))).toEqual(new Set(['app-a-1']));
    seconds = 6_899;
    expect(await tokens.get()).toBe('app-a-1');
    seconds = 6_901;
    expect(await tokens.get()).toBe('app-a-2');
    expect(fetched()).toBe(2);
  });

  it('waits for the process holding the refresh lock instead of asking DingTalk again', async () => {
    const { tokens, fetched } = counting('app-b');
    expect(await store.putIfAbsent('app-b#lock', 'refreshing', 10)).toBe(true);
    const pending = tokens.get();
    await store.put('app-b', 'fetched-elsewhere', 600);
    expect(await pending).toBe('fetched-elsewhere');
    expect(fetched()).toBe(0);
  });

  it('forgets a refused token', async () => {
    const { tokens } = counting('app-c');
    expect(await tokens.get()).toBe('app-c-1');
    await tokens.invalidate();
    expect(await tokens.get()).toBe('app-c-2');
  });
});
