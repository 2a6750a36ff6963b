import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { build } from 'esbuild';
import { createDb } from '../functions/core/db.js';
import { buildFaqSnapshot, snapshotFingerprint } from '../functions/core/faq/faq-snapshot.js';
import { createFaqSnapshotStore } from '../functions/core/faq/faq-snapshot-store.js';
import { ensureTable } from '../functions/core/table.js';
import { copyRuntimeFiles, esbuildOptions, PROJECT_ROOT } from '../lib/bundle-options.js';
import { synthesizeFaq } from './faq-synth.js';
import { quantile } from './stats.js';

// Cold start with a stored snapshot: a fresh Node process imports a bundle (esbuild, as the stack bundles), reads
// the live version's snapshot from DynamoDB (dynalite here), loads it and answers one question.

const SIZES = [1000, 20000];
const RUNS = 3;
const execFileAsync = promisify(execFile);

/** Prints cold-start times at 1,000 and 20,000 entries. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-cold-'));
  const bundle = join(dir, 'cold.mjs');
  // The api function's esbuild options and runtime files (jieba's WebAssembly), with this entry point.
  await build({
    ...esbuildOptions('api', dir),
    entryPoints: [join(PROJECT_ROOT, 'bench', 'cold-start-entry.ts')],
    outfile: bundle,
    metafile: false,
  });
  copyRuntimeFiles('api', dir);
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

  console.log(
    '\n## Cold start with a stored snapshot (fresh Node process: bundle, snapshot load, first answer)\n',
  );
  console.log('| entries | snapshot (KB) | module init (ms) | first answer after process start (ms) |');
  console.log('|---|---|---|---|');
  for (const size of SIZES) {
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
    const table = `cold-${size}`;
    await ensureTable(client, table);
    // The store is empty (version 0); its snapshot is what a cold start reads, so only the snapshot is written.
    const { bytes } = buildFaqSnapshot(0, synthesizeFaq(size));
    await createFaqSnapshotStore(createDb(client, table)).write(snapshotFingerprint({}), 0, bytes);
    client.destroy();
    // Sequential runs, awaited: dynalite serves from this process, so it must not block while a child runs.
    const runs: { initMs: number; totalMs: number }[] = [];
    for (let k = 0; k < RUNS; k++) {
      const { stdout } = await execFileAsync(process.execPath, [bundle], {
        env: {
          PATH: process.env.PATH,
          DYNAMODB_ENDPOINT: endpoint,
          FRONTDESK_TABLE: table,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        encoding: 'utf8',
      });
      const run = JSON.parse(stdout.trim().split('\n').pop()!);
      if (!run.answered) throw new Error(`the cold start at ${size} entries did not answer`);
      runs.push(run);
    }
    const cells = [size, (bytes.length / 1024).toFixed(0)];
    cells.push(
      quantile(
        runs.map((r) => r.initMs),
        0.5,
      ).toFixed(0),
    );
    cells.push(
      quantile(
        runs.map((r) => r.totalMs),
        0.5,
      ).toFixed(0),
    );
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log(
    `\n(median of ${RUNS} runs; goals ≤ 300 ms at 1,000 entries, ≤ 1,000 ms at 20,000. The first answer includes ` +
      "compiling jieba's WebAssembly, which the synonym rewriter loads on the first question)",
  );
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
