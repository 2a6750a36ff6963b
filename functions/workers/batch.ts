import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import type { OnFailure } from './retry.js';

/** An SQS consumer: takes Lambda's SQS event, reports the records that failed so only they are retried. */
export type SqsWorker = (event: SQSEvent) => Promise<SQSBatchResponse>;

/** How a worker handles a batch besides the records themselves. */
export interface WorkerOptions<T> {
  /** Records with the same key are handled one at a time in queue order; different keys run in parallel. */
  orderKey?: (body: T) => string;
  /** Told about each failed record (logs it, records it, backs it off). */
  onFailure?: OnFailure;
}

/** A record held back because an earlier one of its group failed: sending it first would reorder the group. */
export class HeldBackError extends Error {
  override name = 'HeldBackError';
}

/**
 * Wraps a per-record handler. A record whose body does not parse fails like any other, so after the queue's
 * retries it lands in the dead-letter queue instead of vanishing. Groups (by `orderKey`) run in parallel, so one
 * slow conversation does not hold up the others; within a group, after a failure the rest fail too, in order.
 */
export function sqsWorker<S extends z.ZodType>(
  schema: S,
  handle: (body: z.infer<S>, record: SQSRecord) => Promise<void>,
  options: WorkerOptions<z.infer<S>> = {},
): SqsWorker {
  return async (event) => {
    const groups = new Map<string, { record: SQSRecord; parsed: () => z.infer<S> }[]>();
    for (const record of event.Records) {
      let body: z.infer<S> | undefined;
      let invalid: unknown;
      try {
        body = schema.parse(JSON.parse(record.body));
      } catch (error) {
        invalid = error;
      }
      const parsed = () => {
        if (invalid !== undefined) throw invalid;
        return body as z.infer<S>;
      };
      const group =
        invalid === undefined && options.orderKey ? options.orderKey(body as z.infer<S>) : record.messageId;
      groups.set(group, [...(groups.get(group) ?? []), { record, parsed }]);
    }
    const failed: string[] = [];
    await Promise.all(
      [...groups.values()].map(async (items) => {
        let blocked = false;
        for (const { record, parsed } of items) {
          try {
            if (blocked) throw new HeldBackError('an earlier message of this conversation failed');
            await handle(parsed(), record);
          } catch (error) {
            blocked = true;
            failed.push(record.messageId);
            await options.onFailure?.(record, error);
          }
        }
      }),
    );
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
