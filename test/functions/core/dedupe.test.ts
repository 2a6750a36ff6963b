import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../functions/core/db.js';
import { CLAIM_LEASE_SECONDS, createDedupe, type Dedupe } from '../../../functions/core/dedupe.js';
import { dynamoLocalTable } from '../../support/aws.js';

let dedupe: Dedupe;
beforeAll(async () => {
  const { client, tableName } = await dynamoLocalTable();
  dedupe = createDedupe(createDb(client, tableName));
});

const t0 = new Date('2026-12-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('dedupe.once', () => {
  it('does the work once, and a repeat after it finished is skipped', async () => {
    expect(await dedupe.once('k1', t0, async () => 'answered')).toEqual({ value: 'answered' });
    expect(await dedupe.once('k1', at(1), async () => 'again')).toBeUndefined();
    expect(await dedupe.once('k1', at(CLAIM_LEASE_SECONDS + 10), async () => 'again')).toBeUndefined();
  });

  it('makes a repeat wait while the first attempt may still finish, and takes over once its lease is over', async () => {
    // The first attempt claims the key and then dies (its work never returns).
    let started = () => {};
    const claimed = new Promise<void>((resolve) => (started = resolve));
    void dedupe.once('k2', t0, () => {
      started();
      return new Promise(() => {});
    });
    await claimed;
    await expect(dedupe.once('k2', at(1), async () => 'second', { busy: 'throw' })).rejects.toThrow(
      /being handled/,
    );
    // HTTP callers (platform retries) take it for a repeat, as before.
    expect(await dedupe.once('k2', at(2), async () => 'second')).toBeUndefined();
    expect(await dedupe.once('k2', at(CLAIM_LEASE_SECONDS + 1), async () => 'taken over')).toEqual({
      value: 'taken over',
    });
  });

  it('forgets a key whose work failed, so the retry does the work', async () => {
    await expect(
      dedupe.once('k3', t0, async () => Promise.reject(new Error('platform down'))),
    ).rejects.toThrow();
    expect(await dedupe.once('k3', at(1), async () => 'retried')).toEqual({ value: 'retried' });
  });
});
