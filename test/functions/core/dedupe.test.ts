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
    expect(await dedupe.once('k1', t0, async (claim) => claim)).toEqual({ value: {} });
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
    // By default a repeat is skipped; webhooks hand it on instead of doing the work.
    expect(await dedupe.once('k2', at(2), async () => 'second')).toBeUndefined();
    const handedOn: string[] = [];
    const busy = async () => void handedOn.push('k2');
    expect(await dedupe.once('k2', at(3), async () => 'second', { busy })).toBeUndefined();
    expect(handedOn).toEqual(['k2']);
    // The work is told that the dead attempt may have done part of it.
    expect(await dedupe.once('k2', at(CLAIM_LEASE_SECONDS + 1), async (claim) => claim)).toEqual({
      value: { diedAttemptAt: t0.getTime() },
    });
  });

  it('forgets a key whose work failed, so the retry does the work', async () => {
    await expect(
      dedupe.once('k3', t0, async () => Promise.reject(new Error('platform down'))),
    ).rejects.toThrow();
    // A failure is no death: nothing of it is left to take over.
    expect(await dedupe.once('k3', at(1), async (claim) => claim)).toEqual({ value: {} });
  });
});
