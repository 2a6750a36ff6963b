import { describe, expect, it, vi } from 'vitest';
import { useAdminStack } from '../../support/admin-client.js';
import { webClient } from '../../support/web-client.js';

const harpsichord = ['can you tune my harpsichord', 'harpsichord tuning?', 'Harpsichord tuning'];
const piano = ['is there a piano in the lobby', 'is there a piano in your lobby?'];

// Days are counted in the reports' zone: eight hours ahead of UTC here, so a UTC day and a local day differ.
const env = useAdminStack({ env: { FRONTDESK_TIME_ZONE: 'Asia/Shanghai' } }, async (stack) => {
  for (const text of [...harpsichord, ...piano]) await (await webClient(stack.url).open('en')).say(text);
  // What the schedule does within a minute: the turns held with the conversations are written out.
  await stack.services.conversations.writeDueTurns(new Date(Date.now() + 60_000));
});

type Cluster = {
  id: string;
  label: string;
  count: number;
  questions: string[];
  reasons: Record<string, number>;
};
const clusters = async (): Promise<Cluster[]> => (await env.admin('GET', '/admin/unanswered')).body.clusters;
const clusterOf = (all: Cluster[], text: string) => all.find((c) => c.questions.includes(text));
const ask = async (text: string) => (await (await webClient(env.stack.url).open('en')).say(text))[0]?.text;

describe('admin unanswered inbox', () => {
  it('groups the questions of one need, largest first, with counts, reasons and examples', async () => {
    const all = await vi.waitFor(
      async () => {
        const found = await clusters();
        if ((clusterOf(found, harpsichord[0]!)?.count ?? 0) < 3) throw new Error('not recorded yet');
        return found;
      },
      { timeout: 10_000, interval: 100 },
    );
    const tunings = clusterOf(all, harpsichord[0]!)!;
    expect(tunings).toMatchObject({ count: 3, reasons: { none: 3, low: 0, down: 0 } });
    // Wordings that normalize alike ("Harpsichord tuning", "harpsichord tuning?") are listed once.
    expect(tunings.questions).toHaveLength(2);
    expect(clusterOf(all, piano[0]!)).toMatchObject({ count: 2 });
    expect(clusterOf(all, piano[0]!)!.id).not.toBe(tunings.id);
    expect(all[0]!.count).toBeGreaterThanOrEqual(all.at(-1)!.count);
  });

  it('attaching a cluster to an entry makes its questions answerable at once, and takes it out', async () => {
    await env.admin('POST', '/admin/faq', {
      id: 'tuning.en',
      questions: ['Do you tune pianos?'],
      answer: 'We tune.',
    });
    const attached = await env.admin('POST', '/admin/unanswered/attach', {
      entryId: 'tuning.en',
      questions: harpsichord,
    });
    expect(attached.body.entry.questions).toEqual(['Do you tune pianos?', ...harpsichord]);
    expect(await ask('can you tune my harpsichord')).toBe('We tune.');
    expect(clusterOf(await clusters(), harpsichord[0]!)).toBeUndefined();
    expect(
      (await env.admin('POST', '/admin/unanswered/attach', { entryId: 'none', questions: harpsichord }))
        .status,
    ).toBe(404);
  });

  it('dismissed questions stay hidden; a new entry can be made from a cluster', async () => {
    expect((await env.admin('POST', '/admin/unanswered/dismiss', { questions: [piano[0]] })).status).toBe(
      200,
    );
    expect(clusterOf(await clusters(), piano[0]!)).toBeUndefined();
    const created = await env.admin('POST', '/admin/unanswered/create', {
      id: 'piano.en',
      answer: 'Yes, guests may play it.',
      questions: [piano[1]],
      lang: 'en',
    });
    expect(created.status).toBe(201);
    expect(await ask('is there a piano in your lobby?')).toBe('Yes, guests may play it.');
    expect(clusterOf(await clusters(), piano[1]!)).toBeUndefined();
  });

  it('counts days in the reports time zone, as the reports do', async () => {
    // Two unanswered questions 1 hour apart across midnight in Shanghai, both on 1 November in UTC.
    const asked = (text: string, iso: string) =>
      env.stack.services.conversations.append('web#tz', [], new Date(iso), [
        {
          type: 'asked',
          outcome: 'none',
          text,
          at: Date.parse(iso),
          key: 'web#tz',
          channel: 'web',
          lang: 'en',
        },
      ]);
    await asked('late evening harp question', '2026-11-01T15:30:00Z');
    await asked('just after midnight harp question', '2026-11-01T16:30:00Z');
    const on = async (day: string) =>
      (await env.admin('GET', `/admin/unanswered?from=${day}&to=${day}`)).body.clusters.flatMap(
        (c: Cluster) => c.questions,
      );
    expect(await on('2026-11-01')).toEqual(['late evening harp question']);
    expect(await on('2026-11-02')).toEqual(['just after midnight harp question']);
  });

  it('refuses a bad range', async () => {
    expect((await env.admin('GET', '/admin/unanswered?from=2026-01-10&to=2026-01-01')).status).toBe(400);
    expect((await env.admin('GET', '/admin/unanswered?from=yesterday')).status).toBe(400);
    expect((await env.admin('POST', '/admin/unanswered/dismiss', { questions: [] })).status).toBe(400);
  });
});
