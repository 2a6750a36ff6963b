import { describe, expect, it } from 'vitest';
import type { Choice } from '../../../../channels/types.js';
import { DISMISS, pickChoice } from '../../../../functions/core/bot/choices.js';

const pick = (choices: Choice[], text: string) =>
  pickChoice(
    { kind: 'choices', choices },
    { id: 'm', from: { channel: 'web', conversationId: 'c', userId: 'u' }, text, receivedAt: 0 },
  )?.id;

const didYouMean: Choice[] = [
  { id: 'faq:refund-time.en', label: 'How long does a refund take?' },
  { id: 'faq:return-how.en', label: 'How do I return an item?' },
  { id: 'faq:shipping-cost.zh', label: '运费多少' },
  { id: 'human', label: 'Talk to a person' },
];
const leave: Choice[] = [
  { id: 'leave:yes', label: 'Leave a message' },
  { id: 'leave:no', label: 'No, thanks' },
];
const unclaimed: Choice[] = [
  { id: 'leave:yes', label: '留言' },
  { id: 'wait', label: '继续等待' },
];
const rating = [1, 2, 3, 4, 5].map((n) => ({ id: `csat:t1:${n}`, label: String(n) }));

describe('replies to the bot’s offers', () => {
  it.each([
    ['the second one', 'faq:return-how.en'],
    ['2nd please', 'faq:return-how.en'],
    ['第三个', 'faq:shipping-cost.zh'],
    ['选第一个', 'faq:refund-time.en'],
    ['the last one', 'human'],
    ['the refund one', 'faq:refund-time.en'],
    ['return an item', 'faq:return-how.en'],
    ['none of these', DISMISS.id],
    ['都不是', DISMISS.id],
    ['I want a real person', 'human'],
  ])('did you mean: "%s" picks %s', (text, id) => expect(pick(didYouMean, text)).toBe(id));

  it.each([
    ['yes please', 'leave:yes'],
    ['sure, go ahead', 'leave:yes'],
    ['ok', 'leave:yes'],
    ['是', 'leave:yes'],
    ['好的', 'leave:yes'],
    ['要', 'leave:yes'],
    ['需要', 'leave:yes'],
    ["I'll leave a message", 'leave:yes'],
    ['nope', 'leave:no'],
    ['no thank you', 'leave:no'],
    ['不用了，谢谢你', 'leave:no'],
    ['算了', 'leave:no'],
  ])('leave a message: "%s" picks %s', (text, id) => expect(pick(leave, text)).toBe(id));

  it.each([
    ['好', 'leave:yes'],
    ['不用', 'wait'],
    ['我继续等吧', 'wait'],
    ['留个言', 'leave:yes'],
  ])('keep waiting: "%s" picks %s', (text, id) => expect(pick(unclaimed, text)).toBe(id));

  it.each([
    ['5 stars', 'csat:t1:5'],
    ['excellent', 'csat:t1:5'],
    ['非常满意', 'csat:t1:5'],
    ['还行', 'csat:t1:3'],
    ['四星', 'csat:t1:4'],
    ['terrible', 'csat:t1:1'],
    ['thanks, 5', 'csat:t1:5'],
    ['no thanks', DISMISS.id],
  ])('rating: "%s" picks %s', (text, id) => expect(pick(rating, text)).toBe(id));

  it.each(['yes, but my parcel is still not here', '我的包裹还没到'])(
    'leaves a new question "%s" alone',
    (text) => expect(pick(leave, text)).toBeUndefined(),
  );
});
