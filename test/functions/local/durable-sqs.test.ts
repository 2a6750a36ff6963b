import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE } from '../../../functions/workers/retry-schedule.js';

const CHILD = resolve(import.meta.dirname, '../../support/embedded-child.ts');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

interface Started {
  child: ChildProcess;
  sqs: SQSClient;
  queues: { inbound: string; outbound: string; dlq: Record<string, string> };
}
const children: ChildProcess[] = [];

/** Starts the embedded store in a child process on `dir` and waits for the line that says where it listens. */
async function start(dir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', (code) => fail(new Error(`embedded store exited (${code})`)));
  });
  const { sqsEndpoint, queues } = JSON.parse(line);
  return { child, queues, sqs: new SQSClient({ endpoint: sqsEndpoint, region: 'us-east-1', credentials }) };
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

async function receiveAll(sqs: SQSClient, queueUrl: string, expected: number): Promise<Message[]> {
  const got: Message[] = [];
  for (let i = 0; i < 10 && got.length < expected; i++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    got.push(...Messages);
  }
  return got;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('the embedded SQS after kill -9', () => {
  it('keeps ready, in-flight and dead-lettered messages, with their receive counts, and forgets deleted ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-durable-'));
    const first = await start(dir);
    const send = (queueUrl: string, body: string) =>
      first.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    await send(first.queues.inbound, 'in flight');
    const [inFlight] = await receiveAll(first.sqs, first.queues.inbound, 1);
    await send(first.queues.inbound, 'ready');
    await send(first.queues.inbound, 'done');
    await send(first.queues.outbound, 'poison');
    const done = (await receiveAll(first.sqs, first.queues.inbound, 2)).find((m) => m.Body === 'done')!;
    await first.sqs.send(
      new DeleteMessageCommand({ QueueUrl: first.queues.inbound, ReceiptHandle: done.ReceiptHandle }),
    );
    // The poison message is received maxReceiveCount times; the next receive moves it to the DLQ.
    for (let attempt = 0; attempt < RETRY_SCHEDULE.maxReceiveCount; attempt++) {
      const [poison] = await receiveAll(first.sqs, first.queues.outbound, 1);
      await first.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: first.queues.outbound,
          ReceiptHandle: poison!.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    await kill9(first.child);

    const second = await start(dir);
    const inbound = await receiveAll(second.sqs, second.queues.inbound, 2);
    expect(inbound.map((m) => m.Body).sort()).toEqual(['in flight', 'ready']);
    const counts = Object.fromEntries(inbound.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount]));
    expect(counts).toEqual({ 'in flight': '2', ready: '2' });
    expect(inbound.find((m) => m.Body === 'in flight')?.MessageId).toBe(inFlight!.MessageId);
    expect(await receiveAll(second.sqs, second.queues.outbound, 1)).toEqual([]);
    const dead = await receiveAll(second.sqs, second.queues.dlq.outbound!, 1);
    expect(dead.map((m) => m.Body)).toEqual(['poison']);
    expect(statSync(join(dir, 'queues')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'queues', 'journal.jsonl')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('keeps a backing-off message hidden until its visibility deadline, while one merely in flight is due at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-durable-'));
    const first = await start(dir);
    const queueUrl = first.queues.outbound;
    for (const body of ['backing off', 'in flight'])
      await first.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    const received = await receiveAll(first.sqs, queueUrl, 2);
    const failed = received.find((m) => m.Body === 'backing off')!;
    // The worker's back-off after a failed attempt (functions/workers/retry.ts).
    await first.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: failed.ReceiptHandle,
        VisibilityTimeout: 15,
      }),
    );
    await kill9(first.child);

    const second = await start(dir);
    const due = await receiveAll(second.sqs, second.queues.outbound, 1);
    expect(due.map((m) => m.Body)).toEqual(['in flight']);
    let later: Message[] = [];
    for (let i = 0; i < 3 && later.length === 0; i++)
      later = await receiveAll(second.sqs, second.queues.outbound, 1);
    expect(later.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['backing off', '2']]);
  }, 60_000);
});
