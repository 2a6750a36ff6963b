/**
 * The agent console's layout in a real browser, on a desktop and on a phone: a long question wraps inside its
 * card, the "Claimed" toast keeps clear of the queue, opening a ticket on a phone brings it into view, and Claim
 * in the conversation pane leaves the caret in the reply box, "Save as FAQ" takes the reply that answered the
 * question. And the widget keeps focus after a choice.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal } from '../../functions/local/start-local.js';
import { webClient } from '../support/web-client.js';

const CHROMIUM = '/usr/bin/chromium';
const WAIT = { timeout: 15_000 };
const LONG_QUESTION = `My order arrived with ${'a_very_long_unbroken_reference_number_'.repeat(4)} and no invoice, what now?`;

const box = async (locator: Locator) => (await locator.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('agent console layout in a browser', { timeout: 90_000 }, () => {
  let app: Awaited<ReturnType<typeof startLocal>>;
  let browser: Browser;
  let dataDir: string;

  async function signedIn(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/agent`);
    await page.getByLabel(/Agent token/).fill(app.agentToken);
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.locator('#waiting li').first().waitFor(WAIT);
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (see .ci/run)`);
    dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-ui-'));
    app = await startLocal({ port: 0, dataDir, hours: 'always', quiet: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const client = webClient(app.url);
    for (const [question, ask] of [
      [LONG_QUESTION, 'agent'],
      ['我的猫把快递盒子咬坏了', '转人工'],
      ['Where did my second parcel go?', 'talk to a person'],
    ]) {
      const chat = await client.open();
      await chat.say(question!);
      await chat.say(ask!);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['desktop', 1280, 800],
    ['phone', 390, 780],
  ] as const)('keeps a long question inside its card on a %s', async (_, width, height) => {
    const page = await signedIn(width, height);
    await page.locator('#waiting li').nth(2).waitFor(WAIT);
    const queue = page.locator('.queue');
    const { scrollWidth, clientWidth } = await queue.evaluate((q) => ({
      scrollWidth: q.scrollWidth,
      clientWidth: q.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const queueBox = await box(queue);
    for (const card of await page.locator('#waiting li').all()) {
      const cardBox = await box(card);
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(queueBox.x + queueBox.width);
    }
    const heading = await box(page.locator('.queue h2').first());
    expect(heading.x).toBeGreaterThanOrEqual(queueBox.x);
    await page.close();
  });

  it('shows the "Claimed" toast clear of the queue, and Claim in the pane leaves the caret in the reply box', async () => {
    const page = await signedIn(1280, 800);
    await page.locator('#waiting li .open', { hasText: LONG_QUESTION.slice(0, 20) }).click();
    await page.locator('#claim').click();
    const toast = page.locator('#toast');
    await toast.waitFor({ state: 'visible', ...WAIT });
    expect(overlaps(await box(toast), await box(page.locator('.queue')))).toBe(false);
    await page.waitForFunction(() => document.activeElement?.id === 'reply-text', undefined, WAIT);

    // "Save as FAQ" pairs the ticket's question with the reply that answered it, not with the last reply.
    for (const text of ['Here is how to get your invoice: …', 'Anything else?']) {
      await page.getByLabel('Reply to the user').fill(text);
      await page.getByLabel('Reply to the user').press('Enter');
      await page.locator('#transcript .entry.agent', { hasText: text }).waitFor(WAIT);
    }
    await page.locator('#save-faq').click();
    expect(await page.locator('#faq-question').inputValue()).toBe(LONG_QUESTION);
    expect(await page.locator('#faq-answer').inputValue()).toBe('Here is how to get your invoice: …');
    await page.close();
  });

  it('scrolls to the ticket opened on a phone', async () => {
    const page = await signedIn(390, 780);
    await page.locator('#waiting li .open').last().click();
    await page.locator('#t-title').waitFor(WAIT);
    await page.waitForFunction(
      () => {
        const top = document.getElementById('ticket')!.getBoundingClientRect().top;
        return top >= 0 && top < window.innerHeight / 2;
      },
      undefined,
      WAIT,
    );
    await page.close();
  });

  it('keeps focus in the widget after Enter on a choice, so Escape still closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/?lang=en`);
    const host = page.locator('[data-frontdesk-widget]');
    await host.getByRole('button', { name: /Chat with us/ }).click();
    const input = host.getByRole('textbox');
    await input.fill('will it snow in Beijing tomorrow');
    await input.press('Enter');
    const choice = host.locator('.choices button').last();
    await choice.waitFor(WAIT);
    await choice.focus();
    await choice.press('Enter');
    await host.locator('.msg[data-role="user"]', { hasText: 'Talk to a person' }).waitFor(WAIT);
    const inWidget = () => Boolean(document.activeElement?.shadowRoot?.activeElement);
    expect(await page.evaluate(inWidget)).toBe(true);
    await page.keyboard.press('Escape');
    await host.getByRole('dialog').waitFor({ state: 'hidden', ...WAIT });
    await page.close();
  });
});
