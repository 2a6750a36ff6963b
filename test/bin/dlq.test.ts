import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from '../../functions/local/embedded.js';

// `dlq` as users run it, on the embedded store of a data dir with no server running (the CLI opens it itself).
const tsx = join('node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-dlq-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['bin/frontdesk.ts', ...args],
      { env: { ...process.env, FRONTDESK_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs `use` against the data dir's embedded queues, then closes them again. */
async function withQueues<T>(
  use: (sqs: SQSClient, queues: Awaited<ReturnType<typeof startEmbedded>>['queues']) => Promise<T>,
) {
  const embedded = await startEmbedded(dataDir, 'frontdesk');
  const sqs = new SQSClient({ endpoint: embedded.sqsEndpoint, region: 'us-east-1', credentials });
  try {
    return await use(sqs, embedded.queues);
  } finally {
    sqs.destroy();
    await embedded.stop();
  }
}

describe('frontdesk dlq', () => {
  it('lists the dead letters and redrives them to their queue', async () => {
    await withQueues((sqs, queues) =>
      sqs.send(new SendMessageCommand({ QueueUrl: queues.dlq.outbound, MessageBody: '{"reply":"lost?"}' })),
    );
    const listed = await cli(['dlq', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/outbound: 1 dead letter\n/);
    expect(listed.stdout).toContain('{"reply":"lost?"}');
    expect(listed.stdout).toMatch(/inbound: 0 dead letters/);

    const redriven = await cli(['dlq', 'redrive', '--queue', 'outbound']);
    expect(redriven.stdout).toMatch(/outbound: 1 redriven/);
    expect((await cli(['dlq', 'list'])).stdout).toMatch(/outbound: 0 dead letters/);
    const bodies = await withQueues(async (sqs, queues) => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queues.outbound, WaitTimeSeconds: 1 }),
      );
      return Messages.map((m) => m.Body);
    });
    expect(bodies).toEqual(['{"reply":"lost?"}']);
  }, 120_000);

  it('refuses a queue that does not exist', async () => {
    const { code, stderr } = await cli(['dlq', 'redrive', '--queue', 'nope']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/the queues are inbound, tickets, outbound/);
  });
});
