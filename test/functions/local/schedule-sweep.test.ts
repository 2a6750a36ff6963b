import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

const QUESTION = 'Can a narwhal borrow my umbrella?';
let now = Date.now();
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  // The schedule's work every 100 ms instead of every 10 s, on a clock the test moves.
  stack = await startTestStack({ clock: () => new Date(now), sweepMs: 100 });
});
afterAll(() => stack?.stop());

describe('the local schedule', () => {
  it('writes a conversation’s held turns out half a minute on, for the inbox and the reports', async () => {
    const chat = await webClient(stack.url).open('en');
    await chat.say(QUESTION);
    const inbox = async () =>
      (await stack.services.insights.unanswered(new Date(now).toISOString().slice(0, 10))).map((q) => q.text);
    // Several runs while the turn is young: it stays held, and the transcript reads it all the same.
    await sleep(500);
    expect(await inbox()).not.toContain(QUESTION);
    expect((await chat.transcript()).map((line) => line.text)).toContain(QUESTION);

    now += 60_000;
    await vi.waitFor(async () => expect(await inbox()).toContain(QUESTION), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await chat.transcript()).filter((line) => line.text === QUESTION)).toHaveLength(1);
  });
});
