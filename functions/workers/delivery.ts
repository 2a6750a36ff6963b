import type { SQSRecord } from 'aws-lambda';
import type { Channel } from '../../channels/types.js';
import type { Delivery } from '../core/agent-desk.js';
import type { Dedupe } from '../core/dedupe.js';
import type { Queue } from '../core/queue.js';
import type { TicketDelivery } from '../core/ticket-delivery.js';
import { sqsWorker } from './batch.js';
import { failureReason, type OnFailure } from './retry.js';
import { DeliverySchema } from './schemas.js';

/**
 * Sends queued messages through the user's channel; a failed send throws, so SQS retries and then dead-letters it.
 * A user the platform refuses to reach for now (UnreachableError) is not retried: with `unreachable` set, the
 * failure is recorded on the message's ticket instead.
 */
export function createDeliveryWorker(deps: {
  channel(name: string): Channel | undefined;
  unreachable?: (delivery: Delivery & { ticketId: string }, reason: string) => Promise<void>;
  /** Marks the ticket while a reply to it is failing, so the agent sees "delivery pending". */
  ticketDelivery?: TicketDelivery;
  onFailure?: OnFailure;
  clock?: () => Date;
  /** The queue a delivery belongs on when this worker must not send it (a reply to Teams on the outbound queue). */
  elsewhere?: (delivery: Delivery) => Queue<Delivery> | undefined;
  /**
   * Remembers sent messages by their delivery id (else SQS message id), so a copy received again after a crash, or
   * queued again by a message handled again, is not sent twice.
   */
  dedupe?: Dedupe;
}) {
  const clock = deps.clock ?? (() => new Date());
  return sqsWorker(
    DeliverySchema,
    async (delivery, record) => {
      const { to, message, ticketId } = delivery;
      // Queued before its channel had a queue of its own, or redriven from the old dead-letter queue: move it on.
      const other = deps.elsewhere?.(delivery);
      if (other) return other.send(delivery);
      try {
        const channel = deps.channel(to.channel);
        if (!channel) throw new Error(`channel "${to.channel}" is not configured; cannot deliver`);
        const id = delivery.id ?? record.messageId;
        // An earlier attempt that died after calling the platform, or failed without its answer (a timeout), may
        // have delivered the message: the channel checks first where its platform can tell.
        const first = Number(record.attributes?.ApproximateFirstReceiveTimestamp);
        const retried = Number(record.attributes?.ApproximateReceiveCount ?? 1) > 1 && first > 0;
        const send = (diedAttemptAt?: number) =>
          channel.send(to, message, { id, since: diedAttemptAt ?? (retried ? first : undefined) });
        // The id is marked done right after the send, not when SQS deletes the message: a crash in between (the
        // batch is deleted at its end) would otherwise send the reply again. A send in progress elsewhere is
        // retried later; one whose process died is taken over once its claim's lease is over.
        if (deps.dedupe)
          await deps.dedupe.once(`delivery#${id}`, clock(), (claim) => send(claim.diedAttemptAt), {
            busy: 'throw',
          });
        else await send();
      } catch (error) {
        const permanent = error instanceof Error && error.name === 'UnreachableError';
        if (permanent && ticketId && deps.unreachable)
          return deps.unreachable({ ...delivery, ticketId }, error.message);
        // The mark is for the agent's eyes; failing to set it must not change the retry.
        if (ticketId) await markPending(ticketId, record, error)?.catch(() => {});
        throw error;
      }
      // Sent: a failure to clear the mark must not make SQS send the reply again.
      if (ticketId)
        await deps.ticketDelivery?.delivered(ticketId).catch((e) => console.error(failureReason(e)));
    },
    // Replies to one conversation go out in order; other conversations do not wait for them.
    { orderKey: ({ to }) => `${to.channel}#${to.conversationId}`, onFailure: deps.onFailure },
  );

  function markPending(ticketId: string, record: SQSRecord, error: unknown) {
    const first = Number(record.attributes?.ApproximateFirstReceiveTimestamp);
    return deps.ticketDelivery?.failed(ticketId, {
      pendingSince: Number.isFinite(first) && first > 0 ? first : clock().getTime(),
      attempts: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      lastError: failureReason(error),
    });
  }
}
