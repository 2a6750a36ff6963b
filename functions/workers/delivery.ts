import type { Channel } from '../../channels/types.js';
import type { Delivery } from '../core/agent-desk.js';
import { sqsWorker } from './batch.js';
import { DeliverySchema } from './schemas.js';

/**
 * Sends queued messages through the user's channel; a failed send throws, so SQS retries and then dead-letters it.
 * A user the platform refuses to reach for now (UnreachableError) is not retried: with `unreachable` set, the
 * failure is recorded on the message's ticket instead.
 */
export function createDeliveryWorker(deps: {
  channel(name: string): Channel | undefined;
  unreachable?: (delivery: Delivery & { ticketId: string }, reason: string) => Promise<void>;
}) {
  return sqsWorker(DeliverySchema, async (delivery) => {
    const { to, message, ticketId } = delivery;
    const channel = deps.channel(to.channel);
    if (!channel) throw new Error(`channel "${to.channel}" is not configured; cannot deliver`);
    try {
      await channel.send(to, message);
    } catch (error) {
      const permanent = error instanceof Error && error.name === 'UnreachableError';
      if (!permanent || !ticketId || !deps.unreachable) throw error;
      await deps.unreachable({ ...delivery, ticketId }, error.message);
    }
  });
}
