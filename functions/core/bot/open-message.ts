import type { ConversationState } from '../conversations.js';
import type { Ticket } from '../ticket.js';
import { isCancel } from './choices.js';
import type { Turn, TurnContext } from './context.js';
import { sendHandoff } from './handoff-draft.js';
import { backAt } from './handoff.js';
import { say } from './texts.js';

const WITHDRAW = /\b(withdraw|delete|remove)\b.{0,20}\bmessage\b|撤回|删除留言|不留言了/i;

/**
 * While a left message waits for an agent, the customer's messages belong to it: each is added for the agent
 * and the bot does not answer for them, only says what the customer can do (wait, or cancel to withdraw it).
 * A ticket still on its way to the store (the draft in the state) takes the follow-up itself and is sent again;
 * the tickets worker adds what a copy brings to a ticket already stored.
 */
export async function whileMessageOpen(
  ctx: TurnContext,
  state: ConversationState,
  ticket: Ticket,
): Promise<Turn> {
  const { deps, msg, now } = ctx;
  const lang = state.lang;
  const draft = state.handoff?.ticket.id === ticket.id ? state.handoff.ticket : undefined;
  if (isCancel(msg.text) || WITHDRAW.test(msg.text)) {
    let withdrawn = state;
    if (draft)
      withdrawn = await sendHandoff(ctx, state, { ...draft, status: 'cancelled', closedAt: now.getTime() });
    else await deps.tickets.cancel(ticket.id, now).catch(ignoreConflict);
    return {
      state: { ...withdrawn, ticketId: undefined, pending: undefined },
      replies: [{ text: say('messageWithdrawn', lang) }],
    };
  }
  if (msg.event) return { state, replies: [] };
  const added = { text: say('messageAdded', lang, { backAt: await backAt(ctx, state) }) };
  if (draft) {
    const followUps = [...(draft.followUps ?? []), { at: now.getTime(), text: msg.text }];
    const sent = await sendHandoff(ctx, state, { ...draft, followUps });
    return { state: sent, replies: [added] };
  }
  await deps.tickets.addFollowUp(ticket.id, msg.text, now).catch(ignoreConflict);
  return { state, replies: [added] };
}

/** Claimed or cancelled meanwhile: the agent has the conversation, nothing to add. */
function ignoreConflict(error: unknown): void {
  if (!(error instanceof Error && error.name === 'TicketConflictError')) throw error;
}
