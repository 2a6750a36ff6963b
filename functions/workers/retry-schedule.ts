/** How a failed queue message is retried: waits doubling from `firstSeconds` up to `maxSeconds`, then the DLQ. */
export interface RetrySchedule {
  firstSeconds: number;
  maxSeconds: number;
  /** Receives before SQS moves the message to the dead-letter queue (the queue's redrive policy). */
  maxReceiveCount: number;
}

/**
 * 30 s doubling to 15 min, ten receives: a message is retried for about 75 minutes before it is dead-lettered,
 * so a platform outage of an hour loses no reply. SQS caps a visibility timeout at 12 hours.
 */
export const RETRY_SCHEDULE: RetrySchedule = { firstSeconds: 30, maxSeconds: 900, maxReceiveCount: 10 };

/** Seconds a message stays hidden after its `receiveCount`-th receive failed. */
export function retryDelaySeconds(schedule: RetrySchedule, receiveCount: number): number {
  const doubled = schedule.firstSeconds * 2 ** Math.max(0, receiveCount - 1);
  return Math.min(schedule.maxSeconds, doubled, 43_200);
}

/** Seconds between a message's first failure and its dead-lettering (the sum of the waits between receives). */
export function retryWindowSeconds(schedule: RetrySchedule): number {
  let total = 0;
  for (let n = 1; n < schedule.maxReceiveCount; n++) total += retryDelaySeconds(schedule, n);
  return total;
}
