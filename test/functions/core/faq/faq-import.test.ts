import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaqStoreConflictError } from '../../../../functions/core/faq/faq-store.js';
import { backends, beforeNext, entries, entry, openStore } from './faq-store-fixture.js';

type Opened = Awaited<ReturnType<typeof openStore>>;

describe.each(backends)('FAQ import on $name', (backend) => {
  let t: Opened;
  beforeEach(async () => {
    t = await openStore(backend);
  });
  afterEach(() => t.close());

  it('merge overlays the live FAQ by id; replace makes the import the whole FAQ', async () => {
    await t.store.put(entry('a'));
    await t.store.put(entry('b'));
    const newB = entry('b', { answer: 'new b' });

    expect(await t.store.import([newB, entry('c')], { mode: 'merge' })).toEqual({ total: 3 });
    expect(await t.store.snapshot()).toEqual({ version: 3, entries: [entry('a'), newB, entry('c')] });

    expect(await t.store.import([entry('d')], { mode: 'replace' })).toEqual({ total: 1 });
    expect(await t.store.snapshot()).toEqual({ version: 4, entries: [entry('d')] });
  });

  it('imports 1,000+ entries, reporting progress up to the total, and drops the old generation', async () => {
    await t.store.import(entries(10), { mode: 'replace' });
    const oldGeneration = (await t.meta())?.generation;
    const progress: { done: number; total: number }[] = [];
    const big = entries(1234);

    expect(await t.store.import(big, { mode: 'replace', onProgress: (p) => progress.push(p) })).toEqual({
      total: 1234,
    });

    expect(progress.at(-1)).toEqual({ done: 1234, total: 1234 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([1234]));
    expect(await t.store.snapshot()).toEqual({ version: 2, entries: big });
    expect(await t.items(`FAQ#${oldGeneration}`)).toEqual([]);
    expect(await t.markers()).toEqual([{ generation: (await t.meta())?.generation, status: 'live' }]);
  });

  it('readers see the old FAQ until the flip and the new one from then on, never a mix', async () => {
    await t.store.import(entries(30), { mode: 'replace' });
    const old = await t.store.snapshot();
    const next = entries(60).slice(20);
    const seen: unknown[] = [];
    beforeNext(
      t.client,
      'UpdateItemCommand',
      (input) => JSON.stringify(input).includes(':next'),
      async () => seen.push(await t.store.snapshot()),
    );
    beforeNext(
      t.client,
      'BatchWriteItemCommand',
      (input) => JSON.stringify(input).includes('DeleteRequest'),
      async () => seen.push(await t.store.snapshot()),
    );
    await t.store.import(next, { mode: 'replace' });
    expect(seen).toEqual([old, { version: old.version + 1, entries: next }]);
  });

  it('an import that dies halfway leaves the old FAQ untouched, and the next import clears its leftovers', async () => {
    await t.store.import(entries(30), { mode: 'replace' });
    await t.store.delete('e0029');
    const before = await t.store.snapshot();

    // A throwing onProgress stops the import exactly where a crash would: after some batches, before the flip.
    let batches = 0;
    const crash = () => {
      if (++batches === 3) throw new Error('process died');
    };
    await expect(t.store.import(entries(200), { mode: 'replace', onProgress: crash })).rejects.toThrow(
      'process died',
    );

    expect(await t.store.snapshot()).toEqual(before);
    expect(await t.store.version()).toBe(before.version);
    expect(await t.store.get('e0100')).toBeUndefined();
    const staging = (await t.markers()).filter((m) => m.status === 'staging');
    expect(staging).toHaveLength(1);
    const orphans = `FAQ#${staging[0]?.generation}`;
    expect(await t.items(orphans)).toHaveLength(75);

    await t.store.import([entry('z')], { mode: 'merge' });
    expect(await t.items(orphans)).toEqual([]);
    expect((await t.markers()).map((m) => m.generation)).toEqual([(await t.meta())?.generation]);
    expect(await t.store.snapshot()).toEqual({
      version: before.version + 1,
      entries: [...before.entries, entry('z')],
    });
  });

  it('detects an import that finished while another was writing: the late one fails and cleans up', async () => {
    await t.store.import(entries(5), { mode: 'replace' });
    let slowGeneration: unknown;
    // The slow import has written its first batch when the fast one starts and completes.
    beforeNext(
      t.client,
      'BatchWriteItemCommand',
      (input) => JSON.stringify(input).includes('late'),
      async () => {
        slowGeneration = (await t.meta())?.allocated;
        await t.store.import([entry('fast')], { mode: 'merge' });
      },
    );
    const slow = t.store.import([entry('late'), ...entries(40)], { mode: 'replace' });

    await expect(slow).rejects.toBeInstanceOf(FaqStoreConflictError);
    expect(await t.store.snapshot()).toEqual({ version: 2, entries: [...entries(5), entry('fast')] });
    expect(await t.items(`FAQ#${slowGeneration}`)).toEqual([]);
    expect((await t.markers()).map((m) => m.generation)).toEqual([(await t.meta())?.generation]);
  });

  it('fails an import when an entry was edited meanwhile, rather than silently undoing the edit', async () => {
    await t.store.import(entries(5), { mode: 'replace' });
    beforeNext(
      t.client,
      'BatchWriteItemCommand',
      (input) => JSON.stringify(input).includes('e0004'),
      () => t.store.put(entry('e0000', { answer: 'edited' })),
    );
    await expect(t.store.import([entry('new')], { mode: 'merge' })).rejects.toBeInstanceOf(
      FaqStoreConflictError,
    );
    expect(await t.store.get('e0000')).toEqual(entry('e0000', { answer: 'edited' }));
    expect(await t.store.get('new')).toBeUndefined();
  });

  it('refuses an import that holds an id twice', async () => {
    await expect(t.store.import([entry('a'), entry('a')], { mode: 'replace' })).rejects.toThrow(
      '"a" more than once',
    );
    expect(await t.store.version()).toBe(0);
  });
});
