import { describe, expect, it } from 'vitest';
import { addJiebaWords } from '../../../../functions/core/faq/jieba.js';
import { buildSegments, segmentCached } from '../../../../functions/core/faq/segment-cache.js';

describe('segment cache', () => {
  it('keeps segmentations from one build to the next', () => {
    const first = segmentCached('how to ship', buildSegments());
    const again = segmentCached('how to ship', buildSegments());
    // The same words, not segmented and stemmed again.
    again.forEach((word, k) => expect(word).toBe(first[k]));
  });

  it('starts over once jieba learns a word, which may segment a Chinese chunk differently', () => {
    segmentCached('礼品卡', buildSegments());
    expect(buildSegments().has('礼品卡')).toBe(true);
    addJiebaWords(['礼品卡']);
    expect(buildSegments().has('礼品卡')).toBe(false);
    expect(segmentCached('礼品卡', buildSegments()).map((word) => word.text)).toEqual(['礼品卡']);
  });
});
