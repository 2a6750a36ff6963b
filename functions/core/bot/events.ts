import type { Choice } from '../../../channels/types.js';
import type { ConversationState } from '../conversations.js';
import type { Turn, TurnContext } from './context.js';
import { say } from './texts.js';

const MOST_ASKED = 3;

/**
 * Answers a platform event (InboundMessage.event): a welcome that offers the most asked questions as choices, so a
 * number picks one, or a polite note that only text can be read. A pending choice or flow is left as it was.
 */
export async function answerEvent(ctx: TurnContext, state: ConversationState): Promise<Turn> {
  const { deps, msg } = ctx;
  if (msg.event !== 'welcome') return { state, replies: [{ text: say('unsupportedMessage', state.lang) }] };
  const choices: Choice[] = [];
  // Ask for a few extra ids: an entry deleted from the FAQ since it was counted is skipped.
  for (const id of await deps.insights.mostAnswered(state.lang, MOST_ASKED * 2)) {
    const entry = await deps.faq.entry(id);
    if (entry && choices.length < MOST_ASKED) choices.push({ id: `faq:${id}`, label: entry.questions[0]! });
  }
  const text = say('welcome', state.lang);
  if (choices.length === 0) return { state: { ...state, pending: undefined }, replies: [{ text }] };
  return { state: { ...state, pending: { kind: 'choices', choices } }, replies: [{ text, choices }] };
}
