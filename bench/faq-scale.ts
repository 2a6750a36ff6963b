import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { buildFaqSnapshot, loadFaqSnapshot } from '../functions/core/faq/faq-snapshot.js';
import { createFaqIndex } from '../functions/core/faq/matcher.js';
import { forgetSegments } from '../functions/core/faq/segment-cache.js';
import { PERF_FOLDER, readJsonl, synthesizeFaq } from './faq-synth.js';
import { quantile } from './stats.js';

// The FAQ engine at 1,000 to 20,000 entries (perf1000 repeated with varied phrasings): index build next to
// minisearch's in the same run, linearity, snapshot size and load, and query latency at the largest size. A build
// is timed as the first of its phrasings (the process keeps segmentations across builds, segment-cache.ts, which
// minisearch has no counterpart of); the rebuild after an edit, which reuses them, is printed beside it.

const SIZES = [1000, 5000, 20000];
const LOADS = 3;
// Builds of the smallest size, taking turns with minisearch's, after WARM_UP builds of another FAQ.
const ROUNDS = 9;
const WARM_UP = 3;

const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};
const median = (values: number[]) => quantile(values, 0.5);

/** Prints the scale table and the ratios the goals are stated in. */
export async function run(): Promise<void> {
  const queries = readJsonl<{ text: string }>(join(PERF_FOLDER, 'queries.jsonl')).map((q) => q.text);
  // A warm process: jieba, the Chinese converters and the stemmer loaded and the build's code compiled (which
  // takes the JIT a few builds), by builds of other phrasings (perf1000's second, varied copy).
  const other = synthesizeFaq(2 * SIZES[0]!).slice(SIZES[0]);
  for (let round = 0; round < WARM_UP; round++) createFaqIndex(other);

  type Row = { size: number; buildMs: number; bytes: number; loadMs: number; queryMs?: number };
  const rows: Row[] = [];
  let minisearchMs = 0;
  const rebuilds: number[] = [];
  for (const size of SIZES) {
    const entries = synthesizeFaq(size);
    let buildMs: number;
    if (size === SIZES[0]) {
      // Frontdesk and minisearch take turns, and each takes its median: the machine's load changes by the second.
      const phrasings = entries.flatMap((entry) => entry.questions).map((text, id) => ({ id, text }));
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        forgetSegments();
        ours.push(timed(() => createFaqIndex(entries))[1]);
        rebuilds.push(timed(() => createFaqIndex(entries))[1]);
        theirs.push(
          timed(() =>
            new MiniSearch<{ id: number; text: string }>({ fields: ['text'] }).addAll(phrasings),
          )[1],
        );
      }
      [buildMs, minisearchMs] = [median(ours), median(theirs)];
    } else {
      forgetSegments();
      buildMs = timed(() => createFaqIndex(entries))[1];
    }
    const { bytes } = buildFaqSnapshot(1, entries);
    // One loaded index at a time, as in a function: at 20,000 entries each holds about 100 MB of typed arrays.
    let index: ReturnType<typeof loadFaqSnapshot>['index'] | undefined;
    const loadTimes: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      index = undefined;
      const [loaded, took] = timed(() => loadFaqSnapshot(bytes, 1));
      loadTimes.push(took);
      index = loaded.index;
    }
    const row: Row = { size, buildMs, bytes: bytes.length, loadMs: median(loadTimes) };
    if (size === SIZES.at(-1) && index) {
      for (const query of queries) index.match(query);
      row.queryMs = median(queries.map((query) => timed(() => index.match(query))[1]));
    }
    rows.push(row);
  }

  console.log('\n## FAQ engine at scale (perf1000 repeated with varied phrasings, one process)\n');
  console.log('| entries | index build (ms) | per 1,000 entries (ms) | snapshot (KB) | snapshot load (ms) |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const cells = [row.size, row.buildMs.toFixed(0), ((row.buildMs / row.size) * 1000).toFixed(0)];
    cells.push((row.bytes / 1024).toFixed(0), row.loadMs.toFixed(0));
    console.log(`| ${cells.join(' | ')} |`);
  }
  const [small, , large] = rows as [Row, Row, Row];
  const linearity = large.buildMs / large.size / (small.buildMs / small.size);
  console.log(
    `\nbuild at ${small.size}: ${small.buildMs.toFixed(0)} ms, ${(small.buildMs / minisearchMs).toFixed(1)}× ` +
      `minisearch's ${minisearchMs.toFixed(0)} ms (goal ≤ 2×); at ${large.size}: ${large.buildMs.toFixed(0)} ms ` +
      `(goal ≤ 2000), ${linearity.toFixed(2)}× the per-entry cost at ${small.size} (1.00 = linear)`,
  );
  const rebuildMs = median(rebuilds);
  console.log(
    `rebuild at ${small.size} after an edit (segmentations kept): ${rebuildMs.toFixed(0)} ms, ` +
      `${(rebuildMs / minisearchMs).toFixed(1)}× minisearch's`,
  );
  console.log(
    `snapshot load at ${large.size}: ${large.loadMs.toFixed(0)} ms (goal ≤ 300); query median at ` +
      `${large.size}: ${large.queryMs!.toFixed(3)} ms (goal ≤ 1)`,
  );
}
