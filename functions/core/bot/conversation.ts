import type { ConversationState } from '../conversations.js';
import type { Turn, TurnContext } from './context.js';
import { asksForHuman } from './human-request.js';
import { plainWords } from './reply-words.js';
import type { SmallTalkReply } from './small-talk.js';
import { LABELS } from './texts.js';

/** Subjects a shop's support cannot help with, by rule: the small-talk intent that answers them. */
const OUT_OF_SCOPE: [RegExp, string][] = [
  [/天气|气温|下雨|下雪|台风|雾霾|\b(weather|forecast|temperature|rain(s|ing|y)?|snow(s|ing|y)?|sunny|storms?|typhoon)\b/, 'weather'],
  [/招人|招聘|应聘|求职|简历|实习生|缺人|招(客服|员工|店员|工|兼职)|\b(hiring|jobs?|vacanc(y|ies)|careers?|internships?|resume|cv)\b/, 'jobs'],
  [/人生|意义|宇宙|上帝|股票|股市|彩票|政治|总统|选举|作业|新闻|\b(meaning of life|universe|god|stock (price|market)s?|lottery|politics|president|election|homework|news)\b/, 'out-of-scope'],
]; // prettier-ignore
/** Words of the shop's own business: a message with them is a shop question even if it mentions the weather. */
const SHOP =
  /订单|快递|发货|送错|发错|物流|包裹|退|换|运费|配送|付款|商品|优惠|货|\b(orders?|parcels?|packages?|deliver(y|ed)?|ship(ping|ped)?|refunds?|returns?|courier|payment|coupons?|gift)\b/;

/** Small talk sure enough to answer before the FAQ: known phrasings (acks, greetings, identity) and subjects out of scope. */
export function chitChat(ctx: TurnContext, state: ConversationState): Turn | undefined {
  const { smallTalk } = ctx.deps;
  const text = ctx.msg.text;
  const sure = smallTalk.sure(text, state.lang);
  if (sure) return smallTalkTurn(state, sure);
  if (isAboutShop(text)) return undefined;
  const lower = text.normalize('NFKC').toLowerCase();
  const topic = OUT_OF_SCOPE.find(([pattern]) => pattern.test(lower));
  const reply = topic && smallTalk.about(topic[1], text, state.lang);
  return reply ? smallTalkTurn(state, reply) : undefined;
}

/** True when the text speaks of the shop's business: never chit-chat, whatever words it shares with chit-chat. */
export function isAboutShop(text: string): boolean {
  return SHOP.test(text.normalize('NFKC').toLowerCase());
}

/** A small-talk answer; for a subject out of scope, with the offer of a person. */
export function smallTalkTurn(state: ConversationState, chat: SmallTalkReply): Turn {
  if (!chat.offerHuman) return { state, replies: [{ text: chat.text }] };
  const choices = [{ id: 'human', label: LABELS.human[state.lang] }];
  return {
    state: { ...state, pending: { kind: 'choices', choices } },
    replies: [{ text: chat.text, choices }],
  };
}

/**
 * While the bot offers to take a message, a free text of some length is the message itself: the customer
 * typed it straight away instead of saying yes first.
 */
export function isOfferedMessage(state: ConversationState, text: string): boolean {
  if (state.pending?.kind !== 'choices') return false;
  if (!state.pending.choices.some((choice) => choice.id === 'leave:yes')) return false;
  if (asksForHuman(text)) return false;
  const plain = plainWords(text);
  const han = plain.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= 6 || plain.split(' ').length >= 4;
}

/**
 * Whether a message is a question worth carrying to an agent: not a bare number, a contact, or a word or two of
 * small talk (those are answered before the FAQ and never get here).
 */
export function isQuestion(text: string): boolean {
  const plain = plainWords(text);
  if (/^[\d ]*$/.test(plain)) return false;
  if (/^\S+@\S+\.\S+$/.test(text.trim()) || /^\+?[\d\s()-]{7,20}$/.test(text.trim())) return false;
  return /\p{L}{2}/u.test(plain);
}
