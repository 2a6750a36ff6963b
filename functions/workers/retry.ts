import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { FailureLog } from '../core/failures.js';
import { type RetrySchedule, retryDelaySeconds } from './retry-schedule.js';

/** What happens to a record that failed: one log line, the failure recorded, and its next try pushed back. */
export type OnFailure = (record: SQSRecord, error: unknown) => Promise<void>;

/**
 * Backs a failed record off on its queue, as Lambda's event source mapping leaves it: its visibility timeout
 * grows with its receive count (the schedule), so a platform outage is waited out before the DLQ takes it.
 */
export function createRetry(deps: {
  sqs: SQSClient;
  queueUrl: string;
  queue: string;
  schedule: RetrySchedule;
  failures?: FailureLog;
  clock: () => Date;
  log?: (line: string) => void;
}): OnFailure {
  const log = deps.log ?? ((line: string) => console.error(line));
  return async (record, error) => {
    const attempts = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    const retryIn = retryDelaySeconds(deps.schedule, attempts);
    const reason = failureReason(error);
    const last = attempts >= deps.schedule.maxReceiveCount;
    log(
      JSON.stringify({
        level: 'warn',
        msg: last ? 'message failed its last attempt; it goes to the dead-letter queue' : 'message failed',
        queue: deps.queue,
        messageId: record.messageId,
        attempts,
        reason,
        ...(!last && { retryInSeconds: retryIn }),
      }),
    );
    const at = deps.clock().getTime();
    const results = await Promise.allSettled([
      deps.failures?.record(record.messageId, { reason, attempts, at }),
      deps.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: deps.queueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: retryIn,
        }),
      ),
    ]);
    // Neither is needed for the retry itself (the message comes back after the queue's timeout anyway).
    for (const result of results) {
      if (result.status === 'rejected')
        log(
          JSON.stringify({
            level: 'error',
            msg: 'could not back off',
            queue: deps.queue,
            reason: failureReason(result.reason),
          }),
        );
    }
  };
}

/** A short, loggable reason: the error's name and message, and the platform's HTTP status or code if it has one. */
export function failureReason(error: unknown): string {
  if (error instanceof z.ZodError)
    return `invalid message: ${error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`;
  if (!(error instanceof Error)) return String(error);
  const coded = error as Error & { code?: string; statusCode?: number; status?: number };
  const status = coded.statusCode ?? coded.status;
  const extra = [coded.code, status && `HTTP ${status}`].filter(Boolean).join(', ');
  const text = `${error.name}: ${error.message}`;
  return (extra ? `${text} (${extra})` : text).slice(0, 1000);
}
