import { Hono } from 'hono';
import type { ChannelRegistry } from '../../channels/index.js';
import type { InboundMessage, RawRequest } from '../../channels/types.js';
import type { Bot } from '../core/bot/bot.js';
import type { Dedupe } from '../core/dedupe.js';
import type { Queue } from '../core/queue.js';
import { HttpError } from './errors.js';

/** What the webhook routes need. */
export interface WebhookRouteDeps {
  clock: () => Date;
  channels: ChannelRegistry;
  bot: Bot;
  dedupe: Dedupe;
  queues: { inbound: Queue<InboundMessage> };
}

/**
 * `/webhooks/{channel}` for every platform: verify the signature on the raw body (401 and nothing stored if it
 * fails), parse, drop platform retries by message id, then answer inline or queue the message and ack at once.
 */
export function webhookRoutes(deps: WebhookRouteDeps) {
  const app = new Hono();
  app.all('/:channel', async (c) => {
    const name = c.req.param('channel');
    const channel = deps.channels.webhook(name);
    if (!channel)
      throw new HttpError(404, 'channel_off', `the ${name} channel is not configured on this deployment`);
    const raw: RawRequest = {
      method: c.req.method,
      headers: Object.fromEntries([...c.req.raw.headers].map(([k, v]) => [k.toLowerCase(), v])),
      query: c.req.query(),
      body: await c.req.text(),
    };
    const now = deps.clock();
    if (!(await channel.verify(raw, now)))
      throw new HttpError(401, 'bad_signature', 'the request signature is missing, wrong or stale');
    const parsed = channel.parse(raw);
    if (parsed.kind === 'handshake') return reply(parsed.reply);
    if (parsed.kind === 'ignore') return reply(parsed.reply ?? { status: 200, body: '' });
    const msg = parsed.message;
    const key = `${channel.name}#${msg.id}`;
    // A platform retry of a message already handled gets the plain ack, never a second answer.
    if (!(await deps.dedupe.firstTime(key, now))) return reply(channel.respond(msg, []));
    try {
      if (channel.mode === 'queue') {
        await deps.queues.inbound.send(msg);
        return reply(channel.respond(msg, []));
      }
      const { replies } = await deps.bot.handle(msg, now);
      return reply(channel.respond(msg, replies));
    } catch (error) {
      await deps.dedupe.release(key);
      throw error;
    }
  });
  return app;

  function reply(answer: { status: number; body: string; headers?: Record<string, string> }) {
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }
}
