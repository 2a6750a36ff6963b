import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createFaqIndex, DEFAULT_MATCHER_CONFIG } from '../functions/core/faq/matcher.js';

// Scores the FAQ matcher on every labelled set in the eval folder (default: ../shared/eval-dev next to the
// repo; pass another folder as the first argument), or only the sets named with --set (repeatable), which is
// what to run while iterating on a shared machine. The data is read in place and never copied here.

interface Query {
  text: string;
  expect: string | null;
}

interface Counts {
  queries: number;
  inScope: number;
  top1: number;
  noMatchTruth: number;
  noMatchPredicted: number;
  noMatchHits: number;
  correct: number;
  answered: number;
  answeredRight: number;
}

// The speed set has no meaningful labels.
const SKIP = new Set(['perf1000']);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs({ allowPositionals: true, options: { set: { type: 'string', multiple: true } } });
const root = resolve(args.positionals[0] ?? join(repoRoot, '..', 'shared', 'eval-dev'));
const only = args.values.set;

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

const emptyCounts = (): Counts => ({
  queries: 0,
  inScope: 0,
  top1: 0,
  noMatchTruth: 0,
  noMatchPredicted: 0,
  noMatchHits: 0,
  correct: 0,
  answered: 0,
  answeredRight: 0,
});

function score(folder: string): Counts[] {
  const faq = readJsonl<{ id: string; questions: string[] }>(join(folder, 'faq.jsonl'));
  const queries = readJsonl<Query>(join(folder, 'queries.jsonl'));
  const index = createFaqIndex(faq);
  // All queries, then the odd and the even lines: two halves show whether a result is robust or luck.
  const totals = [emptyCounts(), emptyCounts(), emptyCounts()];
  queries.forEach((query, line) => {
    const match = index.match(query.text);
    const predicted = match.band === 'answer' ? (match.best?.id ?? null) : null;
    for (const counts of [totals[0]!, totals[1 + (line % 2)]!]) {
      counts.queries++;
      if (query.expect !== null) counts.inScope++;
      if (query.expect !== null && match.best?.id === query.expect) counts.top1++;
      if (query.expect === null) counts.noMatchTruth++;
      if (predicted === null) counts.noMatchPredicted++;
      if (predicted === null && query.expect === null) counts.noMatchHits++;
      if (predicted === query.expect) counts.correct++;
      if (predicted !== null) counts.answered++;
      if (predicted !== null && predicted === query.expect) counts.answeredRight++;
    }
  });
  return totals;
}

const ratio = (part: number, whole: number) => (whole === 0 ? '–' : (part / whole).toFixed(3));

if (!existsSync(root)) {
  console.error(`No eval folder at ${root}; pass its path as the first argument.`);
  process.exit(1);
}
const sets = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SKIP.has(entry.name))
  .filter((entry) => only === undefined || only.includes(entry.name))
  .map((entry) => entry.name)
  .filter(
    (name) => existsSync(join(root, name, 'faq.jsonl')) && existsSync(join(root, name, 'queries.jsonl')),
  )
  .sort();
const missing = (only ?? []).filter((name) => !sets.includes(name));
if (missing.length > 0) {
  console.error(`No such set in ${root}: ${missing.join(', ')}`);
  process.exit(1);
}

const { answerThreshold, suggestThreshold } = DEFAULT_MATCHER_CONFIG;
console.log(`FAQ matcher on ${root} (answer ≥ ${answerThreshold}, suggest ≥ ${suggestThreshold})\n`);
console.log(
  '| set | queries (in / out) | in-scope top-1 | no-match P | no-match R | overall | halves | answer P |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const set of sets) {
  const [all, odd, even] = score(join(root, set)) as [Counts, Counts, Counts];
  const cells = [
    set,
    `${all.queries} (${all.inScope} / ${all.noMatchTruth})`,
    ratio(all.top1, all.inScope),
    ratio(all.noMatchHits, all.noMatchPredicted),
    ratio(all.noMatchHits, all.noMatchTruth),
    ratio(all.correct, all.queries),
    `${ratio(odd.correct, odd.queries)} / ${ratio(even.correct, even.queries)}`,
    ratio(all.answeredRight, all.answered),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
console.log(`
- in-scope top-1: share of answerable queries whose best entry is the right one, whatever the band.
- no-match P / R: of the queries left unanswered, the share that truly had no answer / of the queries with
  no answer, the share left unanswered.
- overall: predicted = best entry in band "answer", else none; share of queries where that equals the label.
- halves: overall on the odd and on the even lines, a check that a result is not luck of the draw.
- answer P: of the answers given, the share that were right.`);
