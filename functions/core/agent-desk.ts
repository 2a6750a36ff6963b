import type { ConversationRef, OutboundMessage } from '../../channels/types.js';
import type { Agent } from './agents.js';
import { say } from './bot/texts.js';
import { LABELS } from './bot/texts.js';
import {
  ConversationConflictError,
  type ConversationState,
  type ConversationStore,
} from './conversations.js';
import type { Queue } from './queue.js';
import { type EventBody, stampEvents } from './reports/report-events.js';
import { announcePositions } from './queue-positions.js';
import { type Ticket, TicketConflictError } from './ticket.js';
import type { TicketStore } from './tickets.js';

/** What the outbound queue carries: one message for one user, delivered by the user's channel. */
export interface Delivery {
  to: ConversationRef;
  message: OutboundMessage;
  /** The ticket the message belongs to, where a failed delivery is recorded (UnreachableError). */
  ticketId?: string;
  /**
   * Names the reply for the delivery worker's dedupe where the same reply may be queued twice (the bot's replies to
   * a message handled again after a crash): see `replyDeliveries`. Without it the SQS message id serves.
   */
  id?: string;
}

/**
 * The deliveries of the bot's replies to an inbound message, each named by its place among all of them (`first`:
 * the place of the first given), so that the same reply queued again by a message handled again has the same id.
 */
export const replyDeliveries = (
  msg: { id: string; from: ConversationRef },
  replies: readonly OutboundMessage[],
  first = 0,
): Delivery[] =>
  replies.map((message, i) => ({
    to: msg.from,
    message,
    id: `reply#${msg.from.channel}#${msg.id}#${first + i}`,
  }));

interface DeskDeps {
  tickets: TicketStore;
  conversations: ConversationStore;
  outbound: Queue<Delivery>;
  settings: { claimTimeoutSeconds: number };
  /** Told once per transfer nobody claimed in time (agents' alerts outside the console, e.g. a DingTalk group). */
  notifiers?: { ticketOverdue?(ticket: Ticket, now: Date): Promise<void> }[];
}

