import { describe, expect, it } from 'vitest';
import { useAdminStack } from '../../support/admin-client.js';

const env = useAdminStack();

const cases = [
  { text: 'how do I delete my account', expected: 'account-delete.en' },
  { text: 'qwxz plorb vented quasar', expected: null },
  { text: 'do you lend umbrellas in the shop', expected: 'umbrella' },
];
const umbrella = JSON.stringify({
  id: 'umbrella',
  questions: ['Do you lend umbrellas in the shop?'],
  answer: 'Yes.',
});

describe('admin test all', () => {
  it('stores the regression set and runs it against the live FAQ', async () => {
    expect((await env.admin('PUT', '/admin/tests', { cases })).status).toBe(200);
    expect((await env.admin('GET', '/admin/tests')).body.cases).toEqual(cases);
    const run = (await env.admin('POST', '/admin/tests/run')).body;
    expect(run).toMatchObject({ total: 3, passed: 2, failed: 1 });
    expect(run.results[0]).toMatchObject({ predicted: 'account-delete.en', ok: true });
    expect(run.results[0].score).toBeGreaterThan(0.3);
    expect(run.results[2]).toMatchObject({ expected: 'umbrella', ok: false });
    expect(run.results[2]).not.toHaveProperty('live');
  });

  it('runs against a draft import without publishing it, and says what would change', async () => {
    await env.admin('PUT', '/admin/tests', { cases });
    const merged = (await env.admin('POST', '/admin/tests/run', { draft: { content: umbrella } })).body;
    expect(merged).toMatchObject({ total: 3, passed: 3, failed: 0 });
    expect(merged.results[2]).toMatchObject({
      predicted: 'umbrella',
      ok: true,
      live: { ok: false },
    });
    expect(merged.results[0].live).toEqual({ predicted: 'account-delete.en', ok: true });
    expect((await env.admin('GET', '/admin/faq/umbrella')).status).toBe(404);

    const replaced = (
      await env.admin('POST', '/admin/tests/run', { draft: { content: umbrella, mode: 'replace' } })
    ).body;
    expect(replaced.results[0]).toMatchObject({ predicted: null, ok: false, live: { ok: true } });

    const bad = await env.admin('POST', '/admin/tests/run', { draft: { content: '{"id": 1}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].line).toBe(1);
  });

  it('imports JSONL cases, or refuses the file with each bad line numbered and keeps the set', async () => {
    await env.admin('PUT', '/admin/tests', { cases });
    const content = ['{"text": "hello", "expected": null}', '', '{"text": ""}', 'nope'].join('\n');
    const refused = await env.admin('POST', '/admin/tests/import', { content });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues.map((i: { line: number }) => i.line)).toEqual([3, 4]);
    expect((await env.admin('GET', '/admin/tests')).body.cases).toEqual(cases);

    const good = cases
      .slice(0, 2)
      .map((c) => JSON.stringify(c))
      .join('\n');
    expect((await env.admin('POST', '/admin/tests/import', { content: good })).body.cases).toEqual(
      cases.slice(0, 2),
    );
    expect((await env.admin('GET', '/admin/tests')).body.cases).toEqual(cases.slice(0, 2));
    expect((await env.admin('PUT', '/admin/tests', { cases: [{ text: 'x' }] })).status).toBe(400);
  });
});
