import type { SlackApi } from '../../channels/slack/api.js';
import { type TicketCard, ticketCardBlocks } from '../../channels/slack/desk-blocks.js';
import type { ChannelStore } from '../../channels/types.js';
import type { Agent } from '../core/agents.js';
import type { ConversationStore, TranscriptEntry } from '../core/conversations.js';
import type { Ticket } from '../core/ticket.js';

/** Lines of the conversation a ticket's card shows. */
export const CARD_TRANSCRIPT_LINES = 6;
const CARD_TTL_SECONDS = 90 * 86_400;
const PAGE = 200;

/** Agents working in Slack are `slack:U…`; the Slack user id back from an agent id, if it is one. */
export const slackAgent = (userId: string, name: string): Agent => ({ id: `slack:${userId}`, name });
export const slackUserOf = (agentId: string | undefined) =>
  agentId?.startsWith('slack:') ? agentId.slice('slack:'.length) : undefined;

/** The newest lines of a conversation (the store pages oldest first). */
export async function lastLines(
  conversations: ConversationStore,
  key: string,
  count: number,
): Promise<TranscriptEntry[]> {
  let lines: TranscriptEntry[] = [];
  for (let page = await conversations.transcript(key, { limit: PAGE }); ;) {
    lines = [...lines, ...page].slice(-count);
    if (page.length < PAGE) return lines;
    page = await conversations.transcript(key, { after: page.at(-1)!.cursor, limit: PAGE });
  }
}

/** The ticket messages in the agent channel: where each one is, and how it looks now. */
export function createSlackCards(deps: {
  api: SlackApi;
  store: ChannelStore;
  conversations: ConversationStore;
  agentChannel: string;
}) {
  const { api, store, agentChannel } = deps;
  const cardKey = (ticketId: string) => `slack-desk:card:${ticketId}`;
  const threadKey = (ts: string) => `slack-desk:thread:${ts}`;

  async function render(ticket: Ticket, now: Date) {
    const lines = await lastLines(deps.conversations, ticket.conversationKey, CARD_TRANSCRIPT_LINES);
    const owner = ticket.agentId && {
      slackUserId: slackUserOf(ticket.agentId),
      name: ticket.agentName ?? ticket.agentId,
    };
    const card: TicketCard = {
      ticketId: ticket.id,
      kind: ticket.kind,
      status: ticket.status,
      userChannel: ticket.ref.channel,
      lang: ticket.lang,
      question: ticket.question,
      message: ticket.message,
      contact: ticket.contact,
      createdAt: ticket.createdAt,
      owner: owner || undefined,
      transcript: lines.map((line) => ({ role: line.role, name: line.agentName, text: line.text })),
    };
    return ticketCardBlocks(card, now);
  }

  return {
    /** The card's ts (its thread) for a ticket, if the desk posted one. */
    ts: (ticketId: string) => store.get(cardKey(ticketId)),
    /** The ticket whose card starts this thread, if any. */
    ticketOf: (threadTs: string) => store.get(threadKey(threadTs)),

    /** Posts a ticket's card once; a redelivered notification finds it posted and does nothing. */
    async post(ticket: Ticket, now: Date): Promise<void> {
      if (await store.get(cardKey(ticket.id))) return;
      const { ts } = await api.postMessage({ channel: agentChannel, ...(await render(ticket, now)) });
      await store.put(threadKey(ts), ticket.id, CARD_TTL_SECONDS);
      await store.put(cardKey(ticket.id), ts, CARD_TTL_SECONDS);
    },

    /** Redraws a ticket's card from its stored state (owner, status, buttons, latest lines). */
    async refresh(ticket: Ticket, now: Date): Promise<void> {
      const ts = await store.get(cardKey(ticket.id));
      if (ts) await api.update({ channel: agentChannel, ts, ...(await render(ticket, now)) });
    },
  };
}

/** The card store's interface, as its factory builds it. */
export type SlackCards = ReturnType<typeof createSlackCards>;
