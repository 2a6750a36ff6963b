import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { startFauxqs } from 'fauxqs';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { sqsWorker } from '../../../functions/workers/batch.js';
import { createRetry } from '../../../functions/workers/retry.js';
import {
  retryDelaySeconds,
  RETRY_SCHEDULE,
  retryWindowSeconds,
} from '../../../functions/workers/retry-schedule.js';

const Body = z.object({ to: z.string(), text: z.string() });
const record = (id: string, body: unknown, receiveCount = 1): SQSRecord =>
  ({
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount) },
  }) as unknown as SQSRecord;
const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

describe('the worker wrapper', () => {
  it('lets other conversations go ahead while one hangs, and keeps each conversation in order', async () => {
    const handled: string[] = [];
    let unblock = () => {};
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    const worker = sqsWorker(
      Body,
      async ({ to, text }) => {
        if (text === 'slow') await blocked;
        handled.push(`${to}:${text}`);
      },
      { orderKey: (body) => body.to },
    );
    const done = worker(
      event(
        record('1', { to: 'a', text: 'slow' }),
        record('2', { to: 'a', text: 'second' }),
        record('3', { to: 'b', text: 'first' }),
        record('4', { to: 'b', text: 'second' }),
      ),
    );
    await vi.waitFor(() => expect(handled).toEqual(['b:first', 'b:second']));
    unblock();
    expect(await done).toEqual({ batchItemFailures: [] });
    expect(handled).toEqual(['b:first', 'b:second', 'a:slow', 'a:second']);
  });

  it('fails the rest of a conversation after a failure, and reports each failure with its reason', async () => {
    const onFailure = vi.fn(async (_record: SQSRecord, _error: unknown) => {});
    const worker = sqsWorker(
      Body,
      async ({ text }) => {
        if (text === 'boom') throw new Error('platform answered HTTP 500');
      },
      { orderKey: (body) => body.to, onFailure },
    );
    const result = await worker(
      event(
        record('1', { to: 'a', text: 'boom' }),
        record('2', { to: 'a', text: 'after' }),
        record('3', { to: 'b', text: 'fine' }),
        record('4', { nonsense: true }),
      ),
    );
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['1', '2', '4']);
    const reasons = onFailure.mock.calls.map(([r, e]) => [r.messageId, (e as Error).name]);
    expect(reasons.sort()).toEqual([
      ['1', 'Error'],
      ['2', 'HeldBackError'],
      ['4', 'ZodError'],
    ]);
  });
});

describe('the retry schedule', () => {
  it('doubles from 30 s up to 15 min and retries for more than an hour before the DLQ', () => {
    expect([1, 2, 3, 6, 9].map((n) => retryDelaySeconds(RETRY_SCHEDULE, n))).toEqual([30, 60, 120, 900, 900]);
    expect(retryWindowSeconds(RETRY_SCHEDULE)).toBeGreaterThanOrEqual(3600);
  });

  it('hides a failed message for its back-off and logs one JSON line with the reason', async () => {
    // A fauxqs of this test's own, so the message's visibility deadline can be read back.
    const server = await startFauxqs({ port: 0, logger: false });
    const { queueUrl } = server.createQueue('backoff');
    const client = new SQSClient({
      endpoint: `http://127.0.0.1:${server.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{}' }));
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        VisibilityTimeout: 1,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const lines: string[] = [];
    const failed = createRetry({
      sqs: client,
      queueUrl,
      queue: 'outbound',
      schedule: RETRY_SCHEDULE,
      clock: () => new Date(),
      log: (line) => lines.push(line),
    });
    const [m] = Messages;
    await failed(
      { messageId: m!.MessageId!, receiptHandle: m!.ReceiptHandle!, attributes: m!.Attributes } as never,
      Object.assign(new Error('An HTTP protocol error occurred'), {
        code: 'slack_webapi_http_error',
        statusCode: 500,
      }),
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      queue: 'outbound',
      messageId: m!.MessageId,
      attempts: 1,
      retryInSeconds: 30,
      reason: 'Error: An HTTP protocol error occurred (slack_webapi_http_error, HTTP 500)',
    });
    const [inflight] = server.inspectQueue('backoff')!.messages.inflight;
    expect(inflight!.visibilityDeadline - Date.now()).toBeGreaterThan(25_000);
    client.destroy();
    await server.stop();
  });
});
