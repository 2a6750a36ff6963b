import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';

/** An SQS consumer: takes Lambda's SQS event, reports the records that failed so only they are retried. */
export type SqsWorker = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Wraps a per-record handler with Powertools' batch processor. A record whose body does not parse fails
 * like any other, so after the queue's retries it lands in the dead-letter queue instead of vanishing.
 */
export function sqsWorker<S extends z.ZodType>(
  schema: S,
  handle: (body: z.infer<S>, record: SQSRecord) => Promise<void>,
): SqsWorker {
  const processor = new BatchProcessor(EventType.SQS);
  return (event) =>
    processPartialResponse(
      event,
      (record: SQSRecord) => handle(schema.parse(JSON.parse(record.body)), record),
      processor,
      {
        // A full failure is reported record by record too, so the local poller and Lambda behave alike.
        throwOnFullBatchFailure: false,
      },
    );
}
