import { describe, expect, it } from 'vitest';
import { createCompoundCounter, nounRuns } from '../../../../functions/core/faq/compounds.js';
import { normalizeText } from '../../../../functions/core/faq/normalize.js';
import { segment } from '../../../../functions/core/faq/tokenize.js';

const runs = (text: string) => nounRuns(segment(normalizeText(text)));
const entryCompounds = (phrasings: string[]) => {
  const counter = createCompoundCounter();
  for (const text of phrasings) counter.add(segment(normalizeText(text)));
  return counter.take();
};

describe('noun runs', () => {
  it.each([
    ['can I buy a gift card', [['bui'], ['gift', 'card']]],
    ['Why was my contactless accepted at the metro?', [['contactless'], ['metro']]],
    ['Profile picture how to change', [['profil', 'pictur'], ['chang']]],
    ['do you sell your gift cards', [['sell'], ['gift', 'card']]],
    ['你们有礼品卡吗', [['礼品', '卡']]],
    ['礼品卡怎么用', [['礼品', '卡']]],
    ['打电话给张明', []],
  ])('%s', (text, expected) => {
    expect(runs(text)).toEqual(expected);
  });
});

describe('entry compounds', () => {
  it('keeps the pairs and long Chinese nouns that two phrasings name', () => {
    const phrasings = [
      'Do you offer gift wrapping?',
      'Can I add a gift message?',
      'how much is gift wrap',
      '可以礼品包装吗',
      '礼品包装多少钱',
    ];
    expect(entryCompounds(phrasings)).toEqual(['gift wrap', '礼品包装']);
  });

  it('leaves out a modifier followed by a different word each time', () => {
    expect(entryCompounds(['can you spell water', 'how to spell seance'])).toEqual([]);
  });
});
