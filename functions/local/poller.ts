import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { SqsWorker } from '../workers/batch.js';

/**
 * Feeds a queue to a worker the way Lambda's event source mapping does: batches of up to 10 in Lambda's SQS event
 * shape, failed records left on the queue (they come back after the visibility timeout, then go to the DLQ).
 */
export function startPoller(
  client: SQSClient,
  queueUrl: string,
  worker: SqsWorker,
  options: { visibilityTimeout: number },
) {
  let running = true;
  const loop = (async () => {
    while (running) {
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
        const event: SQSEvent = {
          Records: Messages.map((m) => ({
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
        const { batchItemFailures } = await worker(event);
        const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
        const done = Messages.filter((m) => !failed.has(m.MessageId!));
        if (done.length > 0) {
          await client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      } catch (error) {
        if (!running) break;
        console.error(JSON.stringify({ level: 'error', msg: 'poller', queueUrl, error: String(error) }));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
