import { describe, expect, it } from 'vitest';
import { asText, chunks, MAX_TEXT_BYTES, takeHead } from '../../../channels/wechat/text.js';

const bytes = (text: string) => Buffer.byteLength(text);

describe('WeChat text limits', () => {
  it('keeps short text whole', () => {
    expect(takeHead('运费多少？')).toEqual({ head: '运费多少？', rest: '' });
  });

  it('cuts long Chinese text within 2048 UTF-8 bytes at a sentence end, losing nothing', () => {
    const sentence = '退货请在收到商品后七天内申请，我们会尽快处理。';
    const text = sentence.repeat(60);
    const pieces = chunks(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(bytes(piece)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
      expect(piece.endsWith('。')).toBe(true);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('cuts text without breaks on a character boundary', () => {
    const text = '😀'.repeat(1000);
    const { head, rest } = takeHead(text);
    expect(bytes(head)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(head + rest).toBe(text);
  });

  it('renders choices as a numbered list with a prompt in the reply language', () => {
    const choices = [
      { id: 'faq:a', label: '运费怎么算' },
      { id: 'human', label: '转人工' },
    ];
    expect(asText({ text: '您想问的是下面哪一个？', choices })).toMatch(
      /\n1\. 运费怎么算\n2\. 转人工\n.*数字/,
    );
    expect(asText({ text: 'Did you mean one of these?', choices })).toMatch(
      /2\. 转人工\nReply with a number/,
    );
  });
});
