import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import { recordCommands } from '../../support/dynamo-commands.js';
import { startTestStack } from '../../support/local-stack.js';
import { ANSWERED } from './report-traffic.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let app: ReturnType<typeof createApp>;
let commandsOf: ReturnType<typeof recordCommands>;

beforeAll(async () => {
  stack = await startTestStack();
  app = createApp({ ...stack.services, uiDir: join(import.meta.dirname, '../../../ui') });
  commandsOf = recordCommands(stack.services.db.doc);
});
afterAll(() => stack?.stop());

const admin = (path: string) =>
  app.request(path, { headers: { authorization: `Bearer ${stack.adminToken}` } });
async function chat() {
  const open = await app.request('/web/conversations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"lang":"en"}',
  });
  const { conversationId, token } = await open.json();
  return {
    conversationId,
    say: (text: string) =>
      app.request(`/web/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      }),
  };
}

describe('report events on the message path', () => {
  it('ride with the state save: an answered message sends no request of its own for them', async () => {
    const { say } = await chat();
    // The first question of a process builds and stores the FAQ's snapshot; count a warm process's requests.
    await stack.services.faq.match(ANSWERED[1]!);
    const { result: res, commands } = await commandsOf.during(() => say(ANSWERED[1]!));
    expect((await res.json()).replies[0].buttons).toHaveLength(2);
    const [save, ...others] = [
      ...commands.filter((c) => c.includes('turn@')),
      ...commands.filter((c) => !c.includes('turn@')),
    ];
    expect(save).toMatch(/^UpdateItemCommand .*#rev = :rev.*asked/);
    expect(others.join('\n')).not.toMatch(/EVENTS#|FAQHITS|UNANSWERED|BatchWrite|asked/);
  });

  it('add up into the "most asked" counts on the next scheduled run once written out', async () => {
    const { say } = await chat();
    for (let i = 0; i < 3; i++) await say(ANSWERED[2]!);
    await stack.services.conversations.writeDueTurns(new Date(Date.now() + 60_000));
    await stack.services.reports.rollUp(new Date(Date.now() + 4 * 60_000));
    const cost = await stack.services.faq.match(ANSWERED[2]!);
    expect((await stack.services.insights.mostAnswered('en', 1))[0]).toBe(cost.best?.id);
  });
});

describe('exports of customers’ words', () => {
  it('never turn a message into a spreadsheet formula', async () => {
    const { conversationId, say } = await chat();
    await say('=HYPERLINK("http://evil.example")');
    const res = await admin(`/admin/conversations/web%23${conversationId}/transcript?format=csv`);
    const lines = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(lines[0]).toMatchObject({ role: 'user', text: `'=HYPERLINK("http://evil.example")` });
  });
});
