import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Channel } from '../../channels/types.js';
import type { DeadLetterQueue } from '../../functions/core/dead-letters.js';
import { type LocalRuntime, startLocal } from '../../functions/local/start-local.js';
import { dynamoLocalTable, fauxqsQueue } from './aws.js';

/** The local runtime on the run's DynamoDB Local and fauxqs, with fresh table and queues; a real listening server. */
export async function startTestStack(
  options: {
    hours?: 'demo' | 'always';
    channels?: Channel[];
    clock?: () => Date;
    /** Milliseconds between runs of the schedule's work (default 10 s). */
    sweepMs?: number;
    maxReceiveCount?: number;
    /** Extra environment: channel secrets, API base URLs pointing at a recording server. */
    env?: Record<string, string>;
  } = {},
): Promise<LocalRuntime & { dlq: Record<DeadLetterQueue, string> }> {
  const { tableName } = await dynamoLocalTable();
  const [inbound, tickets, outbound, botframework] = await Promise.all(
    [1, 2, 3, 4].map(() => fauxqsQueue(options.maxReceiveCount ?? 3)),
  );
  const runtime = await startLocal({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'frontdesk-test-')),
    quiet: true,
    hours: options.hours ?? 'always',
    channels: options.channels,
    clock: options.clock,
    sweepMs: options.sweepMs,
    visibilityTimeout: 1,
    // Failed messages come back after a second, and dead-letter after the queues' maxReceiveCount.
    retry: { firstSeconds: 1, maxSeconds: 1, maxReceiveCount: options.maxReceiveCount ?? 3 },
    env: {
      FRONTDESK_STORAGE: 'aws',
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      SQS_ENDPOINT: inject('sqsEndpoint'),
      FRONTDESK_TABLE: tableName,
      FRONTDESK_INBOUND_QUEUE_URL: inbound!.queueUrl,
      FRONTDESK_TICKETS_QUEUE_URL: tickets!.queueUrl,
      FRONTDESK_OUTBOUND_QUEUE_URL: outbound!.queueUrl,
      FRONTDESK_INBOUND_DLQ_URL: inbound!.dlqUrl,
      FRONTDESK_TICKETS_DLQ_URL: tickets!.dlqUrl,
      FRONTDESK_OUTBOUND_DLQ_URL: outbound!.dlqUrl,
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_QUEUE_URL: botframework!.queueUrl,
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_DLQ_URL: botframework!.dlqUrl,
      ...options.env,
    },
  });
  return {
    ...runtime,
    dlq: {
      inbound: inbound!.dlqUrl,
      tickets: tickets!.dlqUrl,
      outbound: outbound!.dlqUrl,
      'outbound-botframework': botframework!.dlqUrl,
    },
  };
}
