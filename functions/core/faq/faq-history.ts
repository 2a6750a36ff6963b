import type { Db } from '../db.js';
import { FaqEntry } from './entry.js';
import {
  applyChanges,
  changesBetween,
  compose,
  type FaqChange,
  type FaqDiff,
  invert,
  toDiff,
} from './faq-changes.js';
import { createFaqHistoryRecords, type FaqVersionInfo } from './faq-history-records.js';
import type { FaqStore } from './faq-store.js';

/** How many versions the history keeps: older ones can no longer be diffed or rolled back to. */
export const KEPT_VERSIONS = 20;

/** A version the history cannot reach: pruned, never logged, or cut off by a write that left no log. */
export class FaqHistoryError extends Error {
  override name = 'FaqHistoryError';
}

/** The FAQ store with its history: every write through it is logged as a version (see docs/admin-api.md). */
export type HistoryFaqStore = FaqStore & { history: FaqHistory };

/** The FAQ's versions: list, compare, roll back. */
export interface FaqHistory {
  versions(): Promise<Omit<FaqVersionInfo, 'previous' | 'chunks'>[]>;
  diff(from: number, to: number): Promise<FaqDiff>;
  /** Makes the FAQ of `version` live again, as a new version. */
  rollback(version: number): Promise<{ version: number }>;
}

/** Wraps a store so each put, delete and import also writes a change log entry, keeping the last 20. */
export function withFaqHistory(
  store: FaqStore,
  db: Db,
  clock: () => Date = () => new Date(),
  log: (message: string) => void = console.error,
): HistoryFaqStore {
  const records = createFaqHistoryRecords(db);

  /** Logs one write; a failure here must not fail a write that is already live, so it is only reported. */
  async function record(previous: number, changes: FaqChange[], note: string, size: () => Promise<number>) {
    try {
      const version = await store.version();
      const entries = await size();
      await records.write({ version, previous, createdAt: clock().getTime(), entries, note }, changes);
      const versions = await records.versions();
      for (const old of versions.slice(KEPT_VERSIONS)) await records.drop(old);
    } catch (error) {
      log(JSON.stringify({ level: 'error', msg: 'faq history not written', error: String(error) }));
    }
  }

  /** The FAQ's size after a single-entry write: the last logged size when it is the version before, else counted. */
  const sizeAfter = (previous: number, delta: number) => async () => {
    const last = await records.version(previous);
    return last ? last.entries + delta : (await store.snapshot()).entries.length;
  };

  /** The logged changes from version `from` to version `to` (from < to), refusing when the chain has a gap. */
  async function changesFrom(from: number, to: number): Promise<FaqChange[]> {
    const chain = (await records.versions()).filter((v) => v.version > from && v.version <= to).reverse();
    const linked = chain.every((v, i) => v.previous === (i === 0 ? from : chain[i - 1]!.version));
    if (chain.length === 0 || chain.at(-1)!.version !== to || !linked) {
      throw new FaqHistoryError(`the history does not reach from version ${from} to ${to}`);
    }
    return compose(await Promise.all(chain.map((v) => records.changes(v.version))));
  }

  async function changesBetweenVersions(from: number, to: number): Promise<FaqChange[]> {
    if (from === to) return [];
    return from < to ? changesFrom(from, to) : invert(await changesFrom(to, from));
  }

  async function importWithHistory(
    entries: FaqEntry[],
    options: Parameters<FaqStore['import']>[1],
    note: string,
  ): Promise<{ total: number }> {
    const before = await store.snapshot();
    const result = await store.import(entries, options);
    const after = await store.snapshot();
    await record(
      before.version,
      changesBetween(before.entries, after.entries),
      note,
      async () => after.entries.length,
    );
    return result;
  }

  const history: FaqHistory = {
    async versions() {
      return (await records.versions()).map(({ version, createdAt, entries, note }) => ({
        version,
        createdAt,
        entries,
        note,
      }));
    },
    async diff(from, to) {
      return toDiff(await changesBetweenVersions(from, to));
    },
    async rollback(version) {
      const current = await store.snapshot();
      const back = await changesBetweenVersions(current.version, version);
      const target = applyChanges(current.entries, back);
      await importWithHistory(target, { mode: 'replace' }, `rollback to version ${version}`);
      return { version: await store.version() };
    },
  };

  return {
    ...store,
    history,
    async put(entry) {
      const valid = FaqEntry.parse(entry);
      const previous = await store.version();
      const before = await store.get(valid.id);
      await store.put(valid);
      const note = before ? `edited ${valid.id}` : `added ${valid.id}`;
      await record(
        previous,
        [{ id: valid.id, before, after: valid }],
        note,
        sizeAfter(previous, before ? 0 : 1),
      );
    },
    async delete(id) {
      const previous = await store.version();
      const before = await store.get(id);
      const existed = await store.delete(id);
      if (existed && before)
        await record(previous, [{ id, before }], `deleted ${id}`, sizeAfter(previous, -1));
      return existed;
    },
    import(entries, options) {
      return importWithHistory(entries, options, `imported ${entries.length} entries (${options.mode})`);
    },
  };
}
