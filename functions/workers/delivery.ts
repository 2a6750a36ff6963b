import type { Channel } from '../../channels/types.js';
import { sqsWorker } from './batch.js';
import { DeliverySchema } from './schemas.js';

/** Sends queued messages through the user's channel; a failed send throws, so SQS retries and then dead-letters it. */
export function createDeliveryWorker(deps: { channel(name: string): Channel | undefined }) {
  return sqsWorker(DeliverySchema, async ({ to, message }) => {
    const channel = deps.channel(to.channel);
    if (!channel) throw new Error(`channel "${to.channel}" is not configured; cannot deliver`);
    await channel.send(to, message);
  });
}
