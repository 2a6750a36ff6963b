import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asksForHuman } from '../../../../functions/core/bot/human-request.js';
import requests from '../../../fixtures/handoff/requests.json' with { type: 'json' };
import notRequests from '../../../fixtures/handoff/not-requests.json' with { type: 'json' };

const faqQuestions = readFileSync('data/demo-faq.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .flatMap((line) => (JSON.parse(line) as { questions: string[] }).questions);

describe('asking for a person', () => {
  it.each(['en', 'zh'] as const)('hears the %s hand-off phrasings (recall ≥ 0.95)', (lang) => {
    expect(requests.en.length + requests.zh.length).toBeGreaterThanOrEqual(150);
    const missed = requests[lang].filter((text) => !asksForHuman(text));
    const recall = 1 - missed.length / requests[lang].length;
    expect(recall, `missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('never hands off on one of the FAQ’s own questions', () => {
    expect(faqQuestions.filter(asksForHuman)).toEqual([]);
  });

  it.each(['en', 'zh'] as const)(
    'leaves ordinary %s messages, questions about the bot and negations alone',
    (lang) => {
      expect(notRequests[lang].filter(asksForHuman)).toEqual([]);
    },
  );
});
