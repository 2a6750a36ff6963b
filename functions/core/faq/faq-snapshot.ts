import { createHash } from 'node:crypto';
import type { FaqEntry } from './entry.js';
import { buildIndex, indexDataFrom } from './faq-index.js';
import type { IndexParts } from './index-parts.js';
import { type FaqIndex, faqIndexFrom, type MatcherConfig, synonymsOf } from './matcher.js';
import { trainRanker } from './ranker.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  type Sections,
  SNAPSHOT_FORMAT,
  SnapshotRefusedError,
} from './snapshot-codec.js';

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
  const built = buildIndex(entries, synonymsOf(config));
  const { data, parts } = built;
  const typical = built.typical ?? null;
  const ranker = trainRanker(data);
  const meta = { version, fingerprint: snapshotFingerprint(config), typical };
  const texts = entries.map((entry) => JSON.stringify(entry));
  const text = new TextEncoder().encode(texts.join(''));
  const ends = new Int32Array(entries.length);
  texts.reduce((end, json, k) => (ends[k] = end + Buffer.byteLength(json)), 0);
  const bytes = encodeSnapshot(meta, {
    ...packParts(parts),
    ...(ranker && { rankerWeights: ranker.weights, rankerBias: ranker.bias }),
    entryText: text,
    entryEnds: ends,
  });
  return {
    loaded: {
      version,
      index: faqIndexFrom(data, typical ?? undefined, config, ranker),
      entry: entryLookup(parts.ids, text, ends),
    },
    bytes,
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
  const parts = unpackParts(sections);
  const { entryText, entryEnds } = sections;
  if (!(entryText instanceof Uint8Array) || !(entryEnds instanceof Int32Array)) {
    throw new SnapshotRefusedError('snapshot lacks its entries');
  }
  const data = indexDataFrom(parts, synonymsOf(config));
  const typical = typeof meta.typical === 'number' ? meta.typical : undefined;
  const { rankerWeights: weights, rankerBias: bias } = sections;
  // The ranker is optional (ranker.ts skips FAQs it cannot train well), but never half there.
  const ranker =
    weights instanceof Float64Array && bias instanceof Float64Array ? { weights, bias } : undefined;
  if (!ranker && (weights || bias)) throw new SnapshotRefusedError('snapshot has half a ranker');
  return {
    version,
    index: faqIndexFrom(data, typical, config, ranker),
    entry: entryLookup(parts.ids, entryText, entryEnds),
  };
}

const STRINGS = ['ids', 'terms', 'compounds', 'surfaces', 'surfaceStems'] as const;
const INTS = [
  'phrasingGroup',
  'groupEntry',
  'entryFrequency',
  'compoundEntry',
  'postingStarts',
  'surfaceCounts',
] as const;
const FLOATS = ['phrasingNorms', 'centroidNorms'] as const;

// Postings are stored as gaps between a term's ascending phrasings and counts as bytes (counts above 255 force
// full-width counts), both small numbers that deflate well.
function packParts(parts: IndexParts): Sections {
  const gaps = new Int32Array(parts.postingDocs.length);
  for (let t = 0; t + 1 < parts.postingStarts.length; t++) {
    let previous = 0;
    for (let i = parts.postingStarts[t]!; i < parts.postingStarts[t + 1]!; i++) {
      gaps[i] = parts.postingDocs[i]! - previous;
      previous = parts.postingDocs[i]!;
    }
  }
  const wide = parts.postingCounts.some((count) => count > 255);
  const sections: Sections = { postingGaps: gaps };
  sections[wide ? 'postingCountsWide' : 'postingCounts'] = wide
    ? parts.postingCounts
    : Uint8Array.from(parts.postingCounts);
  for (const name of [...STRINGS, ...INTS, ...FLOATS]) sections[name] = parts[name];
  return sections;
}

function unpackParts(sections: Sections): IndexParts {
  const parts: Record<string, unknown> = {};
  const want = (names: readonly string[], is: (value: unknown) => boolean) => {
    for (const name of names) {
      if (!is(sections[name])) throw new SnapshotRefusedError(`snapshot lacks section ${name}`);
      parts[name] = sections[name];
    }
  };
  want(STRINGS, Array.isArray);
  want(INTS, (value) => value instanceof Int32Array);
  want(FLOATS, (value) => value instanceof Float64Array);
  const gaps = sections.postingGaps;
  const counts = sections.postingCountsWide ?? sections.postingCounts;
  const starts = parts.postingStarts as Int32Array;
  const typed = counts instanceof Int32Array || counts instanceof Uint8Array;
  if (!(gaps instanceof Int32Array) || !typed || counts.length !== gaps.length) {
    throw new SnapshotRefusedError('snapshot lacks its postings');
  }
  const docs = new Int32Array(gaps.length);
  for (let t = 0; t + 1 < starts.length; t++) {
    let doc = 0;
    for (let i = starts[t]!; i < starts[t + 1]!; i++) docs[i] = doc += gaps[i]!;
  }
  parts.postingDocs = docs;
  parts.postingCounts = counts;
  return parts as unknown as IndexParts;
}

// Entries stay UTF-8 until asked for: a message needs one answer, not 20,000 parsed objects.
function entryLookup(
  ids: readonly string[],
  text: Uint8Array,
  ends: Int32Array,
): (id: string) => FaqEntry | undefined {
  const at = new Map(ids.map((id, k) => [id, k]));
  const decoder = new TextDecoder();
  return (id) => {
    const k = at.get(id);
    if (k === undefined) return undefined;
    return JSON.parse(decoder.decode(text.subarray(k === 0 ? 0 : ends[k - 1], ends[k]))) as FaqEntry;
  };
}
