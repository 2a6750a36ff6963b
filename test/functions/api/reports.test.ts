import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import { recordCommands } from '../../support/dynamo-commands.js';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';
import { ANSWERED, DAYS, playTraffic, scriptedClock, ZONE } from './report-traffic.js';

const time = scriptedClock();
let stack: Awaited<ReturnType<typeof startTestStack>>;
let app: ReturnType<typeof createApp>;
let tickets: string[];
let commandsOf: ReturnType<typeof recordCommands>;

beforeAll(async () => {
  stack = await startTestStack({ hours: 'demo', clock: time.clock });
  app = createApp({ ...stack.services, uiDir: join(import.meta.dirname, '../../../ui') });
  commandsOf = recordCommands(stack.services.db.doc);
  tickets = await playTraffic(webClient(stack.url), stack.agentToken, time);
  // Thursday morning: the schedule writes the held turns out and rolls Monday to Wednesday up; Thursday is read from its events.
  time.at('thu', '09:30');
  await stack.services.conversations.writeDueTurns(time.clock());
  await stack.services.reports.rollUp(time.clock());
}, 120_000);
afterAll(() => stack?.stop());

const admin = (path: string) =>
  app.request(path, { headers: { authorization: `Bearer ${stack.adminToken}` } });
async function counted(path: string) {
  const { result: res, commands } = await commandsOf.during(() => admin(path));
  return { res, commands: commands.map((c) => c.split(' ')[0]!) };
}
const range = `from=${DAYS.mon}&to=${DAYS.thu}`;

