import type { FaqEntry } from './entry.js';

/** How an import combines with the live FAQ: overlay it by id, or make it the whole FAQ. */
export type FaqImportMode = 'merge' | 'replace';

/** Import progress: entries of the new FAQ written so far, out of all of them. */
export interface FaqImportProgress {
  done: number;
  total: number;
}

/** Where the FAQ lives; every write bumps the version so each process can tell when its index is stale. */
export interface FaqStore {
  /** Bumped on every write; one cheap consistent read, so a process can tell its index is stale. */
  version(): Promise<number>;
  /** All entries of the live FAQ, sorted by id, with the version they belong to (never a mix of two imports). */
  snapshot(): Promise<{ version: number; entries: FaqEntry[] }>;
  /** The live entry with this id, if there is one. */
  get(id: string): Promise<FaqEntry | undefined>;
  /** Creates or replaces one entry. */
  put(entry: FaqEntry): Promise<void>;
  /** Removes one entry; false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * Makes `entries` live all at once (merged over the live FAQ, or replacing it) and resolves to the size of the new
   * FAQ. Readers see the old FAQ until it resolves; if it fails, or the process dies, the old FAQ stays.
   */
  import(
    entries: FaqEntry[],
    options: { mode: FaqImportMode; onProgress?: (progress: FaqImportProgress) => void },
  ): Promise<{ total: number }>;
}

/** The FAQ changed underneath a write (a concurrent import or edit); nothing of this write is live. Retry it. */
export class FaqStoreConflictError extends Error {
  override name = 'FaqStoreConflictError';
}

/** The FAQ's canonical order: by id, compared by UTF-16 code units so it is the same everywhere. */
export function sortById(entries: readonly FaqEntry[]): FaqEntry[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
