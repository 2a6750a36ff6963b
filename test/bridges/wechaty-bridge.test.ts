import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Message, type Wechaty, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { startBridge } from '../../bridges/wechaty/bridge.js';
import type { Ticket } from '../../functions/core/ticket.js';
import { startTestStack } from '../support/local-stack.js';
import { webClient } from '../support/web-client.js';

const SECRET = 'the-shared-secret-of-the-bridge-test';
const journalFile = join(mkdtempSync(join(tmpdir(), 'wechaty-bridge-')), 'journal.json');
const mocker = new mock.Mocker();
const shop = mocker.createContact({ name: 'Maple Lane' });
const alice = mocker.createContact({ name: 'Alice' });
const received: string[] = [];
// ContactMock emits what it receives, though its typings lack `on` (TOOLCHAIN §6).
(alice as unknown as { on(event: 'message', listener: (m: Message) => void): void }).on('message', (m) => {
  if (m.talker().id === shop.id) received.push(m.text());
});

let stack: Awaited<ReturnType<typeof startTestStack>>;
let running: { bot: Wechaty; bridge: ReturnType<typeof startBridge> } | undefined;

beforeAll(async () => {
  stack = await startTestStack({ env: { WECHATY_BRIDGE_SECRET: SECRET } });
});
afterAll(async () => {
  await stopBridge();
  await stack.stop();
});

/** What `npm run bridge:wechaty` runs, on the mock puppet: Wechaty logged in as the shop, and the bridge. */
async function startBridgeProcess(frontdeskUrl = stack.url) {
  // A mocker that served an earlier puppet points back at it, which the next puppet's constructor cannot serialize.
  Reflect.deleteProperty(mocker, '_puppet');
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  await bot.start(); // not bot.ready(): the mock puppet never emits it
  mocker.login(shop);
  const bridge = startBridge({
    wechaty: bot,
    frontdeskUrl,
    secret: SECRET,
    journalFile,
    pollMs: 100,
    log: () => {},
  });
  running = { bot, bridge };
}
async function stopBridge() {
  await running?.bridge.stop();
  await running?.bot.stop();
  running = undefined;
}

const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 100 });
const times = (text: string) => received.filter((t) => t === text).length;
const agent = () => webClient(stack.url).agent(stack.agentToken);
let ticket: Ticket;

describe('the Wechaty bridge', () => {
  it('lets a contact ask, get the FAQ answer, ask for a person and receive the agent’s reply', async () => {
    await startBridgeProcess();
    alice.say('运费多少').to(shop);
    await waitFor(() => expect(received.join('\n')).toMatch(/99/));

    alice.say('人工').to(shop);
    ticket = await waitFor(async () => {
      const found = (await agent().tickets()).find((t) => t.ref.userId === alice.id);
      if (!found) throw new Error('no ticket yet');
      return found;
    });
    expect(ticket.ref.channel).toBe('wechaty');
    await agent().claim(ticket.id);
    await agent().reply(ticket.id, '您好，我是客服小林，请问有什么可以帮您？');
    await waitFor(() => expect(times('您好，我是客服小林，请问有什么可以帮您？')).toBe(1));
  });

  it('survives restarts without losing or repeating messages', async () => {
    await stopBridge();
    // An agent replies while the bridge is down: the reply waits in frontdesk's outbox.
    await agent().reply(ticket.id, '您的包裹已经发出。');

    // A message reaches the bridge while frontdesk is unreachable: it is journaled, then the bridge stops.
    await startBridgeProcess('http://127.0.0.1:9');
    alice.say('大概几天能到？').to(shop);
    await waitFor(() => expect(readFileSync(journalFile, 'utf8')).toContain('大概几天能到？'));
    await stopBridge();

    await startBridgeProcess();
    await waitFor(() => expect(times('您的包裹已经发出。')).toBe(1));
    const transcript = () => stack.services.conversations.transcript(`wechaty#${alice.id}`);
    await waitFor(async () =>
      expect((await transcript()).map((line) => line.text)).toContain('大概几天能到？'),
    );

    // One more round trip, then nothing was said twice and nothing was forwarded twice.
    await agent().reply(ticket.id, '预计两到三天。');
    await waitFor(() => expect(times('预计两到三天。')).toBe(1));
    expect(received.filter((text) => /99/.test(text))).toHaveLength(1);
    expect(times('您好，我是客服小林，请问有什么可以帮您？')).toBe(1);
    expect(times('您的包裹已经发出。')).toBe(1);
    const asked = (await transcript()).filter((line) => line.text === '大概几天能到？');
    expect(asked).toHaveLength(1);
  });
});
