import { describe, expect, it } from 'vitest';
import { useAdminStack } from '../../support/admin-client.js';
import { webClient } from '../../support/web-client.js';

const env = useAdminStack();

const entry = (id: string, question: string, answer = `Answer of ${id}.`) => ({
  id,
  questions: [question],
  answer,
  lang: 'en',
  tags: ['test'],
});
const ask = async (text: string) => (await (await webClient(env.stack.url).open('en')).say(text))[0]?.text;

describe('admin FAQ entries', () => {
  it('lists the live FAQ in pages, filtered by text, tag and language', async () => {
    const first = (await env.admin('GET', '/admin/faq?limit=10')).body;
    expect(first.entries).toHaveLength(10);
    expect(first.total).toBeGreaterThan(10);
    const second = (await env.admin('GET', `/admin/faq?limit=10&cursor=${first.nextCursor}`)).body;
    expect(second.entries[0].id > first.entries[9].id).toBe(true);
    const zh = (await env.admin('GET', `/admin/faq?lang=zh&q=${encodeURIComponent('注销')}`)).body.entries;
    expect(zh.map((e: { id: string }) => e.id)).toContain('account-delete.zh');
    expect(zh.every((e: { lang: string }) => e.lang === 'zh')).toBe(true);
    expect((await env.admin('GET', '/admin/faq?tag=no-such-tag')).body).toMatchObject({
      entries: [],
      total: 0,
    });
    expect((await env.admin('GET', '/admin/faq?limit=0')).status).toBe(400);
  });

  it('creates, reads, replaces and deletes one entry, and the bot follows each write at once', async () => {
    const created = await env.admin(
      'POST',
      '/admin/faq',
      entry('umbrella', 'Do you lend umbrellas in the shop?'),
    );
    expect(created.status).toBe(201);
    expect(await ask('do you lend umbrellas in the shop')).toBe('Answer of umbrella.');
    expect((await env.admin('POST', '/admin/faq', entry('umbrella', 'again?'))).status).toBe(409);
    const { id, ...body } = entry(
      'umbrella',
      'Do you lend umbrellas in the shop?',
      'Yes, at the front desk.',
    );
    const replaced = await env.admin('PUT', `/admin/faq/${id}`, body);
    expect(replaced.body.version).toBeGreaterThan(created.body.version);
    expect((await env.admin('GET', '/admin/faq/umbrella')).body.entry.answer).toBe('Yes, at the front desk.');
    expect(await ask('do you lend umbrellas in the shop')).toBe('Yes, at the front desk.');
    expect((await env.admin('DELETE', '/admin/faq/umbrella')).status).toBe(200);
    expect((await env.admin('GET', '/admin/faq/umbrella')).status).toBe(404);
    expect((await env.admin('DELETE', '/admin/faq/umbrella')).status).toBe(404);
    expect((await env.admin('PUT', '/admin/faq/umbrella', body)).status).toBe(404);
  });

  it('refuses a bad entry with a 400 that names the field', async () => {
    const bad = await env.admin('POST', '/admin/faq', { id: 'x y', questions: [], answer: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/questions/);
  });
});

describe('admin FAQ import and export', () => {
  it('imports a file larger than the 64 KB API limit, merged by id', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify(entry(`bulk-${i}`, `bulk question number ${i} ${'padding '.repeat(20)}`)),
    );
    const content = lines.join('\n');
    expect(content.length).toBeGreaterThan(64 * 1024);
    const imported = await env.admin('POST', '/admin/faq/import', { content });
    expect(imported.status).toBe(200);
    expect(imported.body.entries).toBeGreaterThan(300);
    expect((await env.admin('GET', '/admin/faq?tag=test')).body.total).toBe(300);
  });

  it('refuses a bad file with every bad line numbered, and changes nothing', async () => {
    const before = (await env.admin('GET', '/admin/faq?limit=1')).body;
    const content = [JSON.stringify(entry('ok', 'fine')), '{"id": "x"}', 'not json'].join('\n');
    const refused = await env.admin('POST', '/admin/faq/import', { content, mode: 'replace' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_file');
    expect(refused.body.error.issues.map((i: { line: number }) => i.line)).toEqual([2, 3]);
    expect((await env.admin('GET', '/admin/faq?limit=1')).body).toMatchObject({
      total: before.total,
      version: before.version,
    });
  });

  it('exports the live FAQ as JSONL and CSV that import back unchanged', async () => {
    const jsonl = await env.admin('GET', '/admin/faq/export');
    expect(jsonl.body).toContain('"id":"account-delete.en"');
    const csv = await env.admin('GET', '/admin/faq/export?format=csv');
    expect(csv.body.split('\n')[0]).toMatch(/^id,question,answer/);
    const before = (await env.admin('GET', '/admin/faq?limit=1')).body.total;
    await env.admin('POST', '/admin/faq/import', { content: jsonl.body, mode: 'replace' });
    expect((await env.admin('GET', '/admin/faq/export')).body).toBe(jsonl.body);
    expect((await env.admin('GET', '/admin/faq?limit=1')).body.total).toBe(before);
    expect((await env.admin('GET', '/admin/faq/export?format=xml')).status).toBe(400);
  });
});

describe('admin FAQ try', () => {
  it('gives the verdict with the words that counted, the rarer weighing more', async () => {
    const tried = (await env.admin('POST', '/admin/faq/try', { text: 'how do I delete my account' })).body;
    expect(tried.band).toBe('answer');
    expect(tried.best).toMatchObject({ id: 'account-delete.en', question: 'How do I delete my account?' });
    expect(tried.best.answer).toMatch(/Delete Account/);
    const terms = Object.fromEntries(
      tried.terms.map((t: { term: string; weight: number }) => [t.term, t.weight]),
    );
    expect(Object.keys(terms)).toEqual(expect.arrayContaining(['delete', 'account']));
    expect(terms.delete).toBeGreaterThan(terms.account);
    expect(terms).not.toHaveProperty('my');
  });

  it('says so when nothing matches, and refuses an empty question', async () => {
    expect((await env.admin('POST', '/admin/faq/try', { text: 'qwxz plorb' })).body).toMatchObject({
      band: 'none',
      terms: [],
    });
    expect((await env.admin('POST', '/admin/faq/try', { text: ' ' })).status).toBe(400);
  });
});
