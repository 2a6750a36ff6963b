import type {
  SlackButtonAction,
  SlackDeskAction,
  SlackFaqSubmission,
  SlackThreadReply,
} from '../../channels/slack/actions.js';
import type { SlackApi } from '../../channels/slack/api.js';
import { faqModal, who } from '../../channels/slack/desk-blocks.js';
import type { HttpReply } from '../../channels/types.js';
import type { AgentDesk } from '../core/agent-desk.js';
import type { ConversationStore } from '../core/conversations.js';
import { FaqEntry } from '../core/faq/entry.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import { type Ticket, TicketConflictError } from '../core/ticket.js';
import type { TicketStore } from '../core/tickets.js';
import { lastLines, type SlackCards, slackAgent, slackUserOf } from './slack-cards.js';

const ACK: HttpReply = { status: 200, body: '' };
const owner = (t: Ticket) =>
  who(t.agentId ? { slackUserId: slackUserOf(t.agentId), name: t.agentName ?? t.agentId } : undefined);

/** Why an agent's action did not apply, in the ticket's current state; undefined when it is already done by them. */
function conflict(
  ticket: Ticket | undefined,
  agentId: string,
  doing: 'claim' | 'resolve' | 'reply',
): string | undefined {
  if (!ticket) return 'This ticket no longer exists.';
  const mine = ticket.agentId === agentId;
  if (doing === 'claim' && ticket.status === 'claimed' && mine) return undefined;
  if (doing === 'resolve' && ticket.status === 'resolved' && mine) return undefined;
  if (ticket.status === 'queued') return 'Claim the ticket first.';
  if (ticket.status === 'claimed') return `${owner(ticket)} has claimed this ticket.`;
  return `This ticket is closed (${ticket.status}).`;
}

/** Agents' clicks, modal submissions and thread replies in the agent channel, on the same desk as the web console. */
export function createSlackDeskActions(deps: {
  api: SlackApi;
  cards: SlackCards;
  tickets: TicketStore;
  conversations: ConversationStore;
  desk: AgentDesk;
  faqStore: FaqStore;
  faq: LiveFaq;
  agentChannel: string;
}) {
  const { api, cards, tickets } = deps;

  const tell = (user: string, text: string, threadTs?: string) =>
    api.postEphemeral({ channel: deps.agentChannel, user, text, ...(threadTs && { thread_ts: threadTs }) });

  /** Runs a desk transition; on a lost race explains why privately. True when it applied (now or before). */
  async function attempt(
    action: { ticketId: string; agent: { userId: string } },
    doing: 'claim' | 'resolve',
    run: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof TicketConflictError)) throw error;
      const why = conflict(await tickets.get(action.ticketId), `slack:${action.agent.userId}`, doing);
      if (why) await tell(action.agent.userId, why);
      return why === undefined;
    }
  }

  async function redraw(ticketId: string, now: Date) {
    const ticket = await tickets.get(ticketId);
    if (ticket) await cards.refresh(ticket, now);
  }

  async function reply(action: SlackThreadReply, now: Date) {
    const ticketId = await cards.ticketOf(action.threadTs);
    if (!ticketId) return; // a thread under some other message
    const ticket = await tickets.get(ticketId);
    const agentId = `slack:${action.agent.userId}`;
    if (ticket?.status === 'claimed' && ticket.agentId === agentId) {
      const agent = slackAgent(action.agent.userId, ticket.agentName ?? action.agent.name);
      try {
        return await deps.desk.reply(ticketId, agent, action.text, now);
      } catch (error) {
        // Resolved or released between the read and the reply: explained below like any other refusal.
        if (!(error instanceof TicketConflictError)) throw error;
      }
    }
    const why = conflict(await tickets.get(ticketId), agentId, 'reply') ?? 'Claim the ticket first.';
    await tell(action.agent.userId, `Not sent to the user. ${why}`, action.threadTs);
  }

  async function openFaq(action: SlackButtonAction) {
    const ticket = await tickets.get(action.ticketId);
    if (!ticket) return tell(action.agent.userId, 'This ticket no longer exists.');
    // The agent's answer: their latest line in the conversation.
    const lines = await lastLines(deps.conversations, ticket.conversationKey, 50);
    const answer = lines.findLast((line) => line.role === 'agent')?.text ?? '';
    await api.openView(action.triggerId, faqModal(ticket.id, ticket.question, answer));
  }

  async function saveFaq(action: SlackFaqSubmission): Promise<HttpReply> {
    const ticket = await tickets.get(action.ticketId);
    const entry = FaqEntry.safeParse({
      id: `desk-${action.ticketId}`,
      questions: [action.question],
      answer: action.answer,
      lang: ticket?.lang,
    });
    if (!entry.success) {
      // Slack shows these under the inputs (https://api.slack.com/surfaces/modals#displaying_errors).
      const errors: Record<string, string> = {};
      for (const issue of entry.error.issues)
        errors[issue.path[0] === 'answer' ? 'answer' : 'question'] = issue.message;
      const body = JSON.stringify({ response_action: 'errors', errors });
      return { status: 200, body, headers: { 'content-type': 'application/json' } };
    }
    await deps.faqStore.put(entry.data);
    deps.faq.invalidate();
    const ts = await cards.ts(action.ticketId);
    const text = `:books: <@${action.agent.userId}> saved this as an FAQ answer.`;
    if (ts) await api.postMessage({ channel: deps.agentChannel, thread_ts: ts, text });
    return ACK;
  }

  return {
    /** Handles one parsed action; the reply is the HTTP answer to Slack (a modal's validation errors, or empty). */
    async handle(input: unknown, now: Date): Promise<HttpReply> {
      // Built by channels/slack/parse.ts from a request whose signature was verified.
      const action = input as SlackDeskAction;
      const agent = slackAgent(action.agent.userId, action.agent.name);
      switch (action.type) {
        case 'claim':
          if (await attempt(action, 'claim', () => deps.desk.claim(action.ticketId, agent, now)))
            await api.react({ channel: action.channel, timestamp: action.messageTs, name: 'eyes' });
          await redraw(action.ticketId, now);
          return ACK;
        case 'resolve':
          if (await attempt(action, 'resolve', () => deps.desk.resolve(action.ticketId, agent, now)))
            await api.react({
              channel: action.channel,
              timestamp: action.messageTs,
              name: 'white_check_mark',
            });
          await redraw(action.ticketId, now);
          return ACK;
        case 'open-faq':
          await openFaq(action);
          return ACK;
        case 'save-faq':
          return saveFaq(action);
        case 'reply':
          await reply(action, now);
          return ACK;
      }
    },
  };
}
