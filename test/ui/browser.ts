import { existsSync, readFileSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
/** The bound for every wait on a visible effect. */
export const WAIT = { timeout: 15_000 };

/** Debian's Chromium, headless, with nothing that would reach the network by itself. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-zenhei (as .ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One entry of the demo FAQ, by id. */
export function demoEntry(id: string): { id: string; questions: string[]; answer: string } {
  const lines = readFileSync(new URL('../../data/demo-faq.jsonl', import.meta.url), 'utf8').split('\n');
  const entry = lines
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .find((e) => e.id === id);
  if (!entry) throw new Error(`data/demo-faq.jsonl has no entry ${id}`);
  return entry;
}

/** The start of a text, up to its first placeholder or line break: enough to recognize it on screen. */
export function snippet(text: string): string {
  return text.split(/[{\n]/)[0]!.trim().slice(0, 16);
}

/** The chat widget's parts; Playwright's locators reach into its open shadow root. */
export function widget(page: Page) {
  const host = page.locator('[data-frontdesk-widget]');
  return {
    launcher: host.getByRole('button', { name: /在线客服|Chat with us/ }),
    panel: host.getByRole('dialog'),
    input: host.getByRole('textbox'),
    message: (role: 'user' | 'bot' | 'agent', text: string | RegExp) =>
      host.locator(`.msg[data-role="${role}"]`).filter({ hasText: text }),
  };
}

/** Opens the widget on the demo page and asks one question; resolves once the question shows. */
export async function askInWidget(page: Page, url: string, text: string) {
  await page.goto(url);
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.input.waitFor(WAIT);
  await w.input.fill(text);
  await w.input.press('Enter');
  await w.message('user', text).waitFor(WAIT);
  return w;
}
