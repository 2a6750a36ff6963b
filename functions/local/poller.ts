import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { SqsWorker } from '../workers/batch.js';

/** Batches handled at once per queue: one slow batch (a hanging platform call) does not hold up the queue. */
const CONCURRENT_BATCHES = 4;

/**
 * Feeds a queue to a worker the way Lambda's event source mapping does: batches of up to 10 in Lambda's SQS event
 * shape, several batches at once, failed records left on the queue (the worker has set when they come back; after
 * the queue's maxReceiveCount they go to the DLQ).
 */
export function startPoller(
  client: SQSClient,
  queueUrl: string,
  worker: SqsWorker,
  options: { visibilityTimeout: number; concurrency?: number },
) {
  let running = true;
  const busy = new Set<Promise<void>>();
  const logError = (error: unknown) =>
    console.error(JSON.stringify({ level: 'error', msg: 'poller', queueUrl, error: String(error) }));

  const handle = async (messages: Message[]) => {
    const { batchItemFailures } = await worker(lambdaEvent(messages, queueUrl));
    const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length === 0) return;
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  };

  const loop = (async () => {
    while (running) {
      if (busy.size >= (options.concurrency ?? CONCURRENT_BATCHES)) {
        await Promise.race(busy);
        continue;
      }
      try {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            VisibilityTimeout: options.visibilityTimeout,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) continue;
        const batch: Promise<void> = handle(Messages)
          .catch(logError)
          .finally(() => busy.delete(batch));
        busy.add(batch);
      } catch (error) {
        if (!running) break;
        logError(error);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    await Promise.all(busy);
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

function lambdaEvent(messages: Message[], queueUrl: string): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? '',
      attributes: m.Attributes as SQSEvent['Records'][number]['attributes'],
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueUrl,
      awsRegion: 'local',
    })),
  };
}