describe('reports from a scripted week of traffic', () => {
  it('counts questions, answers, suggestions, hand-offs and feedback', async () => {
    const report = await (await admin(`/admin/reports?${range}`)).json();
    expect(report).toMatchObject({ from: DAYS.mon, to: DAYS.thu, timeZone: ZONE });
    expect(report.totals).toEqual({
      conversations: 14,
      messages: 54,
      questions: 40,
      answered: 28,
      answerRate: 0.7,
      suggested: 8,
      suggestionClicks: 1,
      suggestionClickRate: 0.125,
      handoffs: 4,
      handoffRate: 4 / 14,
      feedbackUp: 1,
      feedbackDown: 1,
    });
    expect(report.tickets).toEqual({ byKind: { transfer: 3, message: 1 }, byChannel: { web: 4 } });
    expect(report.daily).toEqual([
      { date: DAYS.mon, conversations: 3, questions: 12, answered: 12, answerRate: 1, handoffs: 1 },
      { date: DAYS.tue, conversations: 5, questions: 12, answered: 8, answerRate: 8 / 12, handoffs: 2 },
      { date: DAYS.wed, conversations: 5, questions: 12, answered: 8, answerRate: 8 / 12, handoffs: 1 },
      { date: DAYS.thu, conversations: 1, questions: 4, answered: 0, answerRate: 0, handoffs: 0 },
    ]);
  });

  it('gives medians and p90 of known first-response and resolution times, in wall and staffed time', async () => {
    const { firstResponse, resolution, csat } = await (await admin(`/admin/reports?${range}`)).json();
    // First responses 60 s, 120 s, 400 s, and 11.5 h across a closed night, of which only 09:00–09:30:40 staffed.
    expect(firstResponse).toEqual({
      count: 4,
      median: 120,
      p90: 41_400,
      staffedMedian: 120,
      staffedP90: 1840,
      target: 300,
      slaMet: 0.5,
    });
    expect(resolution).toEqual({
      count: 4,
      median: 900,
      p90: 43_200,
      staffedMedian: 900,
      staffedP90: 3640,
    });
    expect(csat).toEqual({ count: 4, average: 3.5, distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 1 } });
  });

  it('ranks the answered entries and places conversations on the weekday × hour heatmap', async () => {
    const { topFaq, heatmap } = await (await admin(`/admin/reports?${range}`)).json();
    const shipping = await stack.services.faq.match(ANSWERED[0]!);
    expect(topFaq[0]).toMatchObject({ id: shipping.best?.id, count: 14 });
    expect(topFaq[0].question).not.toBe(topFaq[0].id);
    expect(topFaq.map((f: { count: number }) => f.count).slice(1, 3)).toEqual([7, 7]);
    const cells = heatmap.flatMap((hours: number[], day: number) =>
      hours.flatMap((n, hour) => (n ? [`${day}:${hour}=${n}`] : [])),
    );
    expect(cells).toEqual([
      '0:10=2',
      '0:15=1',
      '1:9=1',
      '1:11=2',
      '1:13=1',
      '1:22=1',
      '2:10=1',
      '2:14=1',
      '2:16=1',
      '2:20=1',
      '2:21=1',
      '3:9=1',
    ]);
  });

  it('reads a report with a batch read of the day items and a query per UTC day of today, no scan', async () => {
    const { res, commands } = await counted(`/admin/reports?${range}`);
    expect(res.status).toBe(200);
    // Besides these, at most a read of the hours (cached for 30 s) for the zone and staffed time.
    expect(commands.filter((c) => c !== 'GetItemCommand')).toEqual([
      'BatchGetItemCommand',
      'QueryCommand',
      'QueryCommand',
    ]);
    expect(commands.length).toBeLessThanOrEqual(4);
  });

  it('exports each table as CSV that parses back to the same numbers', async () => {
    const report = await (await admin(`/admin/reports?${range}`)).json();
    const table = async (name: string) => {
      const res = await admin(`/admin/reports/export?${range}&table=${name}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return parse(await res.text(), { columns: true }) as Record<string, string>[];
    };
    const daily = await table('daily');
    expect(daily.map((d) => Number(d.answered))).toEqual([12, 8, 8, 0]);
    expect(daily.reduce((n, d) => n + Number(d.questions), 0)).toBe(40);
    expect((await table('csat')).map((r) => [r.score, Number(r.count)])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 1],
      ['4', 1],
      ['5', 1],
    ]);
    const heatmap = await table('heatmap');
    expect(heatmap.map((row) => Array.from({ length: 24 }, (_, h) => Number(row[String(h)])))).toEqual(
      report.heatmap,
    );
    expect(await table('channels')).toEqual([{ channel: 'web', conversations: '14', tickets: '4' }]);
    expect((await table('top-faq'))[0]).toMatchObject({ id: report.topFaq[0].id, count: '14' });
    const rows = await table('tickets');
    expect(rows.map((r) => r.id)).toEqual(tickets);
    expect(rows.map((r) => Number(r.firstResponseSeconds))).toEqual([60, 120, 41_400, 400]);
    expect(rows.map((r) => Number(r.csat))).toEqual([5, 4, 2, 3]);
  });

  it('lists the tickets created in a range and exports a transcript', async () => {
    const tue = await (await admin(`/admin/tickets?from=${DAYS.tue}&to=${DAYS.tue}`)).json();
    expect(tue.tickets.map((t: { id: string }) => t.id)).toEqual([tickets[1], tickets[2]]);
    const key = tue.tickets[1].conversationKey as string;
    const csv = await admin(`/admin/conversations/${encodeURIComponent(key)}/transcript?format=csv`);
    const lines = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(lines.map((l) => l.role)).toContain('agent');
    expect(lines.find((l) => l.role === 'agent')?.text).toBe('Good morning, calling you now.');
    const jsonl = await admin(`/admin/conversations/${encodeURIComponent(key)}/transcript`);
    const parsed = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(parsed.map((l) => l.text)).toEqual(lines.map((l) => l.text));
  });

  it('feeds unanswered, low-confidence and 👎 questions to the inbox with their reason', async () => {
    const reasons = async (utcDate: string) =>
      (await stack.services.insights.unanswered(utcDate)).map((q) => [q.reason, q.text]);
    // Shanghai is UTC+8: Monday 10:20 there is Monday 02:20 UTC.
    expect(await reasons('2026-11-23')).toEqual([['down', ANSWERED[0]]]);
    expect((await reasons('2026-11-24')).filter(([r]) => r === 'low')).toHaveLength(4);
    expect(await reasons('2026-11-26')).toHaveLength(4);
    expect((await reasons('2026-11-26')).every(([r]) => r === 'none')).toBe(true);
  });

  it('answers bad ranges with a 400 and an unknown conversation with a 404', async () => {
    expect((await admin(`/admin/reports?from=${DAYS.thu}&to=${DAYS.mon}`)).status).toBe(400);
    expect((await admin('/admin/reports?from=2020-01-01&to=2026-01-01')).status).toBe(400);
    expect((await admin('/admin/reports?from=yesterday')).status).toBe(400);
    expect((await admin('/admin/reports/export?table=nope')).status).toBe(400);
    expect((await admin('/admin/conversations/web%23nobody/transcript')).status).toBe(404);
    expect((await app.request('/admin/reports')).status).toBe(401);
  });
});
