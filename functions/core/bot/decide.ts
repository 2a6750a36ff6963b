import type { Choice, OutboundMessage } from '../../../channels/types.js';
import type { ConversationState } from '../conversations.js';
import type { Ticket } from '../ticket.js';
import { DISMISS, isCancel, pickChoice } from './choices.js';
import type { Turn, TurnContext } from './context.js';
import { answerEvent } from './events.js';
import { faqAnswer, giveFeedback, isFeedback } from './feedback.js';
import { chitChat, isAboutShop, isOfferedMessage, isQuestion, smallTalkTurn } from './conversation.js';
import { continueLeaveMessage, requestHuman, startLeaveMessage } from './handoff.js';
import { settleHandoff } from './handoff-draft.js';
import { asksForHuman } from './human-request.js';
import { whileMessageOpen } from './open-message.js';
import { LABELS, say } from './texts.js';

/**
 * Routes one message: open ticket → pending choice or flow → request for a person → sure small talk → FAQ →
 * loose small talk → fallback (docs/conversations.md).
 */
export async function decide(ctx: TurnContext, state: ConversationState): Promise<Turn> {
  // A ticket not stored yet is on its way through the tickets queue, or sent again (handoff-draft.ts).
  const settled = await settleHandoff(ctx, state);
  if (settled.turn) return settled.turn;
  state = settled.state;
  if (state.ticketId) {
    const ticket = await ctx.deps.tickets.get(state.ticketId);
    if (ticket?.kind === 'message' && ticket.status === 'queued') return whileMessageOpen(ctx, state, ticket);
    // Left a moment ago and not stored yet: the message is open all the same (open-message.ts).
    const draft = state.handoff?.ticket;
    if (!ticket && draft?.id === state.ticketId && draft.kind === 'message')
      return whileMessageOpen(ctx, state, draft);
    // A missing ticket with no draft to send again cannot arrive: the bot takes the conversation back.
    if (ticket?.status === 'queued' || ticket?.status === 'claimed')
      return whileTicketOpen(ctx, state, ticket);
    state = { ...state, ticketId: undefined };
  }
  if (ctx.msg.event) return answerEvent(ctx, state);
  if (isFeedback(ctx.msg)) return giveFeedback(ctx.msg, state);
  const picked = pickChoice(state.pending, ctx.msg);
  if (picked) return act(ctx, { ...state, pending: undefined }, picked);
  if (state.pending?.kind === 'leave-message') return continueLeaveMessage(ctx, state, state.pending);
  if (isOfferedMessage(state, ctx.msg.text))
    return continueLeaveMessage(
      ctx,
      { ...state, pending: undefined },
      { kind: 'leave-message', step: 'message' },
    );
  state = { ...state, pending: undefined };
  if (asksForHuman(ctx.msg.text)) return requestHuman(ctx, state);
  const chat = chitChat(ctx, state);
  if (chat) return chat;
  return answer(ctx, isQuestion(ctx.msg.text) ? { ...state, lastQuestion: ctx.msg.text } : state);
}

async function answer(ctx: TurnContext, state: ConversationState): Promise<Turn> {
  const { deps, msg } = ctx;
  const lang = state.lang;
  const match = await deps.faq.match(msg.text);
  if (match.band === 'answer' && match.best) {
    const entry = await deps.faq.entry(match.best.id);
    if (entry) {
      const { id: faqId, score: confidence } = match.best;
      return {
        state: { ...state, unanswered: 0 },
        replies: [faqAnswer(entry)],
        events: [{ type: 'asked', outcome: 'answered', text: msg.text, faqId, confidence }],
      };
    }
  }
  // Small talk only where it is the better match: its small index is easily confident about a shop question
  // that merely shares a word ("where", "怎么") with a chit-chat phrase.
  const chat = isAboutShop(msg.text) ? undefined : deps.smallTalk.reply(msg.text, lang);
  if (chat && chat.score > (match.best?.score ?? 0)) return smallTalkTurn(state, chat);
  if (match.band === 'suggest') {
    const choices: Choice[] = [];
    for (const { id } of match.suggestions) {
      const entry = await deps.faq.entry(id);
      if (entry) choices.push({ id: `faq:${id}`, label: entry.questions[0]! });
    }
    choices.push({ id: 'human', label: LABELS.human[lang] });
    return {
      state: { ...state, pending: { kind: 'choices', choices } },
      replies: [{ text: say('didYouMean', lang), choices }],
      events: [{ type: 'asked', outcome: 'suggested', text: msg.text, confidence: match.best?.score }],
    };
  }
  return fallback(ctx, state);
}

