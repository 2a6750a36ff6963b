import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  copyRuntimeFiles,
  esbuildOptions,
  type FunctionName,
  RUNTIME_NODE_OPTIONS,
} from '../../../lib/bundle-options.js';
import type { Config } from '../../../functions/core/config.js';

/**
 * Builds a function with the stack's own esbuild options into a directory outside the project, so the bundle
 * cannot fall back on the project's node_modules: what runs is exactly what CDK would upload.
 */
export async function buildBundle(name: FunctionName): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `frontdesk-${name}-`));
  await build(esbuildOptions(name, dir));
  copyRuntimeFiles(name, dir);
  return dir;
}

// The child imports the bundle like Lambda's Node.js runtime does and runs its handler once per message.
const CHILD = `
const { handler } = await import(process.env.FRONTDESK_BUNDLE);
const context = {
  functionName: 'frontdesk-bundle-test', functionVersion: '$LATEST', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:frontdesk-bundle-test',
  logGroupName: 'test', logStreamName: 'test', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10000,
};
process.on('message', async ({ id, event }) => {
  try {
    process.send({ id, result: await handler(event, { ...context, awsRequestId: String(id) }) });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
`;

/** The environment that points a bundle at the same table and queues as a running test stack. */
export function storageEnv(config: Config): Record<string, string> {
  return {
    DYNAMODB_ENDPOINT: config.dynamoEndpoint!,
    SQS_ENDPOINT: config.sqsEndpoint!,
    FRONTDESK_TABLE: config.tableName,
    FRONTDESK_INBOUND_QUEUE_URL: config.inboundQueueUrl,
    FRONTDESK_TICKETS_QUEUE_URL: config.ticketsQueueUrl,
    FRONTDESK_OUTBOUND_QUEUE_URL: config.outboundQueueUrl,
    ...(config.outboundBotframeworkQueueUrl && {
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_QUEUE_URL: config.outboundBotframeworkQueueUrl,
    }),
  };
}

/** A bundle loaded in a fresh plain Node process (no tsx, no vitest), with only the environment given here. */
export interface RunningBundle {
  invoke<T = unknown>(event: unknown): Promise<T>;
  /** Everything the function wrote to stdout and stderr (Powertools' JSON logs, EMF metrics). */
  output(): string;
  /** Ends the process and deletes the bundle directory. */
  stop(): void;
}

/** Starts a bundle in a child process with a Lambda-like environment. */
export async function startBundle(dir: string, env: Record<string, string>): Promise<RunningBundle> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
      AWS_REGION: 'us-east-1',
      // The stand-ins keep one namespace per access key; frontdesk's clients use 'local' (functions/services.ts).
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...env,
      FRONTDESK_BUNDLE: pathToFileURL(join(dir, 'index.mjs')).href,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`bundle exited with ${code} before it was ready:\n${output}`)),
    );
    child.on('message', (message: { ready?: true; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve();
      const call = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.error) call?.reject(new Error(message.error));
      else call?.resolve(message.result);
    });
  });
  child.once('exit', (code) => {
    for (const call of pending.values()) call.reject(new Error(`bundle exited with ${code}:\n${output}`));
  });
  let next = 0;
  return {
    invoke: <T>(event: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, event });
      }),
    output: () => output,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
