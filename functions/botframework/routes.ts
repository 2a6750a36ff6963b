import { Hono } from 'hono';
import type { BotFrameworkChannel, Turn } from '../../channels/botframework/types.js';
import type { InboundMessage, OutboundMessage } from '../../channels/types.js';
import { HttpError } from '../api/errors.js';
import { rawRequest } from '../api/webhook-routes.js';
import type { Delivery } from '../core/agent-desk.js';
import type { Bot } from '../core/bot/bot.js';
import type { Dedupe } from '../core/dedupe.js';
import type { Queue } from '../core/queue.js';

/** What the Bot Framework route needs; `channel` is undefined where the channel is off. */
export interface BotFrameworkRouteDeps {
  clock: () => Date;
  bot: Bot;
  dedupe: Dedupe;
  queues: { outbound: Queue<Delivery>; inbound: Queue<InboundMessage> };
  channel: BotFrameworkChannel | undefined;
}

/**
 * `/webhooks/botframework`. botbuilder's CloudAdapter authenticates the Activity and sends the replies to the
 * conversation itself, as Activities, while the request is open; the generic route's verify → parse → respond
 * puts replies in the HTTP answer instead, so this route hands the channel the whole turn.
 */
export function botFrameworkRoutes(deps: BotFrameworkRouteDeps) {
  const app = new Hono();
  app.all('/botframework', async (c) => {
    const { channel } = deps;
    if (!channel)
      throw new HttpError(
        404,
        'channel_off',
        'the botframework channel is not configured on this deployment',
      );
    // The Bot Connector only ever POSTs Activities.
    if (c.req.method !== 'POST') return c.body(null, 405, { allow: 'POST' });
    const processed = await channel.process(await rawRequest(c), deps.clock(), answer);
    if (processed.outcome === 'invalid')
      throw new HttpError(400, 'bad_payload', 'the body is not a Bot Framework Activity');
    if (processed.outcome === 'unauthorized')
      throw new HttpError(
        401,
        'bad_signature',
        'the Bot Framework token is missing, invalid or not for this bot',
      );
    // The delivery worker sends what the Bot Connector refused, proactively, with the queue's retries.
    for (const delivery of processed.unsent) await deps.queues.outbound.send(delivery);
    return c.body(null, 200);
  });
  return app;

  async function answer({ message, lang }: Turn): Promise<OutboundMessage[]> {
    const now = deps.clock();
    const key = `botframework#${message.id}`;
    // A Bot Connector retry of an Activity already handled gets the plain 200, never a second answer. One that
    // finds it claimed by an attempt that may have died hands it to the inbound worker, which answers proactively
    // once that attempt's lease is over (as in webhook-routes.ts).
    const handle = () => deps.bot.handle(message, now, lang);
    const queueInstead = () => deps.queues.inbound.send(message);
    const handled = await deps.dedupe.once(key, now, handle, { busy: queueInstead });
    return handled?.value.replies ?? [];
  }
}