async function fallback(ctx: TurnContext, state: ConversationState): Promise<Turn> {
  const { deps, msg } = ctx;
  const unanswered = state.unanswered + 1;
  const events = [{ type: 'asked' as const, outcome: 'none' as const, text: msg.text }];
  const next = { ...state, unanswered };
  if (unanswered < deps.settings.offerHumanAfter)
    return { state: next, replies: [{ text: say('fallback', state.lang) }], events };
  const choices = [{ id: 'human', label: LABELS.human[state.lang] }];
  return {
    state: { ...next, pending: { kind: 'choices', choices } },
    replies: [{ text: say('fallbackOfferHuman', state.lang), choices }],
    events,
  };
}

async function act(ctx: TurnContext, state: ConversationState, choice: Choice): Promise<Turn> {
  const lang = state.lang;
  const [kind, ...rest] = choice.id.split(':');
  switch (kind) {
    case 'faq': {
      const entry = await ctx.deps.faq.entry(rest.join(':'));
      if (!entry) return fallback(ctx, state);
      return {
        state: { ...state, unanswered: 0 },
        replies: [faqAnswer(entry)],
        events: [{ type: 'clicked', faqId: entry.id }],
      };
    }
    case 'human':
      return requestHuman(ctx, state);
    case 'leave':
      if (rest[0] === 'yes') return startLeaveMessage(state);
      return { state, replies: [{ text: say('leaveMessageCancelled', lang) }] };
    case DISMISS.id:
      return { state, replies: [{ text: say('offerDeclined', lang) }] };
    case 'csat': {
      const [ticketId, score] = rest;
      const rated = await ctx.deps.tickets.rate(ticketId!, Number(score)).catch(ignoreConflict);
      const events = rated ? [{ type: 'rated' as const, ticketId: rated.id, csat: Number(score) }] : [];
      return { state, replies: [{ text: say('csatThanks', lang) }], events };
    }
    default:
      return answer(ctx, state);
  }
}

/** While a ticket is open the bot never answers for the agent; it only handles the queue's own offers. */
async function whileTicketOpen(
  ctx: TurnContext,
  state: ConversationState,
  ticket: Ticket | undefined,
): Promise<Turn> {
  const { deps, now } = ctx;
  const queued = ticket?.status === 'queued';
  const picked = pickChoice(state.pending, ctx.msg);
  if (queued && picked?.id === 'leave:yes') {
    await deps.tickets.cancel(ticket.id, now).catch(ignoreConflict);
    return startLeaveMessage({ ...state, ticketId: undefined });
  }
  if (queued && picked?.id === 'wait') {
    const position = await deps.tickets.position(ticket);
    return {
      state: { ...state, pending: undefined },
      replies: [{ text: say('transferQueued', state.lang, { position }) }],
    };
  }
  if (queued && isCancel(ctx.msg.text)) {
    await deps.tickets.cancel(ticket.id, now).catch(ignoreConflict);
    return {
      state: { ...state, ticketId: undefined, pending: undefined },
      replies: [{ text: say('botResumed', state.lang) }],
    };
  }
  return { state, replies: [] satisfies OutboundMessage[] };
}

/** A lost race on a ticket (claimed meanwhile, already rated) changes nothing for the user. */
function ignoreConflict(error: unknown): void {
  if (!(error instanceof Error && error.name === 'TicketConflictError')) throw error;
}