/** What agents do with tickets, whichever console (web or Slack) they do it from. */
export function createAgentDesk(deps: DeskDeps) {
  const { tickets, conversations } = deps;

  /** The ticket's report events, written with the transcript line that goes with them. */
  const eventsOf = (ticket: Ticket, bodies: EventBody[], now: Date) =>
    stampEvents(bodies, { key: ticket.conversationKey, channel: ticket.ref.channel, lang: ticket.lang }, now);

  /** Appends to the transcript and queues the message for delivery on the user's channel. */
  async function tellUser(
    ticket: Ticket,
    message: OutboundMessage,
    now: Date,
    options: { agent?: Agent; events?: EventBody[] } = {},
  ): Promise<void> {
    const { agent } = options;
    await conversations.append(
      ticket.conversationKey,
      [
        {
          role: agent ? 'agent' : 'bot',
          text: message.text,
          choices: message.choices,
          agentName: agent?.name,
          at: now.getTime(),
        },
      ],
      now,
      eventsOf(ticket, options.events ?? [], now),
    );
    await deps.outbound.send({ to: ticket.ref, message, ticketId: ticket.id });
  }

  /** Applies a change to the conversation, retrying when a user message saved it first. */
  async function updateConversation(
    key: string,
    now: Date,
    change: (s: ConversationState) => ConversationState,
  ) {
    for (let attempt = 1; ; attempt++) {
      const state = await conversations.find(key);
      if (!state) return;
      try {
        await conversations.save(change(state), now);
        return;
      } catch (error) {
        if (!(error instanceof ConversationConflictError) || attempt >= 3) throw error;
      }
    }
  }

  async function owned(ticketId: string, agent: Agent): Promise<Ticket> {
    const ticket = await tickets.get(ticketId);
    if (!ticket || ticket.status !== 'claimed' || ticket.agentId !== agent.id) {
      throw new TicketConflictError(`ticket ${ticketId} is not claimed by ${agent.name}`);
    }
    return ticket;
  }

  const announce = (now: Date) =>
    announcePositions({ tickets, tell: (ticket, message) => tellUser(ticket, message, now) });

  return {
    /** Makes the agent the one owner; a second claim fails with TicketConflictError. */
    async claim(ticketId: string, agent: Agent, now: Date): Promise<Ticket> {
      const ticket = await tickets.claim(ticketId, agent, now);
      // A left message did not hold the conversation; from now on the agent does.
      await updateConversation(ticket.conversationKey, now, (s) => ({
        ...s,
        ticketId: ticket.id,
        pending: undefined,
      }));
      const events: EventBody[] = [{ type: 'claimed', ticketId: ticket.id }];
      if (ticket.kind === 'transfer') {
        const text = say('transferClaimed', ticket.lang, { agent: agent.name });
        await tellUser(ticket, { text }, now, { events });
        await announce(now);
      } else await conversations.append(ticket.conversationKey, [], now, eventsOf(ticket, events, now));
      return ticket;
    },

    async reply(ticketId: string, agent: Agent, text: string, now: Date): Promise<void> {
      const ticket = await owned(ticketId, agent);
      const first = await tickets.firstResponse(ticketId, agent.id, now).catch((error) => {
        if (!(error instanceof TicketConflictError)) throw error;
      });
      const events: EventBody[] = first
        ? [{ type: 'first-response', ticketId, since: ticket.createdAt }]
        : [];
      await tellUser(ticket, { text }, now, { agent, events });
    },

    /** Closes the ticket, gives the conversation back to the bot and asks the user for a rating. */
    async resolve(ticketId: string, agent: Agent, now: Date): Promise<Ticket> {
      const ticket = await tickets.resolve(ticketId, agent.id, now);
      const choices = [1, 2, 3, 4, 5].map((n) => ({ id: `csat:${ticket.id}:${n}`, label: String(n) }));
      await updateConversation(ticket.conversationKey, now, (s) => ({
        ...s,
        ticketId: undefined,
        pending: { kind: 'choices', choices },
      }));
      await tellUser(ticket, { text: say('resolved', ticket.lang), choices }, now, {
        events: [{ type: 'resolved', ticketId, since: ticket.createdAt }],
      });
      return ticket;
    },

    /** Hands the conversation back to the bot without closing it as resolved. */
    async release(ticketId: string, agent: Agent, now: Date): Promise<Ticket> {
      const ticket = await tickets.release(ticketId, agent.id, now);
      await updateConversation(ticket.conversationKey, now, (s) => ({
        ...s,
        ticketId: undefined,
        pending: undefined,
      }));
      await tellUser(ticket, { text: say('botResumed', ticket.lang) }, now);
      return ticket;
    },

    /** Tells waiting customers whose place in the queue changed their new place; returns how many were told. */
    announcePositions: announce,

    /** Offers users whose transfer nobody claimed in time to leave a message instead; run on a schedule. */
    async offerUnclaimed(now: Date): Promise<number> {
      const cutoff = now.getTime() - deps.settings.claimTimeoutSeconds * 1000;
      const due = (await tickets.list('queued', 1000)).filter(
        (t) => t.kind === 'transfer' && t.createdAt <= cutoff && t.offeredAt === undefined,
      );
      let offered = 0;
      const failedAlerts: unknown[] = [];
      for (const ticket of due) {
        try {
          await tickets.markOffered(ticket.id, now);
        } catch (error) {
          if (error instanceof TicketConflictError) continue;
          throw error;
        }
        const choices = [
          { id: 'leave:yes', label: LABELS.leaveYes[ticket.lang] },
          { id: 'wait', label: LABELS.wait[ticket.lang] },
        ];
        await updateConversation(ticket.conversationKey, now, (s) => ({
          ...s,
          pending: { kind: 'choices', choices },
        }));
        await tellUser(ticket, { text: say('transferUnclaimedOffer', ticket.lang), choices }, now);
        offered++;
        // markOffered above lets one sweep through per ticket, so each alert goes out once.
        for (const notifier of deps.notifiers ?? []) {
          await notifier.ticketOverdue?.(ticket, now).catch((error: unknown) => failedAlerts.push(error));
        }
      }
      // The sweep also catches places changed by cancellations, which the bot does not announce itself.
      await announce(now);
      // A failed alert does not hold back other users' offers, but the sweep still reports it.
      if (failedAlerts.length) throw new AggregateError(failedAlerts, 'overdue-ticket alerts failed');
      return offered;
    },
  };
}

/** The agent desk's interface, as its factory builds it. */
export type AgentDesk = ReturnType<typeof createAgentDesk>;
