import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaqEntry } from '../../../../functions/core/faq/entry.js';
import { createFaqIndex } from '../../../../functions/core/faq/matcher.js';

// The demo shop's FAQ: the confidently wrong answers of issue 14 were seen on it. The questions below are
// other phrasings of the same classes.
const entries = readFileSync(new URL('../../../../data/demo-faq.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => FaqEntry.parse(JSON.parse(line)));
const index = createFaqIndex(entries);

describe('answer quality on the demo shop', () => {
  it.each(['payment', 'shipments', 'my account', 'items', '付款', '账户', '订单', '发货'])(
    'offers choices for one word that several entries use: %s',
    (text) => {
      const match = index.match(text);
      expect(match.band).toBe('suggest');
      expect(match.suggestions.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each([
    ['warranty', 'warranty.en'],
    ['invoice', 'invoice.en'],
    ['保修', 'warranty.zh'],
    ['发票', 'invoice.zh'],
  ])('answers one word that only one entry uses: %s', (text, id) => {
    const match = index.match(text);
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe(id);
  });

  it.each(['好', '在'])('does not answer on one Chinese character: %s', (text) => {
    expect(index.match(text).band).not.toBe('answer');
  });

  it.each(['zorblat frindle', 'quixotic blarney', 'glorp'])(
    'does not invent a word by typo correction when nothing else is known: %s',
    (text) => {
      expect(index.match(text).band).toBe('none');
    },
  );

  it('still corrects a typo next to a known word', () => {
    const match = index.match('where is my parcle');
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe('track-order.en');
  });

  it.each([
    '明天杭州会下雨吗',
    '你们公司缺人吗',
    'do you sell gift cards online',
    'what is the weather like in Shanghai today',
  ])('does not answer a question that shares one common word with an entry: %s', (text) => {
    expect(index.match(text).band).not.toBe('answer');
  });

  it.each([
    ['cancel order', 'cancel-order.en'],
    ['how do I get my money back', 'refund-time.en'],
    ['我的包裹到哪了', 'track-order.zh'],
    ['退货要多久才能退款？', 'refund-time.zh'],
  ])('still answers real questions: %s', (text, id) => {
    const match = index.match(text);
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe(id);
  });
});

describe('Chinese wording of a wrong delivery', () => {
  it.each(['快递送错了', '你们寄错东西了'])('answers with the wrong-item entry: %s', (text) => {
    const match = index.match(text);
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe('wrong-item.zh');
  });
});
