import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../../functions/core/bot/context.js';
import { chitChat } from '../../../../functions/core/bot/conversation.js';
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

  it('takes a contraction and its long form for the same phrasing', () => {
    expect(smallTalk.sure('what is your name', 'en')?.text).toBe(
      smallTalk.sure("what's your name", 'en')?.text,
    );
    expect(smallTalk.sure('What is your name?', 'en')?.text).toMatch(/Maple/);
    expect(smallTalk.sure('you are awesome', 'en')).toBeDefined();
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

describe('small talk before the FAQ', () => {
  const faqQuestions = readFileSync('data/demo-faq.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => (JSON.parse(line) as { questions: string[] }).questions);

  it.each([
    ['en', ['ok thanks', 'hi, are you there?', 'got it, thank you', 'bye bye']],
    ['zh', ['好的谢谢', '你好，在吗', '收到了谢谢', '嗯嗯好的']],
  ] as const)('is sure of %s phrasings made of known ones', (lang, texts) => {
    for (const text of texts) expect(smallTalk.sure(text, lang), text).toBeDefined();
  });

  it('is never sure about one of the FAQ’s own questions, nor takes one for a subject out of scope', () => {
    expect(faqQuestions.filter((q) => smallTalk.sure(q, 'en'))).toEqual([]);
    const state = {
      key: 'k',
      ref: { channel: 'web', conversationId: 'c', userId: 'u' },
      lang: 'en',
      unanswered: 0,
      rev: 0,
    } as const;
    const deps = { smallTalk } as unknown as BotDeps;
    const chat = (text: string) =>
      chitChat({ deps, msg: { id: 'm', from: state.ref, text, receivedAt: 0 }, now: new Date() }, state);
    expect(faqQuestions.filter(chat)).toEqual([]);
  });
});
