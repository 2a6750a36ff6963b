import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeTexts } from '../../../../functions/core/faq/normalize.js';

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation', () => {
    expect(normalizeText('ＨＥＬＬＯ，Ｗｏｒｌｄ！１２３')).toBe('hello world 123');
  });

  it('folds case', () => {
    expect(normalizeText('Reset My PASSWORD')).toBe('reset my password');
  });

  it('turns traditional Chinese (Taiwan and Hong Kong forms) into simplified', () => {
    expect(normalizeText('忘記密碼怎麼辦')).toBe('忘记密码怎么办');
    expect(normalizeText('如何取消訂單')).toBe('如何取消订单');
    expect(normalizeText('我想退貨')).toBe('我想退货');
  });

  it('leaves simplified Chinese unchanged', () => {
    expect(normalizeText('怎么申请退款')).toBe('怎么申请退款');
  });

  it('turns punctuation into single spaces and trims', () => {
    expect(normalizeText('  Where is -- my order?!  \n Thanks… ')).toBe('where is my order thanks');
    expect(normalizeText('运费是多少？包邮吗！')).toBe('运费是多少 包邮吗');
  });

  it('keeps apostrophes inside words and decimal points inside numbers', () => {
    expect(normalizeText('I don’t see the 12.5 refund')).toBe("i don't see the 12.5 refund");
    expect(normalizeText("'quoted' 1,000 items")).toBe('quoted 1000 items');
  });

  it('reads plain ASCII text (its own fast path) by the same rules', () => {
    expect(normalizeText("Don`t 'quote' me: 1,000,000 or 12.5.3 it's a,b 1,00 x..y\tz")).toBe(
      "don't quote me 1000000 or 12.5.3 it's a b 1 00 x y z",
    );
    expect(normalizeText("''a'' b'c ``d")).toBe("a b'c d");
    expect(normalizeText('plain words 42')).toBe('plain words 42');
    expect(normalizeText('Plain  words')).toBe('plain words');
  });

  it('normalizes a batch (Chinese converted in one pass) exactly as text by text', () => {
    const texts = [
      '忘記密碼怎麼辦',
      'Reset My PASSWORD',
      '如何取消訂單？',
      '',
      '我的ＰａｙＰａｌ帳號',
      '記憶體\u0000軟體',
    ];
    expect(normalizeTexts(texts)).toEqual(texts.map(normalizeText));
    expect(normalizeTexts(texts.slice(0, 5))).toEqual(texts.slice(0, 5).map(normalizeText));
  });

  it('handles mixed Chinese and English in one string', () => {
    expect(normalizeText('我的ＰａｙＰａｌ帳號被鎖了!')).toBe('我的paypal帐号被锁了');
  });

  it('returns an empty string for blank or emoji-only text', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \t\n ')).toBe('');
    expect(normalizeText('🙂🎉👍')).toBe('');
  });
});
