import { createHash } from 'node:crypto';
import type { FaqEntry } from './entry.js';
import { analyzeFaq, type FaqAnalysis } from './faq-analysis.js';
import { indexDataFrom } from './faq-index.js';
import { type FaqIndex, faqIndexFrom, type MatcherConfig, measureTypical, synonymsOf } from './matcher.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  type Sections,
  SNAPSHOT_FORMAT,
  SnapshotRefusedError,
} from './snapshot-codec.js';
import { createSynonymRewriter } from './synonyms.js';

/** One FAQ version ready to answer: its index and its entries, from a fresh build or a snapshot. */
export interface LoadedFaq {
  version: number;
  index: FaqIndex;
  entry(id: string): FaqEntry | undefined;
}

/**
 * What a snapshot depends on besides the FAQ: the snapshot format and the synonym groups (the analysis
 * rewrites with them). Processes configured differently keep different snapshots of one FAQ version. A change
 * to how phrasings are analyzed must bump SNAPSHOT_FORMAT, which retires every stored snapshot.
 */
export function snapshotFingerprint(config: Partial<MatcherConfig>): string {
  const basis = JSON.stringify({ format: SNAPSHOT_FORMAT, synonyms: synonymsOf(config) });
  return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}

/** Builds one FAQ version's index, and its snapshot for other processes to load instead of building. */
export function buildFaqSnapshot(
  version: number,
  entries: readonly FaqEntry[],
  config: Partial<MatcherConfig> = {},
): { loaded: LoadedFaq; bytes: Uint8Array } {
  const synonyms = synonymsOf(config);
  const analysis = analyzeFaq(entries, createSynonymRewriter(synonyms));
  const data = indexDataFrom(analysis, synonyms);
  const typical = measureTypical(data, entries) ?? null;
  const texts = entries.map((entry) => JSON.stringify(entry));
  const meta = { version, fingerprint: snapshotFingerprint(config), typical };
  const { ids, terms, surfaces, surfaceStems, ...arrays } = analysis;
  const sections: Sections = { ids, terms, surfaces, surfaceStems, ...arrays, entries: texts };
  return {
    loaded: {
      version,
      index: faqIndexFrom(data, typical ?? undefined, config),
      entry: entryLookup(ids, texts),
    },
    bytes: encodeSnapshot(meta, sections),
  };
}

/**
 * Loads a snapshot of `version` made with the same configuration; throws SnapshotRefusedError when it is
 * damaged, of another format, of another FAQ version (stale) or made with other synonyms.
 */
export function loadFaqSnapshot(
  bytes: Uint8Array,
  version: number,
  config: Partial<MatcherConfig> = {},
): LoadedFaq {
  const { meta, sections } = decodeSnapshot(bytes);
  if (meta.version !== version) {
    throw new SnapshotRefusedError(`snapshot is of FAQ version ${meta.version}, not ${version}`);
  }
  if (meta.fingerprint !== snapshotFingerprint(config)) {
    throw new SnapshotRefusedError('snapshot was built with other synonyms or another format');
  }
  const analysis = {} as Record<keyof FaqAnalysis, unknown>;
  for (const [name, kind] of Object.entries(ANALYSIS_SECTIONS)) {
    const value = sections[name];
    if (!(kind === 'strings' ? Array.isArray(value) : value instanceof Int32Array)) {
      throw new SnapshotRefusedError(`snapshot lacks section ${name}`);
    }
    analysis[name as keyof FaqAnalysis] = value;
  }
  const texts = sections.entries;
  if (!Array.isArray(texts) || texts.length !== (analysis.ids as string[]).length) {
    throw new SnapshotRefusedError('snapshot entries do not match its index');
  }
  const data = indexDataFrom(analysis as unknown as FaqAnalysis, synonymsOf(config));
  const typical = typeof meta.typical === 'number' ? meta.typical : undefined;
  return { version, index: faqIndexFrom(data, typical, config), entry: entryLookup(data.ids, texts) };
}

const ANALYSIS_SECTIONS: Record<keyof FaqAnalysis, 'strings' | 'i32'> = {
  ids: 'strings',
  terms: 'strings',
  surfaces: 'strings',
  surfaceStems: 'strings',
  phrasingGroup: 'i32',
  groupEntry: 'i32',
  entryFrequency: 'i32',
  phrasingStarts: 'i32',
  occurrenceTerms: 'i32',
  occurrenceCounts: 'i32',
  surfaceCounts: 'i32',
};

// Entries stay JSON text until asked for: a message needs one answer, not 20,000 parsed objects.
function entryLookup(ids: readonly string[], texts: readonly string[]): (id: string) => FaqEntry | undefined {
  const at = new Map(ids.map((id, k) => [id, k]));
  const parsed = new Map<string, FaqEntry>();
  return (id) => {
    const k = at.get(id);
    if (k === undefined) return undefined;
    let entry = parsed.get(id);
    if (!entry) parsed.set(id, (entry = JSON.parse(texts[k]!) as FaqEntry));
    return entry;
  };
}
