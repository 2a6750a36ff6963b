import { describe, expect, it } from 'vitest';
import { useAdminStack } from '../../support/admin-client.js';
import { webClient } from '../../support/web-client.js';

const env = useAdminStack();

const umbrella = (answer: string) => ({ questions: ['Do you lend umbrellas?'], answer, lang: 'en' });
const ask = async (text: string) => (await (await webClient(env.stack.url).open('en')).say(text))[0]?.text;

describe('admin FAQ versions', () => {
  it('lists each write as a version, diffs two either way and rolls back as a new version', async () => {
    const start = (await env.admin('GET', '/admin/faq/versions')).body.versions;
    expect(start[0]).toMatchObject({ note: expect.stringMatching(/imported/), entries: 80 });

    const added = (await env.admin('POST', '/admin/faq', { id: 'umbrella', ...umbrella('At the desk.') }))
      .body;
    await env.admin('PUT', '/admin/faq/umbrella', umbrella('Sorry, no longer.'));
    const deleted = (await env.admin('DELETE', '/admin/faq/account-delete.en')).body;

    const versions = (await env.admin('GET', '/admin/faq/versions')).body.versions;
    expect(versions.slice(0, 3).map((v: { note: string }) => v.note)).toEqual([
      'deleted account-delete.en',
      'edited umbrella',
      'added umbrella',
    ]);
    expect(versions[0]).toMatchObject({ version: deleted.version, entries: 80 });

    const diff = (
      await env.admin('GET', `/admin/faq/versions/diff?from=${added.version}&to=${deleted.version}`)
    ).body;
    expect(diff.added).toEqual([]);
    expect(diff.removed.map((e: { id: string }) => e.id)).toEqual(['account-delete.en']);
    expect(diff.changed).toEqual([
      {
        before: { id: 'umbrella', ...umbrella('At the desk.') },
        after: { id: 'umbrella', ...umbrella('Sorry, no longer.') },
      },
    ]);
    const back = (
      await env.admin('GET', `/admin/faq/versions/diff?from=${deleted.version}&to=${added.version}`)
    ).body;
    expect(back.added.map((e: { id: string }) => e.id)).toEqual(['account-delete.en']);
    expect(back.changed[0].after.answer).toBe('At the desk.');

    const rolled = await env.admin('POST', `/admin/faq/versions/${added.version}/rollback`);
    expect(rolled.body.version).toBeGreaterThan(deleted.version);
    expect((await env.admin('GET', '/admin/faq/umbrella')).body.entry.answer).toBe('At the desk.');
    expect((await env.admin('GET', '/admin/faq/account-delete.en')).status).toBe(200);
    expect(await ask('do you lend umbrellas')).toBe('At the desk.');
    const same = (
      await env.admin('GET', `/admin/faq/versions/diff?from=${added.version}&to=${rolled.body.version}`)
    ).body;
    expect(same).toEqual({ added: [], removed: [], changed: [] });
    expect((await env.admin('GET', '/admin/faq/versions')).body.versions[0].note).toBe(
      `rollback to version ${added.version}`,
    );
  });

  it('keeps the last 20 versions; older ones answer 404', async () => {
    const oldest = (await env.admin('GET', '/admin/faq/versions')).body.versions.at(-1).version;
    for (let i = 0; i < 21; i++) await env.admin('PUT', '/admin/faq/umbrella', umbrella(`Answer ${i}.`));
    const versions = (await env.admin('GET', '/admin/faq/versions')).body.versions;
    expect(versions).toHaveLength(20);
    expect(versions[0].note).toBe('edited umbrella');
    const gone = await env.admin('GET', `/admin/faq/versions/diff?from=${oldest}&to=${versions[0].version}`);
    expect(gone.status).toBe(404);
    expect((await env.admin('POST', `/admin/faq/versions/${oldest}/rollback`)).status).toBe(404);
    expect((await env.admin('GET', '/admin/faq/versions/diff?from=x&to=1')).status).toBe(400);
  });
});
