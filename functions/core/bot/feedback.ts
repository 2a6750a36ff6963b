import type { Choice, InboundMessage, OutboundMessage } from '../../../channels/types.js';
import type { ConversationState } from '../conversations.js';
import type { FaqEntry } from '../faq/entry.js';
import type { Turn } from './context.js';
import { LABELS, say } from './texts.js';

const PREFIX = 'feedback:';

/** An FAQ answer with 👍/👎 buttons where the channel has buttons; a click names the entry it rates. */
export function faqAnswer(entry: FaqEntry): OutboundMessage {
  const buttons: Choice[] = [
    { id: `${PREFIX}up:${entry.id}`, label: '👍' },
    { id: `${PREFIX}down:${entry.id}`, label: '👎' },
  ];
  return { text: entry.answer, buttons };
}

/** True for a click on a 👍/👎 button; it may come after later messages, so no pending choice is needed. */
export const isFeedback = (msg: InboundMessage) => msg.choice?.startsWith(PREFIX) === true;

/** Thanks for a 👍; for a 👎, an offer of a person, and the question goes to the unanswered inbox as `down`. */
export function giveFeedback(msg: InboundMessage, state: ConversationState): Turn {
  const [, value, ...id] = (msg.choice ?? '').split(':');
  const faqId = id.join(':') || undefined;
  if (value !== 'down') {
    return {
      state,
      replies: [{ text: say('feedbackThanks', state.lang) }],
      events: [{ type: 'feedback', value: 'up', faqId }],
    };
  }
  const choices = [{ id: 'human', label: LABELS.human[state.lang] }];
  return {
    state: { ...state, pending: { kind: 'choices', choices } },
    replies: [{ text: say('feedbackSorry', state.lang), choices }],
    events: [{ type: 'feedback', value: 'down', faqId, text: state.lastQuestion }],
  };
}
