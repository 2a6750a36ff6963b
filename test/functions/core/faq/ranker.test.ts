import { describe, expect, it } from 'vitest';
import { buildIndexData } from '../../../../functions/core/faq/faq-index.js';
import { faqIndexFrom } from '../../../../functions/core/faq/matcher.js';
import {
  queryVector,
  type Ranker,
  rankerProbabilities,
  trainRanker,
} from '../../../../functions/core/faq/ranker.js';

// Two card entries share "card" everywhere; only "pin" and "arrive" tell them apart. Cosine weighs all
// shared words alike; the regression learns that "card" says nothing here.
const entries = [
  {
    id: 'card-pin',
    questions: ['card pin forgotten', 'what is my card pin', 'card pin locked', 'change card pin'],
  },
  { id: 'card-arrival', questions: ['card not arrived', 'when will my card arrive', 'card delivery time'] },
  {
    id: 'refund',
    questions: [
      'refund my money',
      'how do I get a refund',
      'refund status',
      '退款怎么申请',
      '多久能退款',
      '退款到哪了',
    ],
  },
];

describe('trainRanker', () => {
  const data = buildIndexData(entries, []);

  it('is deterministic: two trainings give the same weights', () => {
    const [a, b] = [trainRanker(data)!, trainRanker(data)!];
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.bias)).toEqual(Array.from(b.bias));
  });

  it('learns which words tell neighbouring entries apart, in either language', () => {
    const ranker = trainRanker(data)!;
    const best = (text: string) => {
      const probabilities = rankerProbabilities(
        data,
        ranker,
        queryVector(data, data.analyzeQuestion(text).terms),
      );
      return [...probabilities].sort((x, y) => y[1] - x[1])[0]![0];
    };
    expect(data.ids[best('my card pin please')]).toBe('card-pin');
    expect(data.ids[best('my card has not arrived')]).toBe('card-arrival');
    expect(data.ids[best('退款')]).toBe('refund');
  });

  it('gives probabilities that sum to at most one per script', () => {
    const ranker = trainRanker(data)!;
    const probabilities = rankerProbabilities(
      data,
      ranker,
      queryVector(data, data.analyzeQuestion('card pin').terms),
    );
    const total = [...probabilities.values()].reduce((sum, p) => sum + p, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('is skipped when entries have too few phrasings to learn from', () => {
    const sparse = buildIndexData(
      [
        { id: 'a', questions: ['one'] },
        { id: 'b', questions: ['two', 'three'] },
      ],
      [],
    );
    expect(trainRanker(sparse)).toBeUndefined();
  });

  it('is skipped for an FAQ too large to train within the build budget', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const large = Array.from({ length: 800 }, (_, i) => ({
      id: `e${i}`,
      questions: [0, 1, 2, 3, 4].map(
        (k) => `how do I ${words[(i + k) % 400]} ${words[(i * 7 + k) % 400]} order`,
      ),
    }));
    expect(trainRanker(buildIndexData(large, []))).toBeUndefined();
  });
});

describe('the ranker in the answer decision', () => {
  const data = buildIndexData(entries, []);
  // A ranker that only knows one entry (all its weight on that entry's bias), so that the test decides which
  // entry it favours; a low answer threshold leaves the agreement rule as the only thing that can hold back.
  const favouring = (id: string): Ranker => {
    const bias = new Float64Array(data.groupEntry.length);
    data.groupEntry.forEach((entry, group) => (bias[group] = data.ids[entry] === id ? 10 : 0));
    return { weights: new Float64Array(data.centroids.weights.length), bias };
  };
  const config = { answerThreshold: 0.05 };

  it('answers when the ranker favours the most similar entry', () => {
    const index = faqIndexFrom(data, undefined, config, favouring('card-pin'));
    expect(index.match('I forgot my card pin')).toMatchObject({ band: 'answer', best: { id: 'card-pin' } });
  });

  it('offers the most similar entry, not answers with it, when the ranker favours another', () => {
    const match = faqIndexFrom(data, undefined, config, favouring('card-arrival')).match(
      'I forgot my card pin',
    );
    expect(match.best?.id).toBe('card-pin');
    expect(match.band).toBe('suggest');
    expect(match.suggestions.map((s) => s.id)).toContain('card-pin');
  });
});
