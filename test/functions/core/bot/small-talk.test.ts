import { describe, expect, it } from 'vitest';
import { createSmallTalk } from '../../../../functions/core/bot/small-talk.js';

const smallTalk = createSmallTalk();

describe('small talk', () => {
  it('answers greetings and thanks in the language asked for', () => {
    expect(smallTalk.reply('你好', 'zh')?.text).toMatch(/[\u4e00-\u9fff]/);
    expect(smallTalk.reply('hello there', 'en')?.text).toMatch(/[a-z]/i);
    expect(smallTalk.reply('thank you so much', 'en')).toBeDefined();
  });

  it('is sure of exact phrasings and less sure of loose ones', () => {
    expect(smallTalk.reply('在吗', 'zh')?.score).toBe(1);
    expect(smallTalk.reply('hello there my good friend', 'en')?.score ?? 0).toBeLessThan(1);
  });

  it('recognises messages made only of stop words or symbols', () => {
    expect(smallTalk.reply('在吗？', 'zh')).toBeDefined();
    expect(smallTalk.reply('Are you there?', 'en')).toBeDefined();
  });

  it('answers the same message the same way every time', () => {
    expect(smallTalk.reply('哈哈哈', 'zh')?.text).toBe(smallTalk.reply('哈哈哈', 'zh')?.text);
  });

  it('leaves gibberish alone', () => {
    expect(smallTalk.reply('qwxz plorb vented quasar', 'en')).toBeUndefined();
  });
});
