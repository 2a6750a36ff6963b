import type * as z from 'zod';
import type { Bot } from '../core/bot/bot.js';
import { type Delivery, replyDeliveries } from '../core/agent-desk.js';
import type { Dedupe } from '../core/dedupe.js';
import type { Queue } from '../core/queue.js';
import { sqsWorker } from './batch.js';
import type { OnFailure } from './retry.js';
import { InboundSchema } from './schemas.js';

/** Runs the bot on queued messages and queues its replies for delivery. */
export function createInboundWorker(deps: {
  bot: Bot;
  dedupe: Dedupe;
  outbound: Queue<Delivery>;
  clock: () => Date;
  onFailure?: OnFailure;
}) {
  const options = {
    orderKey: (msg: z.infer<typeof InboundSchema>) => `${msg.from.channel}#${msg.from.conversationId}`,
    onFailure: deps.onFailure,
  };
  return sqsWorker(
    InboundSchema,
    async (msg) => {
      // SQS delivers at least once: claim the message id so a redelivery does not answer twice. A redelivery
      // while an earlier attempt holds the claim fails (and is retried later): that attempt may have died. One
      // that takes the claim over gets the replies the bot recorded, if it got that far, and queues them under
      // the same ids, which the delivery worker sends once.
      const key = `inbound#${msg.from.channel}#${msg.id}`;
      const handle = async () => {
        const { replies } = await deps.bot.handle(msg, deps.clock());
        for (const delivery of replyDeliveries(msg, replies)) await deps.outbound.send(delivery);
      };
      await deps.dedupe.once(key, deps.clock(), handle, { busy: 'throw' });
    },
    options,
  );
}
