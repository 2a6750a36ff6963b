import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RETRY_SCHEDULE, retryWindowSeconds } from '../functions/workers/retry-schedule.js';

/** How long a worker may run; the queue's visibility timeout follows from it. */
export const WORKER_TIMEOUT = Duration.seconds(30);
// Lambda's SQS guide asks for a visibility timeout of at least six times the function timeout, so a message
// is not handed out again while its batch is still being retried ("Configuring a queue to use with Lambda").
const VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);
// The workers back a failed message off (functions/workers/retry-schedule.ts), so these receives span more than an
// hour: a platform outage is waited out. A message failing this often is a poison message (or a platform down for
// longer): it waits in the dead-letter queue, raises an alarm, and goes back with a redrive once fixed (docs/deploy.md).
export const MAX_RECEIVE_COUNT = RETRY_SCHEDULE.maxReceiveCount;
/** Seconds a message is retried before it is dead-lettered. */
export const RETRY_WINDOW_SECONDS = retryWindowSeconds(RETRY_SCHEDULE);

/** A work queue and the dead-letter queue that catches what keeps failing. */
export interface WorkQueue {
  queue: Queue;
  deadLetters: Queue;
}

/**
 * The work queues of DESIGN.md §1: inbound messages, tickets, outbound replies; and outbound replies to Teams
 * (Bot Framework), which the botframework function sends so the delivery function never carries botbuilder.
 */
export type QueueName = 'inbound' | 'tickets' | 'outbound' | 'outbound-botframework';

/** The queues, each with a dead-letter queue; encrypted at rest and reachable only over TLS. */
export class Queues extends Construct {
  readonly byName: Record<QueueName, WorkQueue>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const make = (name: QueueName): WorkQueue => {
      const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
      const deadLetters = new Queue(this, `${name}-dlq`, { ...common, retentionPeriod: Duration.days(14) });
      const queue = new Queue(this, name, {
        ...common,
        visibilityTimeout: VISIBILITY_TIMEOUT,
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      return { queue, deadLetters };
    };
    this.byName = {
      inbound: make('inbound'),
      tickets: make('tickets'),
      outbound: make('outbound'),
      'outbound-botframework': make('outbound-botframework'),
    };
  }
}
