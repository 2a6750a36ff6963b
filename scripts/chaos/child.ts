import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '../..');

/** A free loopback port, so the server keeps one address across restarts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `check` until it is true, up to `seconds`; false if it never was. */
export async function until(check: () => Promise<boolean>, seconds: number, everyMs = 250) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(everyMs);
  }
  return false;
}

/**
 * frontdesk as `npm start` runs it (`tsx bin/start.ts`, embedded storage in `dataDir`) in a child process on
 * loopback, which the fault script kills with SIGKILL and starts again on the same port and data.
 */
export function frontdeskProcess(env: Record<string, string>, dataDir: string, port: number) {
  let child: ChildProcess | undefined;
  let agentToken = '';
  const url = `http://127.0.0.1:${port}`;
  const healthy = async () => (await fetch(`${url}/health`)).ok;

  return {
    url,
    get agentToken() {
      return agentToken;
    },
    /** Starts it and waits until /health answers (up to 90 s: tsx compiles on the first start). */
    async start() {
      let out = '';
      child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin/start.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...env, PORT: String(port), FRONTDESK_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        agentToken = /demo agent token\s+(fd_\S+)/.exec(out)?.[1] ?? agentToken;
      });
      child.stderr!.on('data', () => {});
      if (!(await until(healthy, 90))) throw new Error(`frontdesk did not start:\n${out.slice(-2000)}`);
    },
    /** kill -9: no shutdown hook runs, whatever is in memory is gone. */
    async kill() {
      const dying = child;
      if (!dying || dying.exitCode !== null) return;
      const exited = new Promise((done) => dying.once('exit', done));
      dying.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => running.kill('SIGKILL'))]);
    },
    /** Where the running server's DynamoDB stand-in listens (the CLI finds it the same way). */
    dynamoEndpoint(): string {
      return JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')).dynamoEndpoint;
    },
  };
}

export type Frontdesk = ReturnType<typeof frontdeskProcess>;
