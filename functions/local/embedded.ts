import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { DEAD_LETTER_QUEUES, type QueueUrls } from '../core/dead-letters.js';
import { ensureTable } from '../core/table.js';
import { RETRY_SCHEDULE } from '../workers/retry-schedule.js';
import { startDurableSqs } from './durable-sqs.js';

/** The queues frontdesk uses, each with a dead-letter queue. */
export const QUEUE_NAMES = DEAD_LETTER_QUEUES;

/**
 * Starts the embedded data plane on 127.0.0.1 only: dynalite (DynamoDB API, data under `dataDir/dynamodb`) and
 * fauxqs (SQS API, every message journaled under `dataDir/queues`, so a kill -9 loses nothing acknowledged).
 */
export async function startEmbedded(dataDir: string, tableName: string) {
  const dynamoDir = join(dataDir, 'dynamodb');
  mkdirSync(dynamoDir, { recursive: true, mode: 0o700 });
  const dynamo = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const sqs = await startDurableSqs(dataDir);
  const dynamoEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const sqsEndpoint = sqs.endpoint;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials });
  const sqsClient = new SQSClient({ endpoint: sqsEndpoint, region: 'us-east-1', credentials });
  await ensureTable(dynamoClient, tableName);
  const queues = await createQueues(sqsClient, 'frontdesk-');
  dynamoClient.destroy();
  sqsClient.destroy();
  return {
    dynamoEndpoint,
    sqsEndpoint,
    queues,
    async stop() {
      await sqs.stop();
      await new Promise((resolve) => dynamo.close(resolve));
    },
  };
}

/** The embedded queues as the dead-letter tools name them. */
export function embeddedQueueUrls(queues: EmbeddedQueues): QueueUrls {
  return Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, { url: queues[name], deadLetterUrl: queues.dlq[name]! }]),
  ) as QueueUrls;
}

/** Where the embedded queues are: each work queue's URL, and under `dlq` its dead-letter queue's. */
export type EmbeddedQueues = Record<(typeof QUEUE_NAMES)[number], string> & { dlq: Record<string, string> };

/** Creates the queues and their dead-letter queues (a message moves there after `maxReceiveCount` failures). */
export async function createQueues(
  client: SQSClient,
  prefix: string,
  maxReceiveCount = RETRY_SCHEDULE.maxReceiveCount,
) {
  const urls = {} as EmbeddedQueues;
  urls.dlq = {};
  for (const name of QUEUE_NAMES) {
    const dlq = await client.send(new CreateQueueCommand({ QueueName: `${prefix}${name}-dlq` }));
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: `${prefix}${name}`,
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount }),
        },
      }),
    );
    urls[name] = queue.QueueUrl!;
    urls.dlq[name] = dlq.QueueUrl!;
  }
  return urls;
}
