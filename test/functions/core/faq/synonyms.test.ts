import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../../functions/core/faq/normalize.js';
import { createSynonymRewriter } from '../../../../functions/core/faq/synonyms.js';
import { segment } from '../../../../functions/core/faq/tokenize.js';
import { createTypoCorrector } from '../../../../functions/core/faq/typos.js';

describe('createSynonymRewriter', () => {
  const rewrite = createSynonymRewriter([
    ['refund', 'money back'],
    ['ship', 'deliver'],
    ['ship', 'send'],
    ['退款', '退钱'],
    ['客服', '人工客服', '人工'],
  ]);
  const contentOf = (text: string) =>
    rewrite(segment(normalizeText(text)))
      .filter((word) => !word.stop)
      .map((word) => word.text);

  it('folds members to the first member of their group, in every inflection', () => {
    expect(contentOf('I want my money back')).toEqual(['want', 'refund']);
    expect(contentOf('Was it delivered?')).toEqual(['ship']);
  });

  it('merges groups that share a member', () => {
    expect(contentOf('when will they send it')).toEqual(['when', 'ship']);
  });

  it('rewrites whole Chinese words only, longest member first', () => {
    expect(contentOf('我要退钱')).toEqual(['我要', '退款']);
    expect(contentOf('转人工客服')).toEqual(['转', '客服']);
    expect(contentOf('人工智能')).toEqual(['人工智能']);
  });

  it('leaves text without synonyms alone', () => {
    expect(contentOf('track my order')).toEqual(['track', 'order']);
  });
});

describe('createTypoCorrector', () => {
  const correct = createTypoCorrector(
    new Map([
      ['cancel', 3],
      ['password', 2],
      ['winning', 1],
      ['card', 5],
    ]),
  );

  it('finds the known word one substitution, insertion, deletion or swap away', () => {
    expect(correct('passwerd')).toBe('password');
    expect(correct('passsword')).toBe('password');
    expect(correct('pasword')).toBe('password');
    expect(correct('cancle')).toBe('cancel');
    expect(correct('wining')).toBe('winning');
  });

  it('leaves short words and far-off words alone', () => {
    expect(correct('cart')).toBeUndefined();
    expect(correct('pizza')).toBeUndefined();
  });
});

describe('jieba on a cold start', () => {
  it('is loaded by the first Chinese words, not by English ones, and the rewrites agree', () => {
    // A fresh process: jieba-wasm is process-wide, and this one has loaded it already.
    const script = `
      import { createRequire } from 'node:module';
      import { createSynonymRewriter, DEFAULT_SYNONYMS } from './functions/core/faq/synonyms.ts';
      import { normalizeText } from './functions/core/faq/normalize.ts';
      import { segment } from './functions/core/faq/tokenize.ts';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((path) => path.includes('jieba-wasm'));
      const rewrite = createSynonymRewriter(DEFAULT_SYNONYMS);
      const say = (text) => rewrite(segment(normalizeText(text))).map((word) => word.text).join(' ');
      const english = say('can I get my money back for the shipment');
      const before = loaded();
      const chinese = say('人工客服在吗');
      console.log(JSON.stringify({ before, english, chinese, after: loaded(), again: say('can I get my money back for the shipment') }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '../../../..'),
      encoding: 'utf8',
    });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(seen).toMatchObject({ before: false, after: true, chinese: '客服 在 吗' });
    expect(seen.english).toBe(seen.again);
    expect(seen.english).toMatch(/refund .*deliv/);
  });
});
