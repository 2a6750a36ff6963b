import { describe, expect, it } from 'vitest';
import {
  clusterQuestions,
  type UnansweredReason,
} from '../../../../functions/core/faq/unanswered-clusters.js';

const asked = (text: string, at = 0, reason: UnansweredReason = 'none') => ({
  text,
  channel: 'web',
  at,
  reason,
});

describe('clusterQuestions', () => {
  it('groups rewordings, typos and traditional characters of one need, largest first', () => {
    const clusters = clusterQuestions([
      asked('is there a piano in the lobby', 1),
      asked('is there a piano in your lobby?', 2, 'low'),
      asked('Is there a piano in the loby', 3, 'down'),
      asked('可以带宠物吗', 4),
      asked('可以帶寵物嗎', 5),
      asked('do you tune harpsichords', 6),
    ]);
    expect(clusters.map((c) => c.count)).toEqual([3, 2, 1]);
    expect(clusters[0]).toMatchObject({ reasons: { none: 1, low: 1, down: 1 } });
    expect(clusters[0]!.examples.map((e) => e.at)).toEqual([3, 2, 1]);
    expect(clusters[1]!.questions).toHaveLength(1);
    expect(new Set(clusters.map((c) => c.id)).size).toBe(3);
  });

  it('names a cluster after its most asked wording, with a stable id', () => {
    const questions = [
      asked('piano in the lobby?'),
      asked('is there a piano in the lobby'),
      asked('is there a piano in the lobby'),
    ];
    const [first] = clusterQuestions(questions);
    expect(first!.label).toBe('is there a piano in the lobby');
    expect(clusterQuestions([...questions].reverse())[0]!.id).toBe(first!.id);
  });
});
