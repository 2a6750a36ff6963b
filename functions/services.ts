import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { dingTalkAlertsFromEnv } from '../channels/dingtalk/alerts.js';
import { type ChannelRegistry, channelsFromEnv, createChannelRegistry } from '../channels/index.js';
import type { Channel, InboundMessage } from '../channels/types.js';
import { type Delivery, createAgentDesk } from './core/agent-desk.js';
import { createAgentStore } from './core/agents.js';
import { createBot } from './core/bot/bot.js';
import { createChannelStore } from './core/channel-store.js';
import type { TicketEvent } from './core/bot/context.js';
import { createSmallTalk } from './core/bot/small-talk.js';
import type { Config } from './core/config.js';
import { createConversationStore } from './core/conversations.js';
import { createDb } from './core/db.js';
import { createDedupe } from './core/dedupe.js';
import { createDynamoFaqStore } from './core/faq/dynamo-faq-store.js';
import { createFaqDrafts } from './core/faq/faq-drafts.js';
import { withFaqHistory } from './core/faq/faq-history.js';
import { createRegressionSet } from './core/faq/regression-set.js';
import { createFaqSnapshotStore } from './core/faq/faq-snapshot-store.js';
import { createLiveFaq } from './core/faq/live-faq.js';
import { alwaysStaffed, createHoursStore } from './core/hours/hours-store.js';
import { createInsights } from './core/insights.js';
import { createHiddenQuestions } from './core/unanswered-hidden.js';
import { createSqsQueue } from './core/queue.js';
import { createConversationGate } from './core/conversation-gate.js';
import { routeOutbound } from './core/outbound-queues.js';
import { createRateLimiter } from './core/rate-limit.js';
import { createReplayGuard } from './core/replay-guard.js';
import { createReportStore } from './core/reports/report-store.js';
import { createTicketStore } from './core/tickets.js';
import { timedFetch } from './core/timed-fetch.js';
import { createDeadLetters, type QueueUrls, queueUrlsFromEnv } from './core/dead-letters.js';
import { createFailureLog } from './core/failures.js';
import type { DeskHandler } from './api/webhook-routes.js';
import { slackDeskFromEnv } from './desk/slack-desk.js';
import type { TicketNotifier } from './workers/tickets.js';
import { createWorkers } from './workers/workers.js';
import type { RetrySchedule } from './workers/retry-schedule.js';

/** SDK clients for the configured endpoints: the stand-ins locally, AWS itself when no endpoint is set. */
export function createClients(config: Config) {
  // Stand-ins accept any credentials; in AWS the SDK finds the function's role by itself.
  const local = { region: config.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    dynamo: new DynamoDBClient(
      config.dynamoEndpoint ? { ...local, endpoint: config.dynamoEndpoint } : { region: config.region },
    ),
    sqs: new SQSClient(
      config.sqsEndpoint ? { ...local, endpoint: config.sqsEndpoint } : { region: config.region },
    ),
  };
}

