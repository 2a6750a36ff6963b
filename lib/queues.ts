import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How long a worker may run; the queue's visibility timeout follows from it. */
export const WORKER_TIMEOUT = Duration.seconds(30);
// Lambda's SQS guide asks for a visibility timeout of at least six times the function timeout, so a message
// is not handed out again while its batch is still being retried ("Configuring a queue to use with Lambda").
const VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);
// A message failing this often is a poison message (or a platform down for long): it waits in the
// dead-letter queue, raises an alarm, and goes back with SQS's redrive once fixed (docs/deploy.md).
const MAX_RECEIVE_COUNT = 5;

/** A work queue and the dead-letter queue that catches what keeps failing. */
export interface WorkQueue {
  queue: Queue;
  deadLetters: Queue;
}

/** The three work queues of DESIGN.md §1: inbound messages, tickets, outbound replies. */
export type QueueName = 'inbound' | 'tickets' | 'outbound';

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
    this.byName = { inbound: make('inbound'), tickets: make('tickets'), outbound: make('outbound') };
  }
}
