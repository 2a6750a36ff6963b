import type { FaqEntry } from './entry.js';
import { buildFaqSnapshot, type LoadedFaq, loadFaqSnapshot, snapshotFingerprint } from './faq-snapshot.js';
import type { FaqSnapshotStore } from './faq-snapshot-store.js';
import type { FaqStore } from './faq-store.js';
import type { FaqMatch, MatcherConfig } from './matcher.js';
import { SnapshotRefusedError } from './snapshot-codec.js';

/** The FAQ as the bot uses it: matching and answers, kept in step with the store. */
export interface LiveFaq {
  match(text: string): Promise<FaqMatch>;
  entry(id: string): Promise<FaqEntry | undefined>;
  /** Forget the version check, so the next call sees a write this process just made. */
  invalidate(): void;
  /** Builds the live FAQ now and stores its snapshot: call it after writing to the FAQ store. */
  publish(): Promise<void>;
}

interface Options {
  matcher?: Partial<MatcherConfig>;
  /** Where built indexes are kept for other processes; without it every process builds its own. */
  snapshots?: FaqSnapshotStore;
  checkEveryMs?: number;
  clock?: () => number;
  log?: (message: string) => void;
}

/**
 * Loads the live FAQ version's snapshot, or builds the index and stores the snapshot when there is none or
 * the stored one is refused (damaged, stale, another format); reloads only when the store's version changes.
 * The version is read at most every `checkEveryMs`, so a warm process costs no extra read per message; other
 * processes see a change within that interval.
 */
export function createLiveFaq(store: FaqStore, options: Options = {}): LiveFaq {
  const { checkEveryMs = 5000, clock = Date.now, log = console.log } = options;
  let current: LoadedFaq | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<LoadedFaq> | undefined;

  async function load(version: number): Promise<LoadedFaq> {
    // A snapshot that cannot be read costs this process a build, never an answer.
    const stored = await options.snapshots
      ?.read(snapshotFingerprint(options.matcher ?? {}), version)
      .catch((error: Error) => void log(`FAQ snapshot of version ${version} unreadable: ${error.message}`));
    if (stored?.bytes) {
      try {
        return loadFaqSnapshot(stored.bytes, version, options.matcher);
      } catch (error) {
        if (!(error instanceof SnapshotRefusedError)) throw error;
        log(`FAQ snapshot of version ${version} refused (${error.message}); rebuilding it`);
      }
    }
    return publishFaqSnapshot(store, options.snapshots, options.matcher, { replacing: stored?.writer, log });
  }

  async function fresh(): Promise<LoadedFaq> {
    if (current && clock() - checkedAt < checkEveryMs) return current;
    const version = await store.version();
    checkedAt = clock();
    if (current?.version === version) return current;
    // Concurrent callers share one load instead of each building an index.
    loading ??= load(version).finally(() => (loading = undefined));
    current = await loading;
    return current;
  }

  return {
    match: async (text) => (await fresh()).index.match(text),
    entry: async (id) => (await fresh()).entry(id),
    invalidate: () => (checkedAt = Number.NEGATIVE_INFINITY),
    async publish() {
      current = await publishFaqSnapshot(store, options.snapshots, options.matcher, { log });
      checkedAt = clock();
    },
  };
}

/**
 * Builds the live FAQ's index and stores its snapshot (unless another process stored one first): what an
 * import or an edit calls so that no cold start has to build. A failed write only costs other processes a build.
 */
export async function publishFaqSnapshot(
  store: FaqStore,
  snapshots: FaqSnapshotStore | undefined,
  matcher: Partial<MatcherConfig> = {},
  { replacing, log = console.log }: { replacing?: string; log?: (message: string) => void } = {},
): Promise<LoadedFaq> {
  const { version, entries } = await store.snapshot();
  const { loaded, bytes } = buildFaqSnapshot(version, entries, matcher);
  try {
    await snapshots?.write(snapshotFingerprint(matcher), version, bytes, replacing);
  } catch (error) {
    log(`FAQ snapshot of version ${version} not stored: ${(error as Error).message}`);
  }
  return loaded;
}
