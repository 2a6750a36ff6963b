import type { FaqEntry } from './entry.js';
import type { FaqStore } from './faq-store.js';
import { createFaqIndex, type FaqMatch, type MatcherConfig } from './matcher.js';

/** The FAQ as the bot uses it: matching and answers, kept in step with the store. */
export interface LiveFaq {
  match(text: string): Promise<FaqMatch>;
  entry(id: string): Promise<FaqEntry | undefined>;
  /** Forget the version check, so the next call sees a write this process just made. */
  invalidate(): void;
}

/**
 * Builds the index once and rebuilds it only when the store's version changes. The version is read at most
 * every `checkEveryMs`, so a warm process costs no extra read per message; other processes see a change
 * within that interval.
 */
export function createLiveFaq(
  store: FaqStore,
  options: { matcher?: Partial<MatcherConfig>; checkEveryMs?: number; clock?: () => number } = {},
): LiveFaq {
  const { checkEveryMs = 5000, clock = Date.now } = options;
  type Built = { version: number; match: (text: string) => FaqMatch; entries: Map<string, FaqEntry> };
  let current: Built | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let building: Promise<Built> | undefined;

  async function build(): Promise<Built> {
    const { version, entries } = await store.snapshot();
    const index = createFaqIndex(entries, options.matcher);
    return { version, match: (text) => index.match(text), entries: new Map(entries.map((e) => [e.id, e])) };
  }

  async function fresh(): Promise<Built> {
    if (current && clock() - checkedAt < checkEveryMs) return current;
    const version = await store.version();
    checkedAt = clock();
    if (current?.version === version) return current;
    // Concurrent callers share one rebuild instead of each building an index.
    building ??= build().finally(() => (building = undefined));
    current = await building;
    return current;
  }

  return {
    match: async (text) => (await fresh()).match(text),
    entry: async (id) => (await fresh()).entries.get(id),
    invalidate: () => (checkedAt = Number.NEGATIVE_INFINITY),
  };
}
