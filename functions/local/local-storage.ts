import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDb, type Db } from '../core/db.js';
import { ensureTable } from '../core/table.js';
import { secureDataDir } from './data-dir.js';
import type { EmbeddedQueues } from './embedded.js';

const RUNTIME_FILE = 'runtime.json';

/** Where a running local server's stand-ins listen: DynamoDB, SQS, and the queues' URLs. */
export interface RuntimeEndpoints {
  dynamoEndpoint: string;
  sqsEndpoint?: string;
  queues?: EmbeddedQueues;
}

/** Tells other processes (the CLI) where a running local server's stand-ins listen. */
export function announceRuntime(dataDir: string, endpoints: RuntimeEndpoints): () => void {
  const file = join(dataDir, RUNTIME_FILE);
  const { dynamoEndpoint, sqsEndpoint, queues } = endpoints;
  writeFileSync(file, JSON.stringify({ pid: process.pid, dynamoEndpoint, sqsEndpoint, queues }), {
    mode: 0o600,
  });
  return () => rmSync(file, { force: true });
}

/** The running local server's endpoints, if one runs on this data dir. */
export function runningServer(dataDir: string): (RuntimeEndpoints & { pid: number }) | undefined {
  const file = join(dataDir, RUNTIME_FILE);
  const running = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  return running && alive(running.pid) ? running : undefined;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The table the CLI works on. With FRONTDESK_STORAGE=aws: the configured table (AWS, or DYNAMODB_ENDPOINT).
 * Otherwise the embedded store in the data dir: through the running `npm start` if there is one (the store's files
 * can be open in one process only), else by opening the files for the length of the command.
 */
export async function openStorage(env: NodeJS.ProcessEnv): Promise<{ db: Db; close: () => Promise<void> }> {
  const table = env.FRONTDESK_TABLE ?? 'frontdesk';
  const region = env.AWS_REGION ?? 'us-east-1';
  if (env.FRONTDESK_STORAGE === 'aws') {
    const client = new DynamoDBClient(
      env.DYNAMODB_ENDPOINT ? { region, endpoint: env.DYNAMODB_ENDPOINT } : { region },
    );
    return { db: createDb(client, table), close: async () => client.destroy() };
  }
  const dataDir = resolve(env.FRONTDESK_DATA_DIR ?? '.frontdesk');
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const running = runningServer(dataDir);
  if (running) {
    const client = new DynamoDBClient({ region, credentials, endpoint: running.dynamoEndpoint });
    return { db: createDb(client, table), close: async () => client.destroy() };
  }
  secureDataDir(dataDir);
  const server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ region, credentials, endpoint });
  await ensureTable(client, table);
  return {
    db: createDb(client, table),
    async close() {
      client.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}
