import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { afterAll, inject, vi } from 'vitest';
import { ensureTable } from '../../functions/core/table.js';

// DynamoDB Local keeps one database per access key: use the same one as functions/services.ts.
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';

/** A client for the run's DynamoDB Local, and a fresh table of frontdesk's shape that no other test uses. */
export async function dynamoLocalTable(): Promise<{ client: DynamoDBClient; tableName: string }> {
  const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region, credentials });
  const tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}

/** An in-process dynalite (the embedded default of `npm start`) with a fresh table; call close() when done. */
export async function dynaliteTable(): Promise<{
  client: DynamoDBClient;
  tableName: string;
  close: () => void;
}> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('dynalite did not bind a port');
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${address.port}`, region, credentials });
  const tableName = `t-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName, close: () => server.close() };
}

/**
 * A fresh table on the run's DynamoDB Local and one on an in-process dynalite, named, for a file whose tests run on
 * both (`describe.each`); the dynalite closes after the file.
 */
export async function tablesOnBoth(): Promise<[string, { client: DynamoDBClient; tableName: string }][]> {
  const embedded = await dynaliteTable();
  afterAll(() => embedded.close());
  return [
    ['DynamoDB Local', await dynamoLocalTable()],
    ['dynalite', embedded],
  ];
}

/** A client for the run's fauxqs, e.g. to look into a dead-letter queue. */
export function fauxqsClient(): SQSClient {
  return new SQSClient({ endpoint: inject('sqsEndpoint'), region, credentials });
}

/** A client for the run's fauxqs and a fresh queue (with its own dead-letter queue) that no other test uses. */
export async function fauxqsQueue(
  maxReceiveCount = 3,
): Promise<{ client: SQSClient; queueUrl: string; dlqUrl: string }> {
  const client = fauxqsClient();
  const name = `q-${randomUUID()}`;
  const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = `arn:aws:sqs:${region}:000000000000:${name}-dlq`;
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
    }),
  );
  return { client, queueUrl: queue.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}

/** Waits (bounded) until a message whose body `matches` reaches a dead-letter queue, and returns its parsed body. */
export function deadLetter<T = any>(
  queueUrl: string,
  matches: (body: T) => boolean = () => true,
): Promise<T> {
  const sqs = fauxqsClient();
  return vi.waitFor(
    async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
      );
      const found = Messages.map((m) => JSON.parse(m.Body ?? 'null') as T).find(matches);
      if (found === undefined) throw new Error('not dead-lettered yet');
      return found;
    },
    { timeout: 20_000, interval: 200 },
  );
}
