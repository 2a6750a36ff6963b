import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createMemoryHub } from '../../../channels/web/live.js';
import { createWebChannel } from '../../../channels/web/web-channel.js';
import { PROJECT_ROOT } from '../../../lib/bundle-options.js';
import { configFromEnv } from '../../../functions/core/config.js';
import { seedDemo } from '../../../functions/local/seed.js';
import { createClients, createServices, type Services } from '../../../functions/services.js';
import { dynamoLocalTable, fauxqsQueue } from '../../support/aws.js';
import { buildBundle, type RunningBundle, startBundle } from './bundle.js';
import { fixture, sqsEvent } from './events.js';
import { fakeSecretsManager } from './fake-aws.js';

// The inbound worker as CDK uploads it, and the same worker as the local server runs it, each on its own
// DynamoDB Local table (seeded with the demo FAQ) and fauxqs queues; both get the same SQS event.
interface Side {
  env: Record<string, string>;
  services: Services;
  sqs: SQSClient;
}

const WEB_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:frontdesk/web';
let secrets: Awaited<ReturnType<typeof fakeSecretsManager>>;
let lambda: Side & { bundle: RunningBundle };
let local: Side;

async function side(): Promise<Side> {
  const [{ tableName }, inbound, tickets, outbound] = await Promise.all([
    dynamoLocalTable(),
    fauxqsQueue(),
    fauxqsQueue(),
    fauxqsQueue(),
  ]);
  const env = {
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    SQS_ENDPOINT: inject('sqsEndpoint'),
    FRONTDESK_TABLE: tableName,
    FRONTDESK_INBOUND_QUEUE_URL: inbound.queueUrl,
    FRONTDESK_TICKETS_QUEUE_URL: tickets.queueUrl,
    FRONTDESK_OUTBOUND_QUEUE_URL: outbound.queueUrl,
  };
  const config = configFromEnv({ ...env, AWS_REGION: 'us-east-1', FRONTDESK_WEB_SECRET: 'w'.repeat(48) });
  const services = createServices(config, createClients(config), {
    channels: [createWebChannel(createMemoryHub())],
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-'));
  await seedDemo(services, { dataDir, root: PROJECT_ROOT, log: () => {} });
  rmSync(dataDir, { recursive: true, force: true });
  return { env, services, sqs: outbound.client };
}

beforeAll(async () => {
  const [dir, lambdaSide, localSide] = await Promise.all([buildBundle('inbound'), side(), side()]);
  local = localSide;
  secrets = await fakeSecretsManager({
    [WEB_SECRET_ARN]: JSON.stringify({ FRONTDESK_WEB_SECRET: 'w'.repeat(48) }),
  });
  const bundle = await startBundle(dir, {
    ...lambdaSide.env,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    FRONTDESK_SECRET_ARNS: WEB_SECRET_ARN,
    POWERTOOLS_SERVICE_NAME: 'frontdesk-inbound',
  });
  lambda = { ...lambdaSide, bundle };
}, 60_000);
afterAll(async () => {
  lambda?.bundle.stop();
  await secrets?.close();
});

const from = {
  channel: 'slack',
  conversationId: 'C-42',
  userId: 'U-7',
  address: { thread: '1700000000.000100' },
};
const message = (id: string, text: string) =>
  JSON.stringify({ id, from, text, receivedAt: 1_763_000_000_000 });
// The fixture's own record ("Message Body") is not a queued message: it must fail alone, not the batch.
const broken = fixture<{ Records: { messageId: string; body: string }[] }>('sqs_event.json').Records[0]!;
const event = sqsEvent([
  { messageId: 'm-1', body: message('Ev1', '退款多久到账') },
  broken,
  { messageId: 'm-2', body: message('Ev1', '退款多久到账') },
  { messageId: 'm-3', body: message('Ev2', 'how long will shipping take?') },
]);

/** Everything on a side's outbound queue now: reads until a read comes back empty. */
async function drainOutbound(s: Side): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await s.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: s.services.config.outboundQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => JSON.parse(m.Body!)));
  }
}
const byText = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('the bundled inbound worker, invoked with the SQS event fixture', () => {
  it('reports only the broken record, answers a duplicate once, and queues what the local worker queues', async () => {
    const response = await lambda.bundle.invoke<SQSBatchResponse>(event);
    const localResponse = await local.services.workers.inbound(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: broken.messageId }] });
    expect(response).toEqual(localResponse);

    const [sent, sentLocally] = await Promise.all([drainOutbound(lambda), drainOutbound(local)]);
    expect(sent.sort(byText)).toEqual(sentLocally.sort(byText));
    expect(sent).toHaveLength(2);
    expect(JSON.stringify(sent)).toMatch(/工作日/);
    const transcript = await lambda.services.conversations.transcript('slack#C-42');
    // Records of different conversations are handled concurrently, so the two questions may interleave.
    expect(transcript.map((line) => line.role).sort()).toEqual(['bot', 'bot', 'user', 'user']);
  });

  it('is idempotent when SQS redelivers the whole batch', async () => {
    const response = await lambda.bundle.invoke<SQSBatchResponse>(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: broken.messageId }]);
    expect(await drainOutbound(lambda)).toEqual([]);
    expect(await lambda.services.conversations.transcript('slack#C-42')).toHaveLength(4);
  });

  it('publishes the failed-record count as an embedded-format metric', () => {
    const metrics = lambda.bundle
      .output()
      .split('\n')
      .filter((line) => line.includes('"failedRecords"'))
      .map(
        (line) =>
          JSON.parse(line) as { failedRecords: number; _aws: { CloudWatchMetrics: { Namespace: string }[] } },
      );
    expect(metrics.map((m) => m.failedRecords)).toEqual([1, 1]);
    expect(metrics[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('frontdesk');
  });
});
