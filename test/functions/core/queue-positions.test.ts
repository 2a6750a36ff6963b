import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
const CUSTOMERS = 50;

/** The last place in the queue the conversation was told, from its transcript (either language). */
const lastPlace = (lines: { role: string; text: string }[]) =>
  lines
    .filter((line) => line.role === 'bot')
    .map((line) => /position is (\d+)|number (\d+) in the queue|第 (\d+) 位/.exec(line.text))
    .filter((m) => m !== null)
    .map((m) => Number(m[1] ?? m[2] ?? m[3]))
    .at(-1);

describe('queue positions', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Fifty customers open their chats from one address here, more than the per-address default allows.
    stack = await startTestStack({ hours: 'always', env: { FRONTDESK_CONVERSATIONS_PER_MINUTE: '100' } });
  });
  afterAll(() => stack.stop());

  it(
    'tells each of 50 customers asking at once their true place, and tells them when it changes',
    { timeout: 120_000 },
    async () => {
      const client = webClient(stack.url);
      const chats = await Promise.all(
        Array.from({ length: CUSTOMERS }, (_, i) => client.open(i % 2 ? 'zh' : 'en')),
      );
      await Promise.all(chats.map((chat, i) => chat.say(i % 2 ? '转人工' : 'talk to a person')));
      const agent = client.agent(stack.agentToken);

      /** Waits until every waiting customer's last told place is their place in the stored queue. */
      const settled = () =>
        vi.waitFor(
          async () => {
            const queue = await stack.services.tickets.queuedTransfers();
            const places = new Map(queue.map((t, i) => [t.ref.conversationId, i + 1]));
            for (const chat of chats) {
              const place = places.get(chat.conversationId);
              if (place === undefined) continue;
              expect(lastPlace(await chat.transcript())).toBe(place);
            }
            return queue;
          },
          { timeout: 60_000, interval: 250 },
        );

      const queue = await vi.waitFor(
        async () => {
          const stored = await stack.services.tickets.queuedTransfers();
          expect(stored).toHaveLength(CUSTOMERS);
          return stored;
        },
        { timeout: 60_000, interval: 250 },
      );
      await settled();
      const told = await Promise.all(chats.map(async (chat) => lastPlace(await chat.transcript())));
      expect(new Set(told).size).toBe(CUSTOMERS);

      // The first in line is claimed: everyone else moves up one place and hears it.
      expect((await agent.claim(queue[0]!.id)).status).toBe(200);
      const after = await settled();
      expect(after).toHaveLength(CUSTOMERS - 1);
      const second = chats.find((chat) => chat.conversationId === queue[1]!.ref.conversationId)!;
      expect(lastPlace(await second.transcript())).toBe(1);
    },
  );
});
