import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  copyRuntimeFiles,
  esbuildOptions,
  FUNCTIONS,
  type FunctionName,
  PROJECT_ROOT,
  RUNTIME_NODE_OPTIONS,
} from '../lib/bundle-options.js';

// Lambda bundle budgets: each function built exactly as the stack builds it (lib/bundle-options.ts), its size,
// and its module-init time: importing the bundle in a fresh Node process, as a cold start does.
const API_MAX_BYTES = 1.5 * 1024 * 1024;
// Issue 12's goal, with margin left for a busy machine.
const API_MAX_INIT_MS = 120;
// Replies to Teams are the botframework function's, so delivery carries no botbuilder (issue 12: it was 3.3 MB).
const DELIVERY_MAX_BYTES = 1.2 * 1024 * 1024;
const INIT_RUNS = 7;
const HEAVY = /node_modules\/(botbuilder[^/]*|botframework-[^/]+|wechaty[^/]*)\//;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Milliseconds to import the bundle in a fresh process with the function's NODE_OPTIONS and no AWS settings:
 * wall time, and CPU time, which a busy machine inflates less.
 */
function init(file: string): { wall: number; cpu: number } {
  const script =
    `const cpu = process.cpuUsage(), t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)});` +
    'const used = process.cpuUsage(cpu); console.log(performance.now() - t, (used.user + used.system) / 1000);';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  const [wall, cpu] = out.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: wall!, cpu: cpu! };
}

/** The bytes each package contributes to a bundle, largest first. */
function packages(metafile: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(frontdesk)';
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** Prints each function's bundle size and init time, and checks the api function against its budget. */
export async function run(): Promise<void> {
  console.log(
    `\nLambda bundles (esbuild, minified ESM, node22; init: ${INIT_RUNS} imports, each in a fresh process)\n`,
  );
  console.log(
    '| function | index.mjs | source map | runtime files | init median (ms) | init min (ms) | init CPU (ms) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const results: Partial<Record<FunctionName, { bytes: number; init: number; metafile: Metafile }>> = {};
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const dir = mkdtempSync(join(tmpdir(), `frontdesk-bench-${name}-`));
    const { metafile } = await build(esbuildOptions(name, dir));
    copyRuntimeFiles(name, dir);
    const file = join(dir, 'index.mjs');
    init(file); // untimed, so every timed import finds the files in the OS cache alike
    const runs = Array.from({ length: INIT_RUNS }, () => init(file));
    const wall = median(runs.map((r) => r.wall));
    const bytes = statSync(file).size;
    const extra = FUNCTIONS[name].files.reduce((sum, f) => sum + statSync(join(dir, f.to)).size, 0);
    results[name] = { bytes, init: wall, metafile: metafile! };
    const cells = [name, kb(bytes), kb(statSync(`${file}.map`).size), kb(extra), wall.toFixed(0)];
    cells.push(Math.min(...runs.map((r) => r.wall)).toFixed(0), median(runs.map((r) => r.cpu)).toFixed(0));
    console.log(`| ${cells.join(' | ')} |`);
    rmSync(dir, { recursive: true, force: true });
  }

  // The peer, measured in the same run: a bare Hono + DynamoDB function bundled alike.
  const peerDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-peer-'));
  await build({
    ...esbuildOptions('api', peerDir),
    entryPoints: [join(PROJECT_ROOT, 'bench', 'bare-api-entry.ts')],
    metafile: false,
  });
  const peerFile = join(peerDir, 'index.mjs');
  init(peerFile);
  const peerRuns = Array.from({ length: INIT_RUNS }, () => init(peerFile));
  const peerCells = ['peer: bare Hono + DynamoDB document client', kb(statSync(peerFile).size)];
  peerCells.push(kb(statSync(`${peerFile}.map`).size), '0 KB');
  peerCells.push(median(peerRuns.map((r) => r.wall)).toFixed(0));
  peerCells.push(Math.min(...peerRuns.map((r) => r.wall)).toFixed(0));
  peerCells.push(median(peerRuns.map((r) => r.cpu)).toFixed(0));
  console.log(`| ${peerCells.join(' | ')} |`);
  rmSync(peerDir, { recursive: true, force: true });

  const api = results.api!;
  const heavy = Object.keys(api.metafile.inputs).filter((path) => HEAVY.test(path));
  const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
  console.log(
    `\napi bundle: ${kb(api.bytes)} of ${kb(API_MAX_BYTES)}: ${verdict(api.bytes <= API_MAX_BYTES)}`,
  );
  console.log(
    `api init: ${api.init.toFixed(0)} ms of ${API_MAX_INIT_MS} ms: ${verdict(api.init <= API_MAX_INIT_MS)}`,
  );
  console.log(`botbuilder / wechaty in the api bundle: ${heavy.length === 0 ? 'none' : heavy.join(', ')}`);
  const delivery = results.delivery!;
  const deliveryHeavy = Object.keys(delivery.metafile.inputs).filter((path) => HEAVY.test(path));
  console.log(
    `delivery bundle: ${kb(delivery.bytes)} of ${kb(DELIVERY_MAX_BYTES)}: ${verdict(delivery.bytes <= DELIVERY_MAX_BYTES)}; ` +
      `botbuilder / wechaty in it: ${deliveryHeavy.length === 0 ? 'none' : deliveryHeavy.join(', ')}`,
  );
  const top = packages(api.metafile).slice(0, 6);
  console.log(
    `largest parts of the api bundle: ${top.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}`,
  );
}
