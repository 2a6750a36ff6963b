import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { ConversationState, Pending } from '../conversations.js';
import { formatBackAt } from '../hours/back-at.js';
import { isStaffed, nextStaffedAt } from '../hours/staffed.js';
import type { Ticket } from '../ticket.js';
import type { Turn, TurnContext } from './context.js';
import { sendHandoff } from './handoff-draft.js';
import { isCancel } from './choices.js';
import { LABELS, say } from './texts.js';

/** The user wants a person: queue a transfer in staffed hours, otherwise offer to leave a message. */
export async function requestHuman(ctx: TurnContext, state: ConversationState): Promise<Turn> {
  const { deps, now } = ctx;
  const hours = await deps.hours.current();
  if (!isStaffed(hours, now)) {
    const choices = [
      { id: 'leave:yes', label: LABELS.leaveYes[state.lang] },
      { id: 'leave:no', label: LABELS.leaveNo[state.lang] },
    ];
    return {
      state: { ...state, pending: { kind: 'choices', choices } },
      replies: [{ text: say('outOfHours', state.lang, { backAt: await backAt(ctx, state) }), choices }],
      events: [{ type: 'handoff' }],
    };
  }
  const draft = newTicket(ctx, state, 'transfer');
  const position = await deps.tickets.position(draft);
  // The place told now travels with the ticket, so the queue's later announcements tell only a change.
  const ticket = { ...draft, toldPosition: position };
  const sent = await sendHandoff(ctx, state, ticket);
  return {
    state: { ...sent, ticketId: ticket.id, pending: undefined, unanswered: 0 },
    replies: [{ text: say('transferQueued', state.lang, { position }) }],
    events: [{ type: 'handoff' }, { type: 'ticket', ticketId: ticket.id, kind: 'transfer' }],
  };
}

/** Starts the leave-a-message flow. */
export function startLeaveMessage(state: ConversationState): Turn {
  const lang = state.lang;
  return {
    state: { ...state, pending: { kind: 'leave-message', step: 'message' } },
    replies: [{ text: `${say('askMessage', lang)}\n${say('cancelHint', lang)}` }],
  };
}

const Contact = z.union([z.email(), z.string().regex(/^\+?\d{7,15}$/)]);

/** One step of the leave-a-message flow: the message, then a contact where the channel has none. */
export async function continueLeaveMessage(
  ctx: TurnContext,
  state: ConversationState,
  pending: Extract<Pending, { kind: 'leave-message' }>,
): Promise<Turn> {
  const { deps, msg } = ctx;
  const lang = state.lang;
  const text = msg.text.trim();
  if (isCancel(text)) {
    return {
      state: { ...state, pending: undefined },
      replies: [{ text: say('leaveMessageCancelled', lang) }],
    };
  }
  if (pending.step === 'message' && !deps.identifiesUser(state.ref.channel)) {
    return {
      state: { ...state, pending: { kind: 'leave-message', step: 'contact', message: text } },
      replies: [{ text: say('askContact', lang) }],
    };
  }
  let contact: string | undefined;
  if (pending.step === 'contact') {
    const parsed = Contact.safeParse(text.replace(/[\s()-]/g, ''));
    if (!parsed.success) return { state, replies: [{ text: say('contactInvalid', lang) }] };
    contact = parsed.data;
  }
  const message = pending.step === 'contact' ? pending.message : text;
  const ticket = { ...newTicket(ctx, state, 'message', message), message, contact };
  const sent = await sendHandoff(ctx, state, ticket);
  // The left message holds the conversation: what the customer writes next is added to it for the agent.
  return {
    state: { ...sent, ticketId: ticket.id, pending: undefined, unanswered: 0 },
    replies: [{ text: say('leaveMessageConfirm', lang, { backAt: await backAt(ctx, state) }) }],
    events: [{ type: 'ticket', ticketId: ticket.id, kind: 'message' }],
  };
}

/** When staff are next on duty, in the customer's language. */
export async function backAt(ctx: TurnContext, state: ConversationState): Promise<string> {
  const hours = await ctx.deps.hours.current();
  const next = nextStaffedAt(hours, ctx.now);
  return next ? formatBackAt(hours, next, ctx.now, state.lang) : LABELS.soon[state.lang];
}

/**
 * A ticket whose id derives from the message, so a retried message enqueues the same ticket, not a second. Its
 * question is the customer's last question, else the message left, else the request itself.
 */
function newTicket(
  ctx: TurnContext,
  state: ConversationState,
  kind: Ticket['kind'],
  message?: string,
): Ticket {
  const id = createHash('sha256').update(`${state.key}\n${ctx.msg.id}\n${kind}`).digest('hex').slice(0, 20);
  return {
    id,
    kind,
    status: 'queued',
    conversationKey: state.key,
    ref: state.ref,
    lang: state.lang,
    question: state.lastQuestion ?? message ?? ctx.msg.text,
    createdAt: ctx.now.getTime(),
  };
}
