/*
 * The FAQ on DynamoDB, with imports that are atomic without transactions (dynalite, the embedded default, has none).
 *
 * Layout: META (pk=FAQ, sk=META) holds { generation, version, allocated }. Entries live under pk=FAQ#<generation>,
 * sk=<id>, and readers only ever look at the generation META names. A generation keeps a marker (pk=FAQ,
 * sk=GEN#<generation>, status staging|live|retired) until its entries are gone, so leftovers are found with one
 * query instead of a table scan. Generation 0, where puts go before the first import, gets its marker from the
 * import that replaces it.
 *
 * Import: take a fresh generation number from META (`allocated`), mark it staging, write the whole new FAQ there,
 * then flip META to it with one conditional update. The flip requires that META still shows the generation and
 * version the import started from (no edit or other import slipped in, which merge would otherwise silently undo)
 * and that no later import has taken a number since. Only after the flip is the old generation deleted.
 *
 * A crash before the flip leaves a staging generation nobody reads; a crash after it leaves a retired one. Either
 * way the old or the new FAQ is whole. Because only the newest allocated number can ever flip, an import may drop
 * every generation numbered below its own except the live one: those can never become live again.
 *
 * Single writes go into the live generation and then bump the version on condition that it is still live; if an
 * import flipped in between, the write landed in a dead generation, so it is undone there and done once more.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createFaqRecords, type Meta } from './dynamo-faq-records.js';
import { FaqEntry } from './entry.js';
import {
  type FaqImportMode,
  type FaqImportProgress,
  type FaqStore,
  FaqStoreConflictError,
  sortById,
} from './faq-store.js';

/** A snapshot retries while writes keep landing between its reads; past this the FAQ is too busy to read whole. */
const SNAPSHOT_ATTEMPTS = 5;

/** The FAQ store of frontdesk's one table, on AWS DynamoDB, DynamoDB Local or dynalite alike. */
export function createDynamoFaqStore(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): FaqStore {
  const records = createFaqRecords(options.client, options.tableName);

  async function importEntries(
    entries: FaqEntry[],
    mode: FaqImportMode,
    onProgress: (progress: FaqImportProgress) => void,
  ): Promise<{ total: number }> {
    const incoming = uniqueById(entries.map((entry) => FaqEntry.parse(entry)));
    const base = await records.allocate();
    const generation = base.allocated;
    await records.mark(generation, 'staging');
    await dropLeftovers(base);

    const kept = mode === 'merge' ? await records.queryEntries(base.generation) : [];
    const overlaid = new Map([...kept, ...incoming].map((entry) => [entry.id, entry]));
    const next = sortById([...overlaid.values()]);
    let done = 0;
    // Errors here (onProgress included) propagate without cleanup on purpose: they leave exactly what a crash
    // leaves, a staging generation that the next import drops.
    await records.writeEntries(generation, next, (written) => {
      done += written;
      onProgress({ done, total: next.length });
    });

    // Before the flip, so a crash right after it still leaves a marker for the generation being replaced.
    await records.mark(base.generation, 'live');
    if (!(await records.flip(base, generation))) {
      await records.dropGeneration(generation);
      // If the winner has already retired the base, the marker set above brought it back; take it away again.
      if ((await records.readMeta()).generation !== base.generation) {
        await records.dropGeneration(base.generation);
      }
      throw new FaqStoreConflictError(
        'The FAQ changed while importing (another import or an edit); nothing was imported.',
      );
    }
    await retire(base.generation, generation);
    return { total: next.length };
  }

  /** Drops what crashed or superseded imports left behind; see the top of the file for why this is safe. */
  async function dropLeftovers(base: Meta): Promise<void> {
    for (const marker of await records.markers()) {
      if (marker.generation < base.allocated && marker.generation !== base.generation) {
        await records.dropGeneration(marker.generation);
      }
    }
  }

  async function retire(old: number, live: number): Promise<void> {
    try {
      await records.mark(live, 'live');
      await records.mark(old, 'retired');
      await records.dropGeneration(old);
    } catch {
      // The new FAQ is live, so the import has succeeded; whatever is left here, the next import drops.
    }
  }

  return {
    async version() {
      return (await records.readMeta()).version;
    },

    async snapshot() {
      for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
        const before = await records.readMeta();
        const entries = await records.queryEntries(before.generation);
        // The same version afterwards means the generation stayed live throughout, so no import's cleanup thinned it
        // and no single write completed meanwhile.
        if ((await records.readMeta()).version === before.version) {
          return { version: before.version, entries: sortById(entries) };
        }
      }
      throw new FaqStoreConflictError(
        `The FAQ changed during ${SNAPSHOT_ATTEMPTS} reads in a row; try again.`,
      );
    },

    async get(id) {
      const { generation } = await records.readMeta();
      const entry = await records.getEntry(generation, id);
      if (entry) return entry;
      // Absent can also mean an import flipped and dropped the generation just looked in; then ask the live one.
      const live = (await records.readMeta()).generation;
      return live === generation ? undefined : records.getEntry(live, id);
    },

    async put(entry) {
      const valid = FaqEntry.parse(entry);
      for (let attempt = 0; attempt < 2; attempt++) {
        const { generation } = await records.readMeta();
        await records.putEntry(generation, valid);
        if (await records.bumpVersion(generation)) return;
        await records.deleteEntry(generation, valid.id);
      }
      throw new FaqStoreConflictError(
        `Imports kept replacing the FAQ while saving "${valid.id}"; try again.`,
      );
    },

    async delete(id) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const { generation } = await records.readMeta();
        const existed = await records.deleteEntry(generation, id);
        const stillLive = existed
          ? await records.bumpVersion(generation)
          : (await records.readMeta()).generation === generation;
        if (stillLive) return existed;
      }
      throw new FaqStoreConflictError(`Imports kept replacing the FAQ while deleting "${id}"; try again.`);
    },

    import(entries, { mode, onProgress = () => {} }) {
      return importEntries(entries, mode, onProgress);
    },
  };
}

function uniqueById(entries: FaqEntry[]): FaqEntry[] {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) throw new Error(`The import holds id "${id}" more than once.`);
    seen.add(id);
  }
  return entries;
}
