import type { ConversationState } from '../conversations.js';
import type { Ticket } from '../ticket.js';
import type { Turn, TurnContext } from './context.js';
import { say } from './texts.js';

/** How long a sent ticket may take to be stored before a later message sends it again. */
export const HANDOFF_GRACE_MS = 30_000;

/**
 * Sends a hand-off's ticket to the tickets queue and keeps it as a draft in the conversation state until it is
 * seen stored: if the process dies between the send and the store, or the message is lost, a later message finds
 * the draft and sends it again (the ticket id is deterministic, so a second copy changes nothing).
 */
export async function sendHandoff(ctx: TurnContext, state: ConversationState, ticket: Ticket) {
  await ctx.deps.ticketQueue.send({ type: 'created', ticket });
  return { ...state, handoff: { ticket, sentAt: ctx.now.getTime() } };
}

/**
 * Settles the draft before a message is decided: dropped once its ticket is stored; sent again once the grace
 * period is over. A transfer still on its way answers the message itself: silence within the grace period (the
 * queue owns the conversation), then "you are still in the queue", so a conversation is never silent for good.
 */
export async function settleHandoff(
  ctx: TurnContext,
  state: ConversationState,
): Promise<{ state: ConversationState; turn?: Turn }> {
  const draft = state.handoff;
  if (!draft) return { state };
  const { deps, now } = ctx;
  if (await deps.tickets.get(draft.ticket.id)) return { state: { ...state, handoff: undefined } };
  const transfer = draft.ticket.kind === 'transfer' && state.ticketId === draft.ticket.id;
  if (now.getTime() - draft.sentAt < HANDOFF_GRACE_MS)
    return transfer ? { state, turn: { state, replies: [] } } : { state };
  const resent = await sendHandoff(ctx, state, draft.ticket);
  if (!transfer) return { state: resent };
  const position = await deps.tickets.position(draft.ticket);
  return {
    state: resent,
    turn: { state: resent, replies: [{ text: say('transferStillQueued', state.lang, { position }) }] },
  };
}
