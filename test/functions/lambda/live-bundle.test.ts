import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { issueConversation } from '../../../channels/web/token.js';
import { dynamoLocalTable, fauxqsQueue } from '../../support/aws.js';
import { buildBundle, type RunningBundle, startBundle } from './bundle.js';
import { fixture, socketEvent, sqsEvent } from './events.js';
import { fakeManagementApi, fakeSecretsManager } from './fake-aws.js';

// Live replies in AWS: the live function (WebSocket $connect/$disconnect) and the delivery worker (pushes), both
// as CDK uploads them, on DynamoDB Local, with API Gateway's management API and Secrets Manager faked over HTTP.
const WEB_SECRET = 's'.repeat(48);
const SECRET_ARN = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:frontdesk/${name}`;
let live: RunningBundle;
let delivery: RunningBundle;
let doc: DynamoDBDocumentClient;
let tableName: string;
let secrets: Awaited<ReturnType<typeof fakeSecretsManager>>;
let management: Awaited<ReturnType<typeof fakeManagementApi>>;

beforeAll(async () => {
  const [liveDir, deliveryDir, table, ...queues] = await Promise.all([
    buildBundle('live'),
    buildBundle('delivery'),
    dynamoLocalTable(),
    fauxqsQueue(),
    fauxqsQueue(),
    fauxqsQueue(),
  ]);
  ({ tableName } = table);
  doc = DynamoDBDocumentClient.from(table.client);
  secrets = await fakeSecretsManager({
    [SECRET_ARN('web')]: JSON.stringify({ FRONTDESK_WEB_SECRET: WEB_SECRET }),
    [SECRET_ARN('slack')]: '{}',
  });
  management = await fakeManagementApi('live', new Set(['gone-connection']));
  const env = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    FRONTDESK_TABLE: tableName,
  };
  [live, delivery] = await Promise.all([
    startBundle(liveDir, { ...env, FRONTDESK_SECRET_ARNS: SECRET_ARN('web') }),
    startBundle(deliveryDir, {
      ...env,
      // Delivery builds all services, so it reads the full configuration (queues included) like the api does.
      FRONTDESK_SECRET_ARNS: [SECRET_ARN('web'), SECRET_ARN('slack')].join(','),
      FRONTDESK_LIVE_ENDPOINT: management.endpoint,
      SQS_ENDPOINT: inject('sqsEndpoint'),
      FRONTDESK_INBOUND_QUEUE_URL: queues[0]!.queueUrl,
      FRONTDESK_TICKETS_QUEUE_URL: queues[1]!.queueUrl,
      FRONTDESK_OUTBOUND_QUEUE_URL: queues[2]!.queueUrl,
    }),
  ]);
}, 60_000);
afterAll(async () => {
  live?.stop();
  delivery?.stop();
  await Promise.all([secrets?.close(), management?.close()]);
});

const watchers = async (conversationId: string) => {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `LIVE#${conversationId}` },
    }),
  );
  return Items.map((item) => item.sk as string).sort();
};
const deliver = (conversationId: string, messageId: string) => ({
  messageId,
  body: JSON.stringify({
    to: { channel: 'web', conversationId, userId: conversationId },
    message: { text: 'Hi, Ann here' },
  }),
});

describe('live replies through the API Gateway WebSocket API', () => {
  const { conversationId, token } = issueConversation(WEB_SECRET);

  it('accepts a connection only with the token of its conversation', async () => {
    const other = issueConversation(WEB_SECRET);
    const connect = (id: string, query: Record<string, string>) =>
      live.invoke(socketEvent('CONNECT', id, query));
    expect(await connect('connection-1', { conversationId, token })).toEqual({ statusCode: 200 });
    expect(await connect('gone-connection', { conversationId, token })).toEqual({ statusCode: 200 });
    expect(await connect('intruder', { conversationId, token: other.token })).toEqual({ statusCode: 401 });
    expect(await connect('anonymous', { conversationId })).toEqual({ statusCode: 401 });
    expect(await watchers(conversationId)).toEqual(['connection-1', 'gone-connection']);
  });

  it('pushes the local socket’s frame to each open widget, forgets gone ones, and fails only bad records', async () => {
    const broken = fixture<{ Records: { messageId: string; body: string }[] }>('sqs_event.json').Records[0]!;
    const event = sqsEvent([
      deliver(conversationId, 'd-1'),
      broken,
      {
        ...deliver(conversationId, 'd-2'),
        body: deliver(conversationId, 'd-2').body.replace('"web"', '"fax"'),
      },
    ]);
    const response = await delivery.invoke<SQSBatchResponse>(event);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([broken.messageId, 'd-2']);
    // functions/local/live-socket.ts sends exactly this frame.
    expect(management.posts).toEqual([
      { connectionId: 'connection-1', data: JSON.stringify({ type: 'message' }) },
    ]);
    expect(await watchers(conversationId)).toEqual(['connection-1']);
  });

  it('forgets a connection on $disconnect, so later replies push to nobody', async () => {
    expect(await live.invoke(socketEvent('DISCONNECT', 'connection-1'))).toEqual({ statusCode: 200 });
    expect(await watchers(conversationId)).toEqual([]);
    const response = await delivery.invoke<SQSBatchResponse>(sqsEvent([deliver(conversationId, 'd-3')]));
    expect(response.batchItemFailures).toEqual([]);
    expect(management.posts).toHaveLength(1);
  });
});