/** Wires every part of frontdesk once per process; the local server and the Lambda handlers share it. */
export function createServices(
  config: Config,
  clients: ReturnType<typeof createClients>,
  options: {
    /** Channels the runtime builds itself (the web chat); the others come from the environment. */
    channels: Channel[];
    env?: NodeJS.ProcessEnv;
    notifiers?: TicketNotifier[];
    clock?: () => Date;
    alwaysStaffed?: boolean;
    /** Outbound HTTP for channels; tests pass one that reaches their recording server. */
    fetch?: typeof fetch;
    /** How failed queue messages are retried (tests shorten it). */
    retry?: RetrySchedule;
    /** The queues and their DLQs, for listing and redriving dead letters (default: FRONTDESK_*_DLQ_URL from env). */
    queueUrls?: QueueUrls;
  },
) {
  const clock = options.clock ?? (() => new Date());
  const db = createDb(clients.dynamo, config.tableName);
  const channelContext = {
    env: options.env ?? {},
    store: createChannelStore(db, clock),
    fetch: timedFetch(options.fetch ?? fetch),
    log: (message: string) => console.log(message),
  };
  const channels: ChannelRegistry = createChannelRegistry([
    ...options.channels,
    ...channelsFromEnv(channelContext),
  ]);
  // Agent alerts outside the console, turned on by their own variables like the channels.
  const notifiers = [
    ...(options.notifiers ?? []),
    ...dingTalkAlertsFromEnv(channelContext, () => clock().getTime()),
  ];
  const teamsQueue = config.outboundBotframeworkQueueUrl
    ? createSqsQueue<Delivery>(clients.sqs, config.outboundBotframeworkQueueUrl)
    : undefined;
  const queues = {
    inbound: createSqsQueue<InboundMessage>(clients.sqs, config.inboundQueueUrl),
    tickets: createSqsQueue<TicketEvent>(clients.sqs, config.ticketsQueueUrl),
    outbound: routeOutbound({
      outbound: createSqsQueue<Delivery>(clients.sqs, config.outboundQueueUrl),
      botframework: teamsQueue,
    }),
  };
  // Every write through this store is also logged as a version (the admin API's history, diff and rollback).
  const faqStore = withFaqHistory(createDynamoFaqStore({ client: db.doc, tableName: db.table }), db, clock);
  const faq = createLiveFaq(faqStore, {
    snapshots: createFaqSnapshotStore(db),
    matcher: {
      ...(config.answerThreshold !== undefined && { answerThreshold: config.answerThreshold }),
      ...(config.suggestThreshold !== undefined && { suggestThreshold: config.suggestThreshold }),
    },
  });
  const conversations = createConversationStore(db);
  const tickets = createTicketStore(db);
  const dedupe = createDedupe(db);
  const failures = createFailureLog(db);
  const queueUrls = options.queueUrls ?? queueUrlsFromEnv(options.env ?? {});
  const hours = createHoursStore(db);
  const insights = createInsights(db);
  // Local demos and tests may make every moment staffed without touching the stored hours.
  const hoursInForce = options.alwaysStaffed ? { current: async () => alwaysStaffed() } : hours;
  const coreBot = createBot({
    settings: config,
    conversations,
    tickets,
    faq,
    smallTalk: createSmallTalk(),
    hours: hoursInForce,
    ticketQueue: queues.tickets,
    insights,
    identifiesUser: channels.identifiesUser,
  });
  const desk = createAgentDesk({
    tickets,
    conversations,
    outbound: queues.outbound,
    settings: config,
    notifiers,
  });
  // The agent desk in Slack, when SLACK_AGENT_CHANNEL is set: it announces tickets like any notifier (the
  // desk and the tickets worker read `notifiers` when they run), takes agents' actions on /webhooks/slack, and
  // copies users' messages to their ticket's thread.
  const slackDesk = slackDeskFromEnv({
    ...channelContext,
    tickets,
    conversations,
    desk,
    faqStore,
    faq,
    outbound: queues.outbound,
    clock,
  });
  if (slackDesk) notifiers.push(slackDesk.notifier);
  // A stored transfer may change the places of those asking at the same moment: tell them their true place.
  notifiers.push({
    name: 'queue-positions',
    ticketCreated: () => desk.announcePositions(clock()).then(() => {}),
  });
  const bot = slackDesk?.mirror(coreBot) ?? coreBot;
  const desks: Record<string, DeskHandler> = slackDesk ? { slack: slackDesk } : {};
  return {
    config,
    clock,
    db,
    queues,
    channels,
    faqStore,
    faq,
    conversations,
    tickets,
    dedupe,
    failures,
    deadLetters: queueUrls && createDeadLetters({ sqs: clients.sqs, db, queues: queueUrls }),
    replayGuard: createReplayGuard(db),
    hours,
    insights,
    reports: createReportStore({
      db,
      insights,
      hours: hoursInForce,
      zoneHours: hours,
      timeZone: config.timeZone,
    }),
    bot,
    desk,
    desks,
    agents: createAgentStore(db, clock),
    faqDrafts: createFaqDrafts(db, clock),
    regressionSet: createRegressionSet(db),
    hiddenQuestions: createHiddenQuestions(db, clock),
    messageGate: createConversationGate(db, config.messagesPerMinute),
    conversationRateLimit: createRateLimiter(db, config.conversationsPerMinute),
    settings: config,
    workers: createWorkers({
      config,
      sqs: clients.sqs,
      db,
      bot,
      dedupe,
      failures,
      tickets,
      channels,
      outbound: queues.outbound,
      teamsQueue,
      notifiers,
      clock,
      retry: options.retry,
    }),
  };
}

/** Everything createServices wires. */
export type Services = ReturnType<typeof createServices>;
