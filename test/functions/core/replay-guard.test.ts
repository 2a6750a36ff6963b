import { describe, expect, it } from 'vitest';
import { createDb } from '../../../functions/core/db.js';
import { createReplayGuard } from '../../../functions/core/replay-guard.js';
import { dynamoLocalTable } from '../../support/aws.js';

describe('the replay guard', () => {
  it('admits a signature with its first body and that body again, refuses another body until it expires', async () => {
    const { client, tableName } = await dynamoLocalTable();
    const guard = createReplayGuard(createDb(client, tableName));
    const t0 = new Date('2026-12-03T10:00:00Z');
    const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    expect(await guard.admit('wechat#sig-1', '<xml>ask</xml>', 600, t0)).toBe(true);
    expect(await guard.admit('wechat#sig-1', '<xml>ask</xml>', 600, later(5))).toBe(true);
    expect(await guard.admit('wechat#sig-1', '<xml>转人工</xml>', 600, later(10))).toBe(false);
    expect(await guard.admit('wechat#sig-2', '<xml>转人工</xml>', 600, later(10))).toBe(true);
    // Past its window the signature cannot pass verification anyway; the entry no longer blocks the key.
    expect(await guard.admit('wechat#sig-1', '<xml>other</xml>', 600, later(700))).toBe(true);
  });

  it('lets exactly one of four bodies racing for the same signature through', async () => {
    const { client, tableName } = await dynamoLocalTable();
    const guard = createReplayGuard(createDb(client, tableName));
    const now = new Date();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((body) => guard.admit('dingtalk#1764756000000', body, 3900, now)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
