import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { createFaqIndex } from '../functions/core/faq/matcher.js';
import { quantile } from './stats.js';

// FAQ matching speed on ../shared/eval-dev/perf1000 (1,000 entries, 5,000 phrasings, 500 queries):
// index build time and per-query latency for frontdesk and two npm peers, in one run on one machine.

interface Entry {
  id: string;
  questions: string[];
  lang?: 'en' | 'zh';
}
interface Query {
  text: string;
  lang?: 'en' | 'zh';
}

// node-nlp ships no type declarations; this is the slice of NlpManager the benchmark uses.
interface NlpManager {
  addDocument(lang: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, utterance: string): Promise<{ intent: string }>;
}
type NlpManagerClass = new (options: object) => NlpManager;

interface Row {
  name: string;
  buildMs: number;
  /** A second build in the same process, once dictionaries and code are loaded (frontdesk only). */
  rebuildMs?: number;
  latencies: number[];
}

const WARMUP_ROUNDS = 2;

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'eval-dev', 'perf1000');
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

async function measure(
  name: string,
  build: () => Promise<(query: Query) => unknown>,
  queries: Query[],
): Promise<Row> {
  const started = performance.now();
  const search = await build();
  const buildMs = performance.now() - started;
  // Warm-up lets the JIT compile the hot paths before anything is timed.
  for (let round = 0; round < WARMUP_ROUNDS; round++) for (const query of queries) await search(query);
  const latencies: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    await search(query);
    latencies.push(performance.now() - start);
  }
  return { name, buildMs, latencies };
}

/** Times index build and query latency of frontdesk, node-nlp and minisearch on the perf1000 FAQ. */
export async function run(): Promise<void> {
  const entries = readJsonl<Entry>(join(folder, 'faq.jsonl'));
  const queries = readJsonl<Query>(join(folder, 'queries.jsonl'));
  const phrasings = entries.flatMap((entry) => entry.questions.map((text) => ({ entry, text })));

  // The first build also loads jieba's dictionary (a cold start's cost); the rebuild is what a FAQ update costs.
  const frontdesk = await measure(
    'frontdesk',
    async () => {
      const index = createFaqIndex(entries);
      return (query) => index.match(query.text);
    },
    queries,
  );
  const rebuildStart = performance.now();
  createFaqIndex(entries);
  const rows: Row[] = [{ ...frontdesk, rebuildMs: performance.now() - rebuildStart }];
  rows.push(
    await measure(
      'node-nlp 4.27 (NlpManager, en+zh)',
      async () => {
        const { NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: NlpManagerClass };
        const manager = new NlpManager({ languages: ['en', 'zh'], nlu: { log: false }, autoSave: false });
        for (const { entry, text } of phrasings) manager.addDocument(entry.lang ?? 'en', text, entry.id);
        await manager.train();
        return (query) => manager.process(query.lang ?? 'en', query.text);
      },
      queries,
    ),
  );
  rows.push(
    await measure(
      'minisearch 7.2 (default options)',
      async () => {
        const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
        search.addAll(phrasings.map((phrasing, id) => ({ id, text: phrasing.text })));
        return (query) => search.search(query.text);
      },
      queries,
    ),
  );

  console.log(
    `\nFAQ match speed: ${entries.length} entries, ${phrasings.length} phrasings, ${queries.length} queries`,
  );
  console.log(`(after ${WARMUP_ROUNDS} warm-up rounds; ${resolve(folder)})\n`);
  console.log('| engine | build (ms) | rebuild (ms) | query median (ms) | query p95 (ms) |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const cells = [
      row.name,
      row.buildMs.toFixed(0),
      row.rebuildMs === undefined ? '–' : row.rebuildMs.toFixed(0),
      quantile(row.latencies, 0.5).toFixed(3),
      quantile(row.latencies, 0.95).toFixed(3),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  const [ours, nlp] = rows as [Row, Row];
  console.log(
    `\nfrontdesk builds ${(nlp.buildMs / ours.buildMs).toFixed(0)}× faster than node-nlp trains ` +
      `(${(nlp.buildMs / ours.rebuildMs!).toFixed(0)}× on a rebuild); its median query takes ` +
      `${(quantile(ours.latencies, 0.5) / quantile(nlp.latencies, 0.5)).toFixed(2)}× node-nlp's.`,
  );
}
