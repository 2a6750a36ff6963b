import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ChannelRegistry } from '../../channels/index.js';
import type { Delivery } from '../core/agent-desk.js';
import type { Bot } from '../core/bot/bot.js';
import type { Config } from '../core/config.js';
import type { Db } from '../core/db.js';
import type { Dedupe } from '../core/dedupe.js';
import type { FailureLog } from '../core/failures.js';
import { BOT_FRAMEWORK } from '../core/outbound-queues.js';
import type { Queue } from '../core/queue.js';
import { createTicketDelivery } from '../core/ticket-delivery.js';
import type { TicketStore } from '../core/tickets.js';
import { createDeliveryWorker } from './delivery.js';
import { createInboundWorker } from './inbound.js';
import { createRetry } from './retry.js';
import { RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.js';
import { type TicketNotifier, createTicketsWorker } from './tickets.js';

/** The queue consumers, one per queue, as the Lambda handlers and the local pollers call them. */
export function createWorkers(deps: {
  config: Config;
  sqs: SQSClient;
  db: Db;
  bot: Bot;
  dedupe: Dedupe;
  failures: FailureLog;
  tickets: TicketStore;
  channels: ChannelRegistry;
  outbound: Queue<Delivery>;
  /** The queue of replies to Teams, when it has one of its own. */
  teamsQueue?: Queue<Delivery>;
  /** Read when a ticket is stored, so notifiers added after wiring count too. */
  notifiers: TicketNotifier[];
  clock: () => Date;
  /** How failed queue messages are retried (tests shorten it). */
  retry?: RetrySchedule;
}) {
  const { config, clock, dedupe, tickets, channels } = deps;
  const retry = (queue: string, queueUrl: string) =>
    createRetry({
      sqs: deps.sqs,
      queueUrl,
      queue,
      schedule: deps.retry ?? RETRY_SCHEDULE,
      failures: deps.failures,
      clock,
    });
  const deliveryWorker = (
    queue: string,
    queueUrl: string,
    elsewhere?: (d: Delivery) => Queue<Delivery> | undefined,
  ) =>
    createDeliveryWorker({
      elsewhere,
      dedupe,
      onFailure: retry(queue, queueUrl),
      ticketDelivery: createTicketDelivery(deps.db),
      clock,
      channel: channels.get,
      // A user the platform will not reach now (WeChat's 48-hour window) is noted on the ticket for the agent.
      unreachable: ({ ticketId, message }, reason) =>
        tickets.markUnreachable(ticketId, { at: clock().getTime(), reason, text: message.text }),
    });
  return {
    inbound: createInboundWorker({
      bot: deps.bot,
      dedupe,
      outbound: deps.outbound,
      clock,
      onFailure: retry('inbound', config.inboundQueueUrl),
    }),
    tickets: createTicketsWorker({
      tickets,
      notifiers: deps.notifiers,
      dedupe,
      clock,
      onFailure: retry('tickets', config.ticketsQueueUrl),
    }),
    // A reply to Teams that reaches a process without the channel (the delivery function) moves to its queue.
    delivery: deliveryWorker('outbound', config.outboundQueueUrl, (d) =>
      d.to.channel === BOT_FRAMEWORK && !channels.get(BOT_FRAMEWORK) ? deps.teamsQueue : undefined,
    ),
    // Replies to Teams, consumed by the botframework function (locally by the one process).
    botframeworkDelivery: deliveryWorker(
      'outbound-botframework',
      config.outboundBotframeworkQueueUrl ?? config.outboundQueueUrl,
    ),
  };
}
