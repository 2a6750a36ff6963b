import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaqEntry } from '../../../../functions/core/faq/entry.js';
import {
  createFaqIndex,
  DEFAULT_MATCHER_CONFIG,
  type FaqMatch,
} from '../../../../functions/core/faq/matcher.js';

const entries = readFileSync(new URL('../../../fixtures/faq-matcher.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => FaqEntry.parse(JSON.parse(line)));

const index = createFaqIndex(entries);
const answered = (match: FaqMatch) => (match.band === 'answer' ? match.best?.id : undefined);

describe('createFaqIndex on a small bilingual FAQ', () => {
  it('counts its entries', () => {
    expect(index.size).toBe(entries.length);
  });

  it('answers an exact phrasing, in either language', () => {
    expect(answered(index.match('How do I reset my password?'))).toBe('reset-password');
    expect(answered(index.match('如何取消订单'))).toBe('cancel-order');
  });

  it('answers paraphrases', () => {
    expect(answered(index.match("I can't remember my password, how can I reset it?"))).toBe('reset-password');
    expect(answered(index.match('what time does customer service open'))).toBe('opening-hours');
    expect(answered(index.match('退款要怎么申请？'))).toBe('refund');
  });

  it('answers full-width and traditional-Chinese questions like their plain forms', () => {
    expect(answered(index.match('ＨＯＷ ＤＯ Ｉ ＲＥＳＥＴ ＭＹ ＰＡＳＳＷＯＲＤ？'))).toBe('reset-password');
    expect(answered(index.match('忘記密碼怎麼辦'))).toBe('reset-password');
    expect(answered(index.match('如何取消訂單'))).toBe('cancel-order');
  });

  it('offers up to three choices when a question fits several entries equally', () => {
    const match = index.match('refund or cancel');
    expect(match.band).toBe('suggest');
    expect(match.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(match.suggestions.length).toBeLessThanOrEqual(3);
    expect(match.suggestions.map((s) => s.id)).toEqual(expect.arrayContaining(['refund', 'cancel-order']));
    expect(match.best).toEqual(match.suggestions[0]);
  });

  it('offers choices, not an answer, for a vague question', () => {
    const match = index.match('I have a question about my order');
    expect(match.band).toBe('suggest');
    expect(match.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(match.suggestions.length).toBeLessThanOrEqual(3);
  });

  it.each([
    'Tell me a joke',
    'I love pizza',
    'the weather is nice today',
    '今天天气怎么样',
    '我想听周杰伦的歌',
  ])('finds no match for unrelated text: %s', (text) => {
    const match = index.match(text);
    expect(match.band).toBe('none');
    expect(match.suggestions).toEqual([]);
  });

  it.each(['What do you think of jazz?', 'Can you tune my harpsichord?'])(
    'neither answers nor suggests on a shared question frame alone: %s',
    (text) => {
      const match = index.match(text);
      expect(match.best?.score).toBeGreaterThan(0);
      expect(match.band).toBe('none');
      expect(match.suggestions).toEqual([]);
    },
  );

  it('still matches a question in the same frame that shares a topic word', () => {
    expect(answered(index.match('Can you take PayPal?'))).toBe('payment-methods');
  });

  it('folds built-in support synonyms', () => {
    expect(answered(index.match('Can I get reimbursed?'))).toBe('refund');
  });

  it('folds configured synonyms', () => {
    const question = 'Can I get a voucher?';
    expect(answered(index.match(question))).toBeUndefined();
    const withSynonyms = createFaqIndex(entries, { synonyms: [['gift card', 'voucher']] });
    expect(answered(withSynonyms.match(question))).toBe('gift-card');
  });

  it('tolerates a typo in an English word', () => {
    expect(answered(index.match('how can I cancle my order'))).toBe('cancel-order');
    expect(answered(index.match('how do I delte my account'))).toBe('delete-account');
  });

  it('reports calibrated confidences between 0 and 1, best first', () => {
    for (const text of [
      'How do I reset my password?',
      'question about my order',
      'order',
      'Tell me a joke',
    ]) {
      const match = index.match(text);
      const scores = [match.best, ...match.suggestions].flatMap((s) => (s ? [s.score] : []));
      for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
      for (const score of scores) expect(score).toBeLessThanOrEqual(1);
      const suggested = match.suggestions.map((s) => s.score);
      expect(suggested).toEqual([...suggested].sort((a, b) => b - a));
    }
  });

  it.each(['', '   ', '\n\t', '🙂🎉👍', '？！。', '...'])(
    'finds no match, without throwing, for %j',
    (text) => {
      expect(index.match(text)).toEqual({ band: 'none', best: null, suggestions: [] });
    },
  );
});

describe('matcher configuration', () => {
  it('exports its defaults', () => {
    expect(DEFAULT_MATCHER_CONFIG.answerThreshold).toBeGreaterThan(DEFAULT_MATCHER_CONFIG.suggestThreshold);
    expect(DEFAULT_MATCHER_CONFIG.maxSuggestions).toBe(3);
  });

  it('never answers when the answer threshold is out of reach, but still suggests', () => {
    const cautious = createFaqIndex(entries, { answerThreshold: 1.01 });
    const match = cautious.match('How do I reset my password?');
    expect(match.band).toBe('suggest');
    expect(match.suggestions[0]?.id).toBe('reset-password');
  });

  it('answers only above the configured answer threshold', () => {
    const demanding = createFaqIndex(entries, { answerThreshold: 0.9 });
    expect(answered(index.match('hours'))).toBe('opening-hours');
    expect(demanding.match('hours').band).toBe('suggest');
    expect(answered(demanding.match('How do I reset my password?'))).toBe('reset-password');
  });

  it('suggests down to the configured suggest threshold', () => {
    // One topic word among many unknown ones: a weak match.
    const weak = 'Tell me a joke about penguins, giraffes, zebras, lions and payment';
    expect(index.match(weak).band).toBe('none');
    expect(createFaqIndex(entries, { suggestThreshold: 0.01 }).match(weak).band).toBe('suggest');
  });

  it('falls back to no match when neither threshold is reached', () => {
    const strict = createFaqIndex(entries, { answerThreshold: 1.01, suggestThreshold: 1.01 });
    const match = strict.match('How do I reset my password?');
    expect(match.band).toBe('none');
    expect(match.best?.id).toBe('reset-password');
  });

  it('limits the number of suggestions', () => {
    const one = createFaqIndex(entries, { maxSuggestions: 1 });
    expect(one.match('refund or cancel').suggestions).toHaveLength(1);
  });
});

describe('createFaqIndex on tiny indexes', () => {
  it('works with one phrasing per entry', () => {
    const small = createFaqIndex([
      { id: 'hello', questions: ['hello'] },
      { id: 'thanks', questions: ['thank you'] },
      { id: 'bye', questions: ['goodbye'] },
    ]);
    expect(answered(small.match('Hello!'))).toBe('hello');
    expect(answered(small.match('thanks a lot'))).toBe('thanks');
    expect(small.match('what is the capital of Peru').band).toBe('none');
  });

  it('works with no entries at all', () => {
    expect(createFaqIndex([]).match('hello')).toEqual({ band: 'none', best: null, suggestions: [] });
  });
});
