import { describe, expect, it } from 'vitest';
import { asksForHuman } from '../../../../functions/core/bot/human-request.js';

describe('asking for a person', () => {
  it.each([
    '人工',
    '转人工',
    '人工客服',
    '我要人工服务',
    '真人',
    '找个真人',
    'agent',
    'Human!',
    'talk to a person',
    'can I speak to a real person please',
    'ＡＧＥＮＴ',
  ])('hears "%s" as a request', (text) => expect(asksForHuman(text)).toBe(true));

  it.each([
    '你是真人吗',
    '你是不是真人',
    'how do I become a sales agent for your brand and earn commission on referrals',
    'refund',
    '退货',
    '',
  ])('does not hear "%s" as one', (text) => expect(asksForHuman(text)).toBe(false));
});
