import { describe, expect, it } from 'vitest';
import { entrySimilarity } from '../../../../functions/core/faq/entry-similarity.js';
import { buildIndexData } from '../../../../functions/core/faq/faq-index.js';
import { queryTerms, similaritiesOf, top } from '../../../../functions/core/faq/rank.js';

// An FAQ where common words ("how", "my", "order") are everywhere and entries come in near-copies and exact
// copies, so the search that skips hopeless entries meets close races and ties.
const topics = ['refund', 'delivery', 'password', 'invoice', 'coupon', 'warranty', 'address', 'payment'];
const verbs = ['change', 'cancel', 'check', 'get', 'reset', 'track'];
const entries = topics.flatMap((topic, t) =>
  verbs.flatMap((verb, v) => {
    const questions = [
      `how do I ${verb} my ${topic}`,
      `${verb} ${topic} for my order`,
      `can you ${verb} the ${topic} please`,
      `怎么${['退款', '发货', '改密码', '开发票'][(t + v) % 4]}`,
    ];
    // Enough copies that the common words' lists are long enough to be skipped.
    return Array.from({ length: 6 }, (_, copy) => [
      { id: `${topic}-${verb}-${copy}`, questions },
      { id: `${topic}-${verb}-${copy}-near`, questions: questions.map((q) => `${q} today v${copy}`) },
    ]).flat();
  }),
);
const questions = [
  'how do I get my refund',
  'my order',
  'how',
  'reset password please',
  'cancel the delivery for my order today',
  '怎么退款',
  '怎么 refund my order',
  'track track track',
  'nothing like this at all',
];

describe('similaritiesOf with a limit', () => {
  const data = buildIndexData(entries, []);

  it('finds exactly the best entries, ties broken alike, as scoring every entry does', () => {
    for (const question of questions) {
      const terms = data.analyzeQuestion(question).terms;
      for (const limit of [1, 2, 3, 5]) {
        expect(top(similaritiesOf(data, terms, limit), limit)).toEqual(
          top(similaritiesOf(data, terms), limit),
        );
      }
    }
  });

  it('scores one entry exactly as scoring every entry does', () => {
    for (const question of questions) {
      const terms = data.analyzeQuestion(question).terms;
      const all = similaritiesOf(data, terms);
      const query = queryTerms(data, terms);
      data.ids.forEach((_, entry) => expect(entrySimilarity(data, query, entry)).toBe(all.of[entry]));
    }
  });
});
