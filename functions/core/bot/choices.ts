import type { Choice, InboundMessage } from '../../../channels/types.js';
import type { Pending } from '../conversations.js';
import { asksForHuman } from './human-request.js';
import { plainWords, readReply } from './reply-words.js';

/** The pseudo-choice for a plain "no" to an offer that has no "no" button: the offer is dropped. */
export const DISMISS: Choice = { id: 'dismiss', label: '' };

/**
 * The choice a message picks: a button's id, a number ("2", "２"), an ordinal ("the second one", "第二个"), yes or
 * no in natural words ("sure", "好的", "不用了"), a rating in words ("great", "非常满意"), or the label's words.
 */
export function pickChoice(pending: Pending | undefined, msg: InboundMessage): Choice | undefined {
  if (pending?.kind !== 'choices') return undefined;
  const { choices } = pending;
  if (msg.choice) return choices.find((choice) => choice.id === msg.choice);
  const text = msg.text
    .normalize('NFKC')
    .trim()
    .replace(/[.。、)]$/, '');
  if (/^\d{1,2}$/.test(text)) return choices[Number(text) - 1];
  const exact = choices.find((choice) => choice.label.toLowerCase() === text.toLowerCase());
  return exact ?? byMeaning(choices, text) ?? byKind(choices, text) ?? byLabelWords(choices, text);
}

function byMeaning(choices: Choice[], text: string): Choice | undefined {
  const meaning = readReply(text);
  if (!meaning) return undefined;
  const rating = choices.every((choice) => choice.id.startsWith('csat:'));
  if (rating) {
    const score = meaning.rating ?? (meaning.nth && meaning.nth > 0 ? meaning.nth : undefined);
    if (score) return choices[score - 1];
    return meaning.answer === 'no' ? DISMISS : undefined;
  }
  if (meaning.nth) return meaning.nth === -1 ? choices.at(-1) : choices[meaning.nth - 1];
  if (meaning.answer === 'yes') return affirmative(choices);
  if (meaning.answer === 'no') return choices.find((c) => c.id === 'leave:no' || c.id === 'wait') ?? DISMISS;
  return undefined;
}

/** What "yes" accepts: the offer to leave a message, or the only thing on offer. */
function affirmative(choices: Choice[]): Choice | undefined {
  const leave = choices.find((choice) => choice.id === 'leave:yes');
  if (leave) return leave;
  const offers = choices.filter((choice) => choice.id !== 'human');
  if (offers.length === 1) return offers[0];
  return choices.length === 1 ? choices[0] : undefined;
}

const LEAVE = /\b(leave|message|write|note)\b|留言|留个言|留下|写下/;
const WAIT = /\b(wait|waiting|hold|stay)\b|等/;

/** The bot's own offers in other words: "I'll leave a message", "I'll keep waiting", "get me a person". */
function byKind(choices: Choice[], text: string): Choice | undefined {
  const t = text.toLowerCase();
  if (t.length > 60) return undefined;
  const find = (id: string) => choices.find((choice) => choice.id === id);
  if (LEAVE.test(t) && find('leave:yes')) return find('leave:yes');
  if (WAIT.test(t) && find('wait')) return find('wait');
  if (asksForHuman(text)) return find('human');
  return undefined;
}

const STOP = new Set(
  'a an the to of i my me you your for in on is it do does how what can with and or this that please one'.split(
    ' ',
  ),
);

/** Words of a text, with Chinese as character pairs: enough to recognise a label typed in part. */
function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of plainWords(text).split(' ')) {
    if (/\p{Script=Han}/u.test(word)) {
      for (let i = 0; i < word.length - 1; i++) out.add(word.slice(i, i + 2));
      if (word.length === 1) out.add(word);
    } else if (!STOP.has(word)) out.add(word);
  }
  return out;
}

/** The one choice whose label holds most of the message's words ("the refund one", "退款那个"). */
function byLabelWords(choices: Choice[], text: string): Choice | undefined {
  const said = terms(text);
  if (said.size === 0 || said.size > 12) return undefined;
  const scored = choices
    .map((choice) => {
      const label = terms(choice.label);
      const shared = [...said].filter((term) => label.has(term)).length;
      return { choice, share: shared / said.size };
    })
    .sort((a, b) => b.share - a.share);
  const [best, next] = scored;
  if (!best || best.share < 0.6 || (next && next.share === best.share)) return undefined;
  return best.choice;
}

/** True for the words that stop a flow: "cancel", "取消", "算了", "stop". */
export function isCancel(text: string): boolean {
  return /^(cancel|stop|quit|never ?mind|取消|算了|不用了|退出)$/i.test(text.normalize('NFKC').trim());
}
