import type { Delivery } from './agent-desk.js';
import type { Queue } from './queue.js';

/** The channel whose replies have a queue of their own. */
export const BOT_FRAMEWORK = 'botframework';

/**
 * The outbound queue as every sender sees it: a reply to Teams (Bot Framework) goes to its own queue, which the
 * botframework function consumes, so the delivery function never loads botbuilder. Without that queue (a setup
 * that has not created it) every reply goes to `outbound`. One conversation is always on one channel, so its
 * replies stay on one queue and in order.
 */
export function routeOutbound(queues: {
  outbound: Queue<Delivery>;
  botframework?: Queue<Delivery>;
}): Queue<Delivery> {
  const { outbound, botframework } = queues;
  if (!botframework) return outbound;
  return {
    send: (delivery) => (delivery.to.channel === BOT_FRAMEWORK ? botframework : outbound).send(delivery),
  };
}
