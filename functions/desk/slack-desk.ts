import { createSlackApi } from '../../channels/slack/api.js';
import { waited } from '../../channels/slack/desk-blocks.js';
import { slackSettings } from '../../channels/slack/settings.js';
import type { ChannelStore, InboundMessage } from '../../channels/types.js';
import type { DeskHandler } from '../api/webhook-routes.js';
import type { AgentDesk, Delivery } from '../core/agent-desk.js';
import type { Bot } from '../core/bot/bot.js';
import { type ConversationStore, conversationKey } from '../core/conversations.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { Queue } from '../core/queue.js';
import type { TicketStore } from '../core/tickets.js';
import type { TicketNotifier } from '../workers/tickets.js';
import { createSlackCards } from './slack-cards.js';
import { createSlackDeskActions } from './slack-desk-actions.js';

/** What the Slack agent desk needs from frontdesk's services. */
export interface SlackDeskDeps {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  store: ChannelStore;
  tickets: TicketStore;
  conversations: ConversationStore;
  desk: AgentDesk;
  faqStore: FaqStore;
  faq: LiveFaq;
  outbound: Queue<Delivery>;
  clock: () => Date;
  log: (line: string) => void;
}

/**
 * The agent desk in a Slack channel (docs/channels/slack.md): every new ticket is posted there with Claim, Resolve
 * and Save as FAQ; the owner's replies in its thread reach the user, and the user's messages reach the thread.
 * Undefined, with a log line saying why, unless Slack's secrets and SLACK_AGENT_CHANNEL are set.
 */
export function slackDeskFromEnv(deps: SlackDeskDeps) {
  const settings = slackSettings(deps.env);
  if (!settings?.agentChannel) {
    const missing = settings
      ? 'SLACK_AGENT_CHANNEL'
      : 'SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_AGENT_CHANNEL';
    deps.log(`The Slack agent desk is off: set ${missing} to turn it on (docs/channels/slack.md)`);
    return undefined;
  }
  const agentChannel: string = settings.agentChannel;
  const api = createSlackApi(settings, deps.fetch);
  const cards = createSlackCards({ api, store: deps.store, conversations: deps.conversations, agentChannel });
  const actions = createSlackDeskActions({ ...deps, api, cards, agentChannel });

  const notifier: TicketNotifier = {
    name: 'slack-desk',
    ticketCreated: (ticket) => cards.post(ticket, deps.clock()),
    /** The desk's sweep calls this once per transfer unclaimed after FRONTDESK_CLAIM_TIMEOUT_SECONDS. */
    async ticketOverdue(ticket, now) {
      const ts = await cards.ts(ticket.id);
      if (!ts) return;
      const text = `:alarm_clock: Nobody has claimed this yet: the user has waited ${waited(now.getTime() - ticket.createdAt)}.`;
      // Broadcast, so the reminder shows in the channel and not only in the thread.
      await api.postMessage({ channel: agentChannel, thread_ts: ts, reply_broadcast: true, text });
      await cards.refresh(ticket, now);
    },
  };

  /** While a ticket is open the bot is silent; the user's message then goes to the ticket's thread too. */
  async function mirror(msg: InboundMessage): Promise<void> {
    const state = await deps.conversations.find(conversationKey(msg.from));
    const ts = state?.ticketId && (await cards.ts(state.ticketId));
    if (!state?.ticketId || !ts) return;
    const to = {
      channel: 'slack',
      conversationId: `desk:${state.ticketId}`,
      userId: '',
      address: { channel: agentChannel, thread_ts: ts },
    };
    // One id per message, so a message handled again after a crash is copied once.
    const id = `mirror#${msg.from.channel}#${msg.id}`;
    await deps.outbound.send({ to, message: { text: `:speech_balloon: User: ${msg.text}` }, id });
  }

  const handler: DeskHandler = { handle: actions.handle };
  return {
    ...handler,
    notifier,

    /** The bot, with the user's messages to an open ticket copied to its thread (through the outbound queue). */
    mirror(bot: Bot): Bot {
      return {
        async handle(msg, now, lang) {
          const result = await bot.handle(msg, now, lang);
          if (result.replies.length === 0) {
            // The message is in the transcript already; a lost copy must not make the user's message fail.
            await mirror(msg).catch((error) =>
              deps.log(`slack desk: could not copy a message to its ticket: ${error}`),
            );
          }
          return result;
        },
      };
    },
  };
}

/** The Slack agent desk, as its factory builds it. */
export type SlackDesk = NonNullable<ReturnType<typeof slackDeskFromEnv>>;
