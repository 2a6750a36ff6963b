import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  backends,
  beforeNext,
  countCalls,
  entries,
  entry,
  openStore,
  throttleFirstBatchWrite,
} from './faq-store-fixture.js';

type Opened = Awaited<ReturnType<typeof openStore>>;

describe.each(backends)('DynamoFaqStore on $name', (backend) => {
  let t: Opened;
  beforeEach(async () => {
    t = await openStore(backend);
  });
  afterEach(() => t.close());

  it('starts empty at version 0', async () => {
    expect(await t.store.version()).toBe(0);
    expect(await t.store.snapshot()).toEqual({ version: 0, entries: [] });
    expect(await t.store.get('refund')).toBeUndefined();
    expect(await t.store.delete('refund')).toBe(false);
    expect(await t.store.version()).toBe(0);
  });

  it('creates, replaces and deletes entries, bumping the version on every write', async () => {
    const refund = entry('refund', {
      questions: ['怎么退款', 'How do I get a refund?'],
      lang: 'zh',
      tags: ['钱'],
    });
    await t.store.put(refund);
    expect(await t.store.version()).toBe(1);
    await t.store.put(entry('hours'));
    expect(await t.store.version()).toBe(2);
    expect(await t.store.get('refund')).toEqual(refund);

    const changed = { ...refund, answer: '请在订单页申请退款，三天内到账。' };
    await t.store.put(changed);
    expect(await t.store.version()).toBe(3);
    expect(await t.store.snapshot()).toEqual({ version: 3, entries: [entry('hours'), changed] });

    expect(await t.store.delete('refund')).toBe(true);
    expect(await t.store.version()).toBe(4);
    expect(await t.store.delete('refund')).toBe(false);
    expect(await t.store.version()).toBe(4);
    expect(await t.store.get('refund')).toBeUndefined();
  });

  it('refuses an invalid entry without writing anything', async () => {
    await expect(t.store.put({ ...entry('a'), answer: ' ' })).rejects.toBeInstanceOf(ZodError);
    expect(await t.store.snapshot()).toEqual({ version: 0, entries: [] });
  });

  it('lists entries sorted by id', async () => {
    for (const id of ['b', 'a', 'c', 'B']) await t.store.put(entry(id));
    expect((await t.store.snapshot()).entries.map((e) => e.id)).toEqual(['B', 'a', 'b', 'c']);
  });

  it('pages through large generations and resends unprocessed batch writes', async () => {
    // About 1.3 MB of entries: more than one 1 MB query page.
    const big = entries(1300, { answer: '答'.repeat(1000) });
    const throttled = throttleFirstBatchWrite(t.client, 10);
    await t.store.import(big, { mode: 'replace' });
    expect(throttled()).toBe(true);

    const calls = countCalls(t.client);
    const snapshot = await t.store.snapshot();
    expect(calls.get('QueryCommand')).toBeGreaterThan(1);
    expect(snapshot.entries).toEqual(big);
  });

  it('re-reads a snapshot that a write overlapped, so entries and version always match', async () => {
    await t.store.import(entries(3), { mode: 'replace' });
    beforeNext(
      t.client,
      'QueryCommand',
      (input) => JSON.stringify(input).includes('FAQ#'),
      () => t.store.put(entry('late')),
    );
    const snapshot = await t.store.snapshot();
    expect(snapshot).toEqual({ version: 2, entries: [...entries(3), entry('late')] });
  });

  it('a put that loses a race with an import is redone in the new FAQ and leaves nothing behind', async () => {
    await t.store.import(entries(3), { mode: 'replace' });
    const oldGeneration = (await t.meta())?.generation;
    beforeNext(
      t.client,
      'PutItemCommand',
      (input) => JSON.stringify(input).includes(`FAQ#${oldGeneration}`),
      () => t.store.import([entry('imported')], { mode: 'replace' }),
    );
    await t.store.put(entry('edited'));

    expect(await t.store.snapshot()).toEqual({ version: 3, entries: [entry('edited'), entry('imported')] });
    expect(await t.items(`FAQ#${oldGeneration}`)).toEqual([]);
  });

  it('a delete that loses a race with an import is redone in the new FAQ', async () => {
    await t.store.import(entries(2), { mode: 'replace' });
    beforeNext(
      t.client,
      'DeleteItemCommand',
      (input) => JSON.stringify(input).includes('e0000'),
      () => t.store.import(entries(3), { mode: 'replace' }),
    );
    expect(await t.store.delete('e0000')).toBe(true);
    expect(await t.store.snapshot()).toEqual({ version: 3, entries: entries(3).slice(1) });
  });
});
