/**
 * The pages in a real browser against the real local server: a shopper asks the demo FAQ in Chinese and English,
 * asks for a person, an agent claims the ticket in the console and replies, the reply reaches the widget live,
 * and a reload brings the conversation back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, WebSocket as PageSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal } from '../../functions/local/start-local.js';
import { launchChromium, snippet, WAIT, widget } from './browser.js';

const SHOTS = {
  widget: '/tmp/frontdesk-widget.png',
  console: '/tmp/frontdesk-console.png',
  phone: '/tmp/frontdesk-widget-phone.png',
};
const AGENT_REPLY = '您好，我来帮您';

interface FaqEntry {
  id: string;
  questions: string[];
  answer: string;
  lang?: 'zh' | 'en';
}

/** A question from the demo FAQ (a phrasing the FAQ itself lists) and a piece of its answer to look for. */
function faqCase(lang: 'zh' | 'en', prefer: RegExp): { question: string; answer: string } {
  const lines = readFileSync(new URL('../../data/demo-faq.jsonl', import.meta.url), 'utf8').split('\n');
  const entries = lines.filter((l) => l.trim()).map((l) => JSON.parse(l) as FaqEntry);
  const inLang = entries.filter((e) => (e.lang ?? (/\p{Script=Han}/u.test(e.answer) ? 'zh' : 'en')) === lang);
  const entry = inLang.find((e) => e.questions.some((q) => prefer.test(q))) ?? inLang[0];
  if (!entry) throw new Error(`data/demo-faq.jsonl has no ${lang} entry`);
  const question = entry.questions.find((q) => prefer.test(q)) ?? entry.questions[0]!;
  return { question, answer: snippet(entry.answer) };
}

/** The canned "you are in the queue" text in both languages (its placeholders cut off). */
function queuedNotice(): RegExp {
  const canned = JSON.parse(readFileSync(new URL('../../data/canned-replies.json', import.meta.url), 'utf8'));
  const { zh, en } = canned.transferQueued as { zh: string; en: string };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escape(snippet(zh))}|${escape(snippet(en))}`);
}

async function openWidget(page: Page) {
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.input.waitFor(WAIT);
  return w;
}

async function ask(page: Page, text: string) {
  const w = widget(page);
  await w.input.fill(text);
  await w.input.press('Enter');
  await w.message('user', text).waitFor(WAIT);
}

// Each test is a few browser steps of up to WAIT each, so they get more than the suite's default timeout.
describe('web pages in a browser', { timeout: 60_000 }, () => {
  let app: Awaited<ReturnType<typeof startLocal>>;
  let browser: Browser;
  let dataDir: string;
  let shop: Page;
  let agentName: string;
  const liveSockets: PageSocket[] = [];
  const pageErrors: string[] = [];
  const zhCase = faqCase('zh', /退款多久/);
  const enCase = faqCase('en', /how long does a refund/i);

  /** A fresh page (its own storage) whose actions time out like WAIT and whose script errors are collected. */
  async function openPage(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-ui-'));
    app = await startLocal({ port: 0, dataDir, hours: 'always', quiet: true });
    browser = await launchChromium();
    shop = await openPage(1280, 800);
    shop.on('websocket', (socket) => socket.url().includes('/live') && liveSockets.push(socket));
    const me = await fetch(`${app.url}/agent/me`, { headers: { authorization: `Bearer ${app.agentToken}` } });
    agentName = ((await me.json()) as { name: string }).name;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a Chinese FAQ question on the Chinese demo page', async () => {
    await shop.goto(`${app.url}/?lang=zh`);
    expect(await shop.locator('html').getAttribute('lang')).toMatch(/^zh/);
    const w = await openWidget(shop);
    // Opening the panel puts the caret in the message box.
    const caretInBox = () => document.activeElement?.shadowRoot?.activeElement?.tagName === 'TEXTAREA';
    await shop.waitForFunction(caretInBox, undefined, WAIT);
    await ask(shop, zhCase.question);
    await w.message('bot', zhCase.answer).waitFor(WAIT);
  });

  it('answers an English FAQ question on the English page, in the same conversation', async () => {
    await shop.goto(`${app.url}/?lang=en`);
    const w = await openWidget(shop);
    await w.message('bot', zhCase.answer).waitFor(WAIT); // the conversation carried over
    await ask(shop, enCase.question);
    await w.message('bot', enCase.answer).waitFor(WAIT);
  });

  it('queues the user for a person when they type 人工', async () => {
    await shop.goto(`${app.url}/?lang=zh`);
    await openWidget(shop);
    await ask(shop, '人工');
    await widget(shop).message('bot', queuedNotice()).waitFor(WAIT);
  });

  it('lets an agent claim the ticket and reply, and the reply reaches the widget live', async () => {
    const desk = await openPage(1280, 800);
    const page = await desk.goto(`${app.url}/agent`);
    expect(page?.status(), 'GET /agent should serve the console page').toBe(200);
    await desk.getByLabel(/Agent token/).fill(app.agentToken);
    await desk.getByRole('button', { name: /Sign in/ }).click();
    await desk.locator('#me', { hasText: agentName }).waitFor(WAIT);

    const ticket = desk.locator('#waiting li').first();
    await ticket.waitFor(WAIT);
    await ticket.getByRole('button', { name: /Claim/ }).click();
    await desk.locator('#mine li').first().waitFor(WAIT);

    const reply = desk.getByLabel('Reply to the user');
    await reply.fill(AGENT_REPLY);
    await reply.press('Enter');
    await desk.locator('#transcript .entry.agent', { hasText: AGENT_REPLY }).waitFor(WAIT);
    await desk.screenshot({ path: SHOTS.console });

    // The shop page was not touched: the reply arrives by itself, signed with the agent's name.
    const answer = widget(shop).message('agent', AGENT_REPLY);
    await answer.waitFor(WAIT);
    await answer.getByText(agentName).waitFor(WAIT);
    expect(liveSockets.length, 'the widget opened no /live WebSocket').toBeGreaterThan(0);
    await shop.screenshot({ path: SHOTS.widget });
    await desk.close();
  });

  it('restores the transcript after a reload', async () => {
    await shop.reload();
    const w = await openWidget(shop);
    await w.message('user', zhCase.question).waitFor(WAIT);
    await w.message('bot', enCase.answer).waitFor(WAIT);
    await w.message('agent', AGENT_REPLY).waitFor(WAIT);
  });

  it('fills a phone-width screen with the chat panel', async () => {
    const phone = await openPage(390, 780);
    await phone.goto(`${app.url}/?lang=zh`);
    const w = await openWidget(phone);
    expect((await w.panel.boundingBox())?.width).toBe(390);
    await phone.screenshot({ path: SHOTS.phone });
    await phone.close();
  });

  it('runs every page without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
