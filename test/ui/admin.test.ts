/**
 * The admin page in a real browser against the real local server: ops sign in with the admin token, edit an FAQ
 * entry and the widget answers with it, attach an unanswered question and it is answered, read a report of a
 * scripted day of traffic as charts, and open every section (also on a phone) without a script error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocal } from '../../functions/local/start-local.js';
import { recordingChannel } from '../support/recording-channel.js';
import { askInWidget, demoEntry, launchChromium, snippet, WAIT } from './browser.js';

const SHOT = (name: string) => `/tmp/frontdesk-admin-${name}.png`;
const SECTIONS = ['FAQ', 'Unanswered', 'Test all', 'Hours', 'Agents', 'Reports', 'Dead letters'];
const EDITED = 'Checked by the ops team today.';
const STRAY = 'Will my quokka enjoy juggling lessons?';
// Down for the first ten sends, every retry of one reply (RETRY_SCHEDULE.maxReceiveCount), so it dead-letters.
const outage = recordingChannel('outage', 10);

describe('the admin page in a browser', { timeout: 90_000 }, () => {
  let app: Awaited<ReturnType<typeof startLocal>>;
  let browser: Browser;
  let dataDir: string;
  const pageErrors: string[] = [];

  async function openPage(width = 1280, height = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' });
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    // A script or style sheet of the page that does not load is an error too.
    page.on('response', (res) => {
      if (/\.(js|css)$/.test(new URL(res.url()).pathname) && !res.ok())
        pageErrors.push(`${res.url()}: ${res.status()}`);
    });
    return page;
  }
  /** A fresh admin page, signed in with the token `npm start` prints. */
  async function admin(width?: number, height?: number): Promise<Page> {
    const page = await openPage(width, height);
    const answer = await page.goto(`${app.url}/admin`);
    expect(answer?.status(), 'GET /admin should serve the admin page').toBe(200);
    await page.getByLabel('Admin token').fill(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#faq-list li').first().waitFor(WAIT);
    return page;
  }
  const tab = (page: Page, name: string) =>
    page.getByRole('navigation').getByRole('link', { name, exact: true });
  /** Opens a section and waits for its data: typing into it before then would be overwritten by the load. */
  async function openTab(page: Page, name: string) {
    await tab(page, name).click();
    await expect.poll(() => tab(page, name).getAttribute('aria-current'), WAIT).toMatch('page');
    await page.locator('main > section[aria-busy="false"]:not([hidden])').waitFor(WAIT);
  }

  /** Web-chat traffic through the public API: each conversation is a list of questions. */
  async function traffic(conversations: { lang: 'zh' | 'en'; questions: string[] }[]) {
    for (const { lang, questions } of conversations) {
      const opened = await fetch(`${app.url}/web/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lang }),
      });
      const { conversationId, token } = (await opened.json()) as { conversationId: string; token: string };
      for (const text of questions) {
        const sent = await fetch(`${app.url}/web/conversations/${conversationId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ text }),
        });
        expect(sent.status).toBe(200);
      }
    }
    await writeHeldTurns();
  }
  /** What the schedule does within a minute: the bot turns held with the conversations are written out. */
  const writeHeldTurns = () => app.services.conversations.writeDueTurns(new Date(Date.now() + 60_000));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-admin-ui-'));
    app = await startLocal({
      port: 0,
      dataDir,
      hours: 'always',
      quiet: true,
      channels: [outage],
      // Retried every second instead of backing off for an hour, so a failing reply reaches its DLQ quickly.
      retry: { firstSeconds: 1, maxSeconds: 1, maxReceiveCount: 10 },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong token and keeps the sign-in form', async () => {
    const page = await openPage();
    await page.goto(`${app.url}/admin`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /not accepted/ })
      .waitFor(WAIT);
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    await page.close();
  });

  it('edits an FAQ entry in the page, and the widget answers with the new text', async () => {
    const entry = demoEntry('authenticity.en');
    const page = await admin();
    await page.getByRole('searchbox', { name: 'Search questions and answers' }).fill(entry.questions[0]!);
    await page.locator('#faq-list li', { hasText: entry.id }).getByRole('button').click();
    const form = page.locator('#faq-form');
    const answer = form.getByLabel('Answer', { exact: true });
    await expect.poll(() => answer.inputValue(), WAIT).toContain(snippet(entry.answer));
    await answer.fill(`${EDITED} ${entry.answer}`);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${entry.id}` })
      .waitFor(WAIT);
    await page.screenshot({ path: SHOT('faq') });

    const shop = await openPage();
    const w = await askInWidget(shop, `${app.url}/?lang=en`, entry.questions[0]!);
    await w.message('bot', EDITED).waitFor(WAIT);
    await Promise.all([page.close(), shop.close()]);
  });

  it('tries a question with its band, score and words, and rolls the edit back from the versions', async () => {
    const entry = demoEntry('authenticity.en');
    const page = await admin();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByLabel('Try a question').fill(entry.questions[0]!);
    const result = page.locator('#try-result');
    await result.locator('.band.answer', { hasText: /score \d/ }).waitFor(WAIT);
    await result.locator('.term').first().waitFor(WAIT);
    await result.getByText(EDITED).waitFor(WAIT);
    await page.screenshot({ path: SHOT('try') });

    await page.getByText('Versions', { exact: true }).click();
    const first = page.locator('#versions li').last();
    await first.getByRole('button', { name: 'Diff with live' }).click();
    await page.locator('#diff .diff-change', { hasText: entry.id }).waitFor(WAIT);
    await first.getByRole('button', { name: 'Roll back to this' }).click();
    await page.getByRole('status').filter({ hasText: 'Rolled back' }).waitFor(WAIT);
    await page.getByLabel('Try a question').fill(`${entry.questions[0]} `);
    await expect.poll(() => result.textContent(), WAIT).not.toContain(EDITED);
    await result.getByText(snippet(entry.answer)).waitFor(WAIT);
    await page.close();
  });

  it('adds an agent who may not publish, shows the token once, and publishes the draft that agent saves', async () => {
    const page = await admin();
    await openTab(page, 'Agents');
    await page.getByLabel('Name', { exact: true }).fill('Lin');
    await page.getByRole('button', { name: 'Add agent' }).click();
    const token = (await page.locator('#agent-token code').textContent({ timeout: WAIT.timeout }))!;
    await page.locator('#agent-list tr', { hasText: 'Lin' }).waitFor(WAIT);
    const saved = await fetch(`${app.url}/agent/faq`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        question: 'Do you ship on Sundays?',
        answer: 'Yes, on Sundays too.',
        lang: 'en',
      }),
    });
    expect(saved.status, 'an agent who may not publish leaves a draft').toBe(202);

    await openTab(page, 'FAQ');
    const draft = page.locator('#drafts li', { hasText: 'Lin' });
    await draft.waitFor(WAIT);
    await draft.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Published' }).waitFor(WAIT);
    await page.getByLabel('Try a question').fill('Do you ship on Sundays?');
    await page.locator('#try-result').getByText('Yes, on Sundays too.').waitFor(WAIT);
    await page.close();
  });

  it('edits the staffed hours, refuses a bad interval, and the week preview follows', async () => {
    const page = await admin();
    await openTab(page, 'Hours');
    const sunday = page.getByLabel('Sunday');
    await expect.poll(() => page.getByLabel('Monday').inputValue(), WAIT).toMatch(/\d\d:\d\d-\d\d:\d\d/);
    await sunday.fill('10:00-noon');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.locator('#hours-error', { hasText: 'Sunday' }).waitFor(WAIT);
    await sunday.fill('10:00-12:30');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Hours saved' }).waitFor(WAIT);
    await page.locator('#hours-preview li', { hasText: '10:00–12:30' }).waitFor(WAIT);
    await page.screenshot({ path: SHOT('hours') });
    await page.close();
  });

  it('shows an unanswered question in the inbox; attached to an entry, it is answered', async () => {
    const target = demoEntry('store-pickup.en');
    const shop = await openPage();
    await askInWidget(shop, `${app.url}/?lang=en`, STRAY);
    await writeHeldTurns();

    const page = await admin();
    await openTab(page, 'Unanswered');
    const cluster = page.locator('.cluster', { hasText: STRAY });
    await cluster.waitFor(WAIT);
    await page.screenshot({ path: SHOT('unanswered') });
    await cluster.getByLabel('Entry id').fill(target.id);
    await cluster.getByRole('button', { name: 'Attach', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `to ${target.id}` })
      .waitFor(WAIT);
    await cluster.waitFor({ state: 'detached', ...WAIT });

    const again = await openPage();
    const w = await askInWidget(again, `${app.url}/?lang=en`, STRAY);
    await w.message('bot', snippet(target.answer)).waitFor(WAIT);
    await Promise.all([page.close(), shop.close(), again.close()]);
  });

  it('makes a new entry from an unanswered question, and dismisses another', async () => {
    const [teach, ignore] = ['Can a narwhal borrow my umbrella?', 'Do penguins knit scarves?'];
    await traffic([{ lang: 'en', questions: [teach, ignore] }]);
    const page = await admin();
    await openTab(page, 'Unanswered');
    const dismissed = page.locator('.cluster', { hasText: ignore });
    await dismissed.getByRole('button', { name: 'Dismiss' }).click();
    await dismissed.waitFor({ state: 'detached', ...WAIT });

    const cluster = page.locator('.cluster', { hasText: teach });
    await cluster.getByRole('button', { name: 'New entry…' }).click();
    await cluster.getByLabel('Id', { exact: true }).fill('narwhal-umbrella.en');
    await cluster.getByLabel('Answer', { exact: true }).fill('Narwhals may borrow umbrellas at any store.');
    await cluster.getByRole('button', { name: 'Create entry' }).click();
    await cluster.waitFor({ state: 'detached', ...WAIT });
    await openTab(page, 'FAQ');
    await page.getByLabel('Try a question').fill(teach);
    await page.locator('#try-result .band.answer').waitFor(WAIT);
    await page.locator('#try-result').getByText('Narwhals may borrow umbrellas at any store.').waitFor(WAIT);
    await page.close();
  });

  it('draws the report of a scripted day of traffic as charts', async () => {
    const answered = demoEntry('shipping-cost.en').questions.slice(0, 3);
    await traffic([
      { lang: 'en', questions: [answered[0]!, 'zebra flamingo telescope?'] },
      { lang: 'en', questions: [answered[1]!, answered[2]!] },
      { lang: 'zh', questions: ['退款多久到账', '人工'] },
    ]);
    const page = await admin();
    await openTab(page, 'Reports');
    const daily = page.locator('#chart-daily');
    await daily.locator('canvas').waitFor(WAIT);
    const today = await page.locator('#report-range input[name="to"]').inputValue();
    // The chart describes itself: today's point carries a rate, not "–".
    await expect
      .poll(() => daily.getAttribute('aria-label'), WAIT)
      .toMatch(new RegExp(`${today.slice(5)} \\d+ %`));
    await page.locator('#heatmap td').filter({ hasText: /^\d+$/ }).first().waitFor(WAIT);
    await expect
      .poll(() => page.locator('#chart-channels').getAttribute('aria-label'), WAIT)
      .toMatch(/web \d+/);
    await page.locator('#reports').screenshot({ path: SHOT('reports') });

    // The ticket of the scripted handoff, with its conversation's transcript to download.
    const ticket = page.locator('#report-tickets tbody tr', { hasText: 'Transfer' });
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      ticket.getByRole('button', { name: 'JSONL' }).click(),
    ]);
    const transcript = readFileSync((await download.path())!, 'utf8');
    expect(transcript).toContain('退款多久到账');
    await page.close();
  });

  it('edits and runs the regression set, against the live FAQ and against a draft file', async () => {
    const cases = [
      { text: 'How much is shipping?', expected: 'shipping-cost.en' },
      { text: 'zebra flamingo telescope', expected: null },
    ];
    const page = await admin();
    await openTab(page, 'Test all');
    await page.locator('#cases').fill(cases.map((c) => JSON.stringify(c)).join('\n'));
    await page.getByRole('button', { name: 'Save cases' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved 2 cases' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Run all' }).click();
    await page.locator('#run-summary', { hasText: '2 of 2 passed' }).waitFor(WAIT);

    const draft = {
      id: 'telescopes.en',
      questions: ['zebra flamingo telescope'],
      answer: 'We sell no telescopes.',
      lang: 'en',
    };
    await page.getByLabel('Against a draft FAQ file (not published)').check();
    await page.getByLabel('Draft FAQ file', { exact: true }).setInputFiles({
      name: 'draft.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(JSON.stringify(draft)),
    });
    await page.getByRole('button', { name: 'Run all' }).click();
    await page.locator('#run-summary', { hasText: '1 of 2 passed' }).waitFor(WAIT);
    await page.locator('#run-summary', { hasText: '1 answers would change' }).waitFor(WAIT);
    await page.locator('#run-results tr.changed', { hasText: draft.id }).waitFor(WAIT);
    await page.screenshot({ path: SHOT('tests-run') });
    // Nothing was published: the live FAQ has no such entry.
    const live = await fetch(`${app.url}/admin/faq/${draft.id}`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(live.status).toBe(404);
    await page.close();
  });

  it('lists a dead letter with its reason and redrives it, and the reply is delivered', async () => {
    await app.services.queues.outbound.send({
      to: { channel: 'outage', conversationId: 'c1', userId: 'u1' },
      message: { text: 'your refund is on its way' },
    });
    const counts = async () =>
      (await (
        await fetch(`${app.url}/admin/dead-letters`, {
          headers: { authorization: `Bearer ${app.adminToken}` },
        })
      ).json()) as {
        queues: { name: string; count: number }[];
      };
    await vi.waitFor(
      async () => expect((await counts()).queues).toContainEqual({ name: 'outbound', count: 1 }),
      {
        timeout: 40_000,
        interval: 250,
      },
    );
    const page = await admin();
    await openTab(page, 'Dead letters');
    await page.locator('#dl-queues [data-queue="outbound"]', { hasText: '1' }).click();
    await page.locator('.dead-letter', { hasText: 'outage is down' }).waitFor(WAIT);
    await page.screenshot({ path: SHOT('dead-letters-list') });
    await page.getByRole('button', { name: 'Redrive all' }).click();
    await page.getByRole('status').filter({ hasText: 'sent back' }).waitFor(WAIT);
    await vi.waitFor(
      () => expect(outage.sent.map((s) => s.message.text)).toEqual(['your refund is on its way']),
      WAIT,
    );
    await page.close();
  });

  it('opens every section with the keyboard-reachable tabs, in English and in Chinese', async () => {
    const page = await admin();
    for (const name of SECTIONS) {
      await tab(page, name).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => tab(page, name).getAttribute('aria-current'), WAIT).toMatch('page');
      await page
        .locator('main > section:not([hidden]) h2, main > section:not([hidden]) .toolbar')
        .first()
        .waitFor(WAIT);
      await page.screenshot({ path: SHOT(name.toLowerCase().replace(/ /g, '-')), fullPage: true });
    }
    await page.getByRole('button', { name: '中文' }).click();
    await tab(page, '死信').waitFor(WAIT);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
    await openTab(page, '问答库');
    await page.screenshot({ path: SHOT('zh'), fullPage: true });
    await page.close();
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    const page = await admin(390, 800);
    for (const name of SECTIONS) {
      await tab(page, name).click();
      await expect.poll(() => tab(page, name).getAttribute('aria-current'), WAIT).toMatch('page');
      await page.locator('main > section[aria-busy="false"]:not([hidden])').waitFor(WAIT);
      await page.screenshot({ path: SHOT(`phone-${name.toLowerCase().replace(/ /g, '-')}`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} is wider than the phone`).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('runs every section without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
