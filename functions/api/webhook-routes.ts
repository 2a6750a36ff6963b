import { setTimeout as sleep } from 'node:timers/promises';
import { type Context, Hono } from 'hono';
import type { ChannelRegistry } from '../../channels/index.js';
import {
  type HttpReply,
  type InboundMessage,
  type OutboundMessage,
  PayloadError,
  type RawRequest,
  type WebhookChannel,
} from '../../channels/types.js';
import { type Delivery, replyDeliveries } from '../core/agent-desk.js';
import type { Bot } from '../core/bot/bot.js';
import type { Dedupe } from '../core/dedupe.js';
import type { Queue } from '../core/queue.js';
import type { ReplayGuard } from '../core/replay-guard.js';
import { HttpError } from './errors.js';

/** What the webhook routes need. */
export interface WebhookRouteDeps {
  clock: () => Date;
  channels: ChannelRegistry;
  bot: Bot;
  dedupe: Dedupe;
  /** Refuses a signature reused with another body within its window. */
  replayGuard: ReplayGuard;
  queues: { inbound: Queue<InboundMessage>; outbound: Queue<Delivery> };
  /** Desk handlers by channel name, for platforms where agents also work tickets (Slack's agent channel). */
  desks?: Record<string, DeskHandler>;
  /** Routes of platforms whose SDK runs the whole request (the Bot Framework's), matched before `/{channel}`. */
  platformRoutes?: Hono;
}

/** The request as channels see it: header names lower-case, the body as the exact raw string. */
export async function rawRequest(c: Context): Promise<RawRequest> {
  return {
    method: c.req.method,
    headers: Object.fromEntries([...c.req.raw.headers].map(([k, v]) => [k.toLowerCase(), v])),
    query: c.req.query(),
    body: await c.req.text(),
  };
}

/** Runs an agent's action parsed by a channel (`kind: 'desk'`) and gives the HTTP answer; inline, within the ack. */
export interface DeskHandler {
  handle(action: unknown, now: Date): Promise<HttpReply>;
}

/**
 * `/webhooks/{channel}` for every platform: verify the signature on the raw body (401 and nothing stored if it
 * fails), parse, drop platform retries by message id, then answer inline or queue the message and ack at once.
 */
export function webhookRoutes(deps: WebhookRouteDeps) {
  const app = new Hono();
  if (deps.platformRoutes) app.route('/', deps.platformRoutes);
  app.all('/:channel', async (c) => {
    const name = c.req.param('channel');
    const channel = deps.channels.webhook(name);
    if (!channel)
      throw new HttpError(404, 'channel_off', `the ${name} channel is not configured on this deployment`);
    const raw = await rawRequest(c);
    const now = deps.clock();
    if (!(await channel.verify(raw, now)))
      throw new HttpError(401, 'bad_signature', 'the request signature is missing, wrong or stale');
    const replay = channel.replayKey?.(raw);
    if (
      replay &&
      !(await deps.replayGuard.admit(`${name}#${replay.signature}`, raw.body, replay.ttlSeconds, now))
    )
      throw new HttpError(401, 'replayed', 'this signature was already used with another body');
    const parsed = parse(channel, raw);
    if (parsed.kind === 'handshake') return reply(parsed.reply);
    if (parsed.kind === 'pull') return reply(await parsed.answer());
    if (parsed.kind === 'ignore') return reply(parsed.reply ?? { status: 200, body: '' });
    if (parsed.kind === 'desk') {
      const desk = deps.desks?.[channel.name];
      if (!desk) return reply({ status: 200, body: '' });
      const act = () => desk.handle(parsed.action, now);
      const done = parsed.id
        ? await deps.dedupe.once(`${channel.name}#desk#${parsed.id}`, now, act)
        : { value: await act() };
      return reply(done?.value ?? { status: 200, body: '' });
    }
    const msg = parsed.message;
    const key = `${channel.name}#${msg.id}`;
    // The inbound queue's worker answers a message handed to it. Another attempt holding the claim may have died
    // (a kill, a timeout) before it queued the message or answered; a plain ack would lose the message, so a retry
    // that finds it claimed hands it to the queue as well: the worker gets the replies the bot recorded, if any, and
    // queues them under the ids an attempt still running would use, so the delivery worker sends each once. (An
    // inline answer of a live attempt is not a delivery: a platform retry after it arrived would hear it again by
    // API. WeChat retries only when no answer came within 5 s.)
    const queueInstead = async () => {
      await channel.received?.(msg);
      await deps.queues.inbound.send(msg);
    };
    const work = async () => {
      if (channel.mode === 'queue') {
        await queueInstead();
        return reply(channel.respond(msg, []));
      }
      await channel.received?.(msg);
      const handling = deps.bot.handle(msg, now);
      const answered = await withinBudget(handling, channel.replyBudgetMs);
      if (answered) return await answer(channel, msg, answered.replies);
      // Too slow for the platform, which stops waiting and retries (the retry gets the plain ack below): the bot
      // still finishes and its replies are queued before this handler returns, as Lambda may freeze right after.
      await deliverLater(msg, handling);
      return reply(channel.respond(msg, []));
    };
    const handled = await deps.dedupe.once(key, now, work, { busy: queueInstead });
    // A platform retry of a message already handled gets the plain ack, never a second answer.
    return handled?.value ?? reply(channel.respond(msg, []));
  });
  return app;

  function parse(channel: WebhookChannel, raw: RawRequest) {
    try {
      return channel.parse(raw);
    } catch (error) {
      if (error instanceof PayloadError) throw new HttpError(error.status, 'bad_payload', error.message);
      throw error;
    }
  }

  /** The HTTP answer, and the replies that did not fit in it (WeChat's one passive message) to the outbound queue. */
  async function answer(channel: WebhookChannel, msg: InboundMessage, replies: OutboundMessage[]) {
    const { later = [], ...http } = channel.respond(msg, replies);
    // The replies that did not fit are the last ones.
    for (const delivery of replyDeliveries(msg, later, replies.length - later.length))
      await deps.queues.outbound.send(delivery);
    return reply(http);
  }

  async function deliverLater(msg: InboundMessage, handling: ReturnType<Bot['handle']>) {
    let replies: OutboundMessage[];
    try {
      ({ replies } = await handling);
    } catch (error) {
      // The platform's retry may already have had its ack, so a failure here must not drop the message: the
      // inbound queue runs the bot on it again (and retries, then dead-letters it).
      console.error(
        JSON.stringify({ level: 'error', msg: 'late bot failure; queued', error: String(error) }),
      );
      await deps.queues.inbound.send(msg);
      return;
    }
    for (const delivery of replyDeliveries(msg, replies)) await deps.queues.outbound.send(delivery);
  }

  function reply(answer: { status: number; body: string; headers?: Record<string, string> }) {
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }
}

/** The work's result if it comes within `ms` (no limit when undefined); undefined once the budget is spent. */
async function withinBudget<T>(work: Promise<T>, ms: number | undefined): Promise<T | undefined> {
  if (ms === undefined) return work;
  const timer = new AbortController();
  const spent = sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined);
  try {
    return await Promise.race([work, spent]);
  } finally {
    timer.abort();
  }
}
