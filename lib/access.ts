import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { TABLE_SHAPE } from '../functions/core/table.js';
import type { FunctionName } from './bundle-options.js';
import type { Data } from './data.js';
import { type QueueName, type Queues, WORKER_TIMEOUT } from './queues.js';

/** Item actions frontdesk's storage code uses (DynamoDB document client: Get, Put, Update, Delete, Query, BatchGet, BatchWrite). */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchWriteItem',
];
/** Partitions of the WebSocket connection rows (channels/web/api-gateway-hub.ts), the only ones live code may touch. */
export const LIVE_PARTITIONS = ['LIVE#*', 'LIVECONN#*'];

/** What one function may do; everything not listed here is denied. */
export interface Access {
  memoryMb: number;
  timeout: Duration;
  secrets: (data: Data) => ISecret[];
  /** 'all': the whole table and its index; 'live': only the WebSocket connection rows. */
  table: 'all' | 'live';
  sends?: QueueName[];
  consumes?: QueueName;
  /** Lists and redrives the dead-letter queues (the admin API, the CLI through it). */
  deadLetters?: boolean;
  /** Builds all services (functions/services.ts), so it needs every queue URL and the public URL. */
  services?: boolean;
}

const channels = (data: Data) => Object.values(data.channelSecrets);
// Replies to Teams are sent by the botframework function (its own outbound queue), so delivery never reads its secret.
const channelsButBotFramework = (data: Data) =>
  Object.entries(data.channelSecrets)
    .filter(([name]) => name !== 'botframework')
    .map(([, secret]) => secret);
// Whoever queues a reply may queue one to Teams: the outbound queue as senders see it routes those apart.
const OUTBOUND: QueueName[] = ['outbound', 'outbound-botframework'];
// Functions that build all services parse the full configuration, which includes the web secret; channel
// credentials go only where a platform is called: webhooks (api), agent alerts (tickets, schedule), sends (delivery),
// and Slack's to the inbound worker for the agent desk.
export const ACCESS: Record<FunctionName, Access> = {
  api: {
    memoryMb: 1024,
    timeout: Duration.seconds(10),
    secrets: (d) => [d.webSecret, d.adminSecret, ...channels(d)],
    table: 'all',
    sends: ['inbound', 'tickets', ...OUTBOUND],
    deadLetters: true,
    services: true,
  },
  inbound: {
    memoryMb: 1024,
    timeout: WORKER_TIMEOUT,
    // Slack's, for the agent desk: while a ticket is open the user's messages are copied into its Slack thread.
    secrets: (d) => [d.webSecret, d.channelSecrets.slack],
    table: 'all',
    sends: ['tickets', ...OUTBOUND],
    consumes: 'inbound',
    services: true,
  },
  tickets: {
    memoryMb: 512,
    timeout: WORKER_TIMEOUT,
    secrets: (d) => [d.webSecret, ...channels(d)],
    table: 'all',
    consumes: 'tickets',
    services: true,
  },
  delivery: {
    memoryMb: 512,
    timeout: WORKER_TIMEOUT,
    secrets: (d) => [d.webSecret, ...channelsButBotFramework(d)],
    table: 'all',
    // A reply to Teams found on the outbound queue (queued before the split, or redriven) moves to its own.
    sends: ['outbound-botframework'],
    consumes: 'outbound',
    services: true,
  },
  schedule: {
    memoryMb: 512,
    timeout: Duration.seconds(60),
    secrets: (d) => [d.webSecret, ...channels(d)],
    table: 'all',
    sends: OUTBOUND,
    services: true,
  },
  live: { memoryMb: 256, timeout: Duration.seconds(10), secrets: (d) => [d.webSecret], table: 'live' },
  // Bot Framework webhooks and replies to Teams get a function of their own, so botbuilder stays out of the api
  // and delivery bundles. Its timeout stays within WORKER_TIMEOUT, which the queue's visibility timeout assumes.
  botframework: {
    memoryMb: 1024,
    timeout: Duration.seconds(15),
    secrets: (d) => [d.webSecret, d.channelSecrets.botframework],
    table: 'all',
    sends: ['inbound', 'tickets', ...OUTBOUND],
    consumes: 'outbound-botframework',
    services: true,
  },
};

/** Grants a function exactly what its Access entry lists: secrets, queues, table rows, nothing else. */
export function grantAccess(fn: NodejsFunction, access: Access, props: { data: Data; queues: Queues }): void {
  const { data, queues } = props;
  const { table } = data;
  const role = fn.role!;
  const secrets = access.secrets(data);
  for (const secret of secrets) secret.grantRead(role);
  for (const queue of access.sends ?? []) queues.byName[queue].queue.grantSendMessages(role);
  if (access.consumes) {
    // Per-record failures need ReportBatchItemFailures on the mapping (Lambda, "Handling errors for an SQS
    // event source"); without it Lambda ignores the worker's batchItemFailures and retries the whole batch.
    fn.addEventSource(
      new SqsEventSource(queues.byName[access.consumes].queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
      }),
    );
  }
  // Receive and delete from a dead-letter queue, send back to its work queue (granted above with `sends`).
  if (access.deadLetters)
    for (const { deadLetters } of Object.values(queues.byName)) deadLetters.grantConsumeMessages(role);
  if (access.table === 'all') {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: TABLE_ACTIONS, resources: [table.tableArn] }));
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/${TABLE_SHAPE.index.name}`],
      }),
    );
  } else {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': LIVE_PARTITIONS } },
      }),
    );
  }
}
