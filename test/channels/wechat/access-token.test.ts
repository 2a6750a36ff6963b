import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelStore } from '../../../channels/types.js';
import { createAccessToken } from '../../../channels/wechat/access-token.js';
import { apiUrl, fetchToken, WechatApiError } from '../../../channels/wechat/api.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { createDb } from '../../../functions/core/db.js';
import { dynamoLocalTable } from '../../support/aws.js';
import { wechatApi } from './wechat-support.js';

let store: ChannelStore;
let api: Awaited<ReturnType<typeof wechatApi>>;

beforeAll(async () => {
  const { client, tableName } = await dynamoLocalTable();
  store = createChannelStore(createDb(client, tableName));
  api = await wechatApi();
});
afterAll(() => api.close());

// Each cache stands for one Lambda execution environment; the store is what they share.
const cache = (key: string) =>
  createAccessToken({
    store,
    key,
    fetchToken: () => fetchToken(fetch, apiUrl(api.url, 'cgi-bin/token', { appid: key, secret: 's' })),
  });
const fetchesFor = (key: string) => api.tokenFetches().filter((r) => r.query.get('appid') === key);

describe('access tokens', () => {
  it('are fetched once and shared by every process through the store', async () => {
    const first = await cache('shared').get();
    expect(await cache('shared').get()).toBe(first);
    expect(fetchesFor('shared')).toHaveLength(1);
  });

  it('are refreshed by one process at a time while the others wait for its token', async () => {
    const tokens = await Promise.all(Array.from({ length: 5 }, () => cache('crowd').get()));
    expect(new Set(tokens).size).toBe(1);
    expect(fetchesFor('crowd')).toHaveLength(1);
  });

  it('are fetched anew once invalidated, and only the rejected one is dropped', async () => {
    const tokens = cache('rotating');
    const old = await tokens.get();
    await tokens.invalidate('some-other-token');
    expect(await tokens.get()).toBe(old);
    await tokens.invalidate(old);
    expect(await tokens.get()).not.toBe(old);
    expect(fetchesFor('rotating')).toHaveLength(2);
  });

  it('treat an errcode answered with HTTP 200 as an error', async () => {
    api.answerWith(() => ({ body: { errcode: 40125, errmsg: 'invalid appsecret' } }));
    await expect(cache('refused').get()).rejects.toThrow(WechatApiError);
    await expect(cache('refused').get()).rejects.toThrow(/40125/);
  });
});
