import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../../functions/core/faq/normalize.js';
import { MARK, tokenize } from '../../../../functions/core/faq/tokenize.js';

const terms = (text: string) => tokenize(normalizeText(text));
const words = (text: string) => terms(text).filter((term) => !/^[~%@]/.test(term));

describe('tokenize', () => {
  it('stems English words and drops stop words', () => {
    expect(words('How do I track the packages I ordered?')).toEqual(['how', 'track', 'packag', 'order']);
  });

  it('keeps question words and negations, and splits contractions', () => {
    expect(words("Why can't I log in? It isn't working")).toEqual([
      'why',
      'can',
      'not',
      'log',
      'not',
      'work',
    ]);
    expect(words("What's my balance")).toEqual(['what', 'balanc']);
  });

  it('keeps the pronouns of the one asked, which tell "your name" from "my name"', () => {
    expect(words('What is your name?')).toEqual(['what', 'your', 'name']);
    expect(words('What is my name?')).toEqual(['what', 'name']);
    expect(words('Can you help me?')).toEqual(['can', 'you', 'help']);
  });

  it('keeps numbers and marks them as numerals', () => {
    const out = terms('Is there a 30 day return window for 12.5 kg items?');
    expect(out).toContain('30');
    expect(out).toContain('12.5');
    expect(out).toContain(`${MARK.entity}m`);
  });

  it('adds letter trigrams of English words, so a typo still shares most of them', () => {
    const shared = (a: string, b: string) =>
      terms(a).filter((t) => t.startsWith(MARK.letterGram) && terms(b).includes(t));
    expect(shared('password', 'pasword').length).toBeGreaterThanOrEqual(4);
  });

  it('segments Chinese with jieba and drops particles', () => {
    expect(words('我的订单到哪了')).toEqual(['订单', '到']);
    expect(words('怎么申请退款')).toEqual(['怎么', '申请', '退款']);
  });

  it('adds character unigrams and bigrams of Chinese runs, skipping stop words', () => {
    const out = terms('我的订单');
    expect(out).toEqual(
      expect.arrayContaining([`${MARK.chineseGram}订单`, `${MARK.chineseGram}订`, `${MARK.chineseGram}单`]),
    );
    expect(out).not.toContain(`${MARK.chineseGram}我的`);
  });

  it('tags places and names as entity classes', () => {
    expect(terms('明天北京天气')).toEqual(expect.arrayContaining(['北京', `${MARK.entity}ns`]));
  });

  it('handles Chinese and English mixed in one question', () => {
    const out = words('PayPal付款失败怎么办');
    expect(out).toEqual(expect.arrayContaining(['paypal', '付款', '失败']));
  });

  it('returns no terms for empty text', () => {
    expect(tokenize('')).toEqual([]);
  });
});
