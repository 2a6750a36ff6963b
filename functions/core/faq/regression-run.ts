import type { FaqEntry } from './entry.js';
import type { FaqMatch, MatcherConfig } from './matcher.js';
import { createFaqIndex } from './matcher.js';
import type { RegressionCase } from './regression-set.js';

/** One case's outcome; `live` (for a draft run) is what the live FAQ does with it, to show what would change. */
export interface CaseResult {
  text: string;
  expected: string | null;
  predicted: string | null;
  score: number;
  ok: boolean;
  live?: { predicted: string | null; ok: boolean };
}

/** A run of the whole set. */
export interface RunReport {
  total: number;
  passed: number;
  failed: number;
  results: CaseResult[];
}

type Matcher = (text: string) => FaqMatch | Promise<FaqMatch>;

/** What the bot answers with: the best entry only in the answer band, like the CLI's `faq match`. */
const predicted = (match: FaqMatch) => (match.band === 'answer' && match.best ? match.best.id : null);

/** Matches every case; with `live` too, each result also says what the live FAQ predicts. */
export async function runCases(
  cases: readonly RegressionCase[],
  match: Matcher,
  live?: Matcher,
): Promise<RunReport> {
  const results: CaseResult[] = [];
  for (const { text, expected } of cases) {
    const found = await match(text);
    const result: CaseResult = {
      text,
      expected,
      predicted: predicted(found),
      score: found.best?.score ?? 0,
      ok: predicted(found) === expected,
    };
    if (live) {
      const now = predicted(await live(text));
      result.live = { predicted: now, ok: now === expected };
    }
    results.push(result);
  }
  const passed = results.filter((r) => r.ok).length;
  return { total: results.length, passed, failed: results.length - passed, results };
}

/** A matcher over a draft FAQ (merged over the live entries or replacing them); nothing is published. */
export function draftMatcher(
  live: readonly FaqEntry[],
  draft: readonly FaqEntry[],
  mode: 'merge' | 'replace',
  config: Partial<MatcherConfig>,
): Matcher {
  const entries =
    mode === 'replace' ? draft : [...new Map([...live, ...draft].map((e) => [e.id, e])).values()];
  const index = createFaqIndex(entries, config);
  return (text) => index.match(text);
}
