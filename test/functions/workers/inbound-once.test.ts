import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../functions/core/agent-desk.js';
import { createBot } from '../../../functions/core/bot/bot.js';
import { createSmallTalk } from '../../../functions/core/bot/small-talk.js';
import type { Dedupe } from '../../../functions/core/dedupe.js';
import { createInboundWorker } from '../../../functions/workers/inbound.js';
import { recordingChannel } from '../../support/recording-channel.js';
import { startTestStack } from '../../support/local-stack.js';

const platform = recordingChannel('platform');
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ channels: [platform] });
});
afterAll(() => stack?.stop());

type CrashPoint = 'after the state save' | 'after the first reply queued' | 'before the claim is finished';

/** An SQS record as Lambda (and the local poller) hands it to a worker; every copy a fresh SQS message id. */
let records = 0;
const event = (body: unknown): SQSEvent => ({
  Records: [
    {
      messageId: `sqs-${++records}`,
      receiptHandle: `handle-${records}`,
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1' } as SQSEvent['Records'][number]['attributes'],
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:queue',
      awsRegion: 'local',
    },
  ],
});

/**
 * An inbound worker over the stack's real storage whose process dies once at `point`: the work stops there and,
 * unlike a failure, nothing is cleaned up (the dedupe claim stays until its lease is over). Replies go to `queued`.
 */
function dyingWorker(point: CrashPoint, clock: () => Date, queued: Delivery[]) {
  const { services } = stack;
  let dying = false;
  const crash = (at: CrashPoint) => {
    if (at !== point || dying) return;
    dying = true;
    throw new Error(`killed ${at}`);
  };
  const conversations = {
    ...services.conversations,
    save: (async (...args) => {
      const saved = await services.conversations.save(...args);
      crash('after the state save');
      return saved;
    }) as typeof services.conversations.save,
  };
  const bot = createBot({
    settings: services.config,
    conversations,
    tickets: services.tickets,
    faq: services.faq,
    smallTalk: createSmallTalk(),
    hours: services.hours,
    ticketQueue: services.queues.tickets,
    insights: services.insights,
    identifiesUser: services.channels.identifiesUser,
  });
  // The dead process releases nothing; `once` calls `this.release`, so the claim stays.
  const claims: Dedupe = {
    ...services.dedupe,
    release: async (key) => (dying ? undefined : services.dedupe.release(key)),
  };
  const dedupe: Dedupe = {
    ...claims,
    once: (key, now, work, options) =>
      claims.once(
        key,
        now,
        async (claim) => {
          const value = await work(claim);
          crash('before the claim is finished');
          return value;
        },
        options,
      ),
  };
  const outbound = {
    async send(delivery: Delivery) {
      queued.push(delivery);
      crash('after the first reply queued');
    },
  };
  return createInboundWorker({ bot, dedupe, outbound, clock });
}

describe.each<CrashPoint>([
  'after the state save',
  'after the first reply queued',
  'before the claim is finished',
])('an inbound message whose worker is killed %s', (point) => {
  it('is answered exactly once after another attempt takes the claim over', async () => {
    const conversationId = `c-${point.replaceAll(' ', '-')}`;
    const msg = {
      id: `m-${conversationId}`,
      from: { channel: 'platform', conversationId, userId: 'u1' },
      text: 'how long will shipping take?',
      receivedAt: Date.UTC(2026, 11, 3, 9),
    };
    let now = new Date(msg.receivedAt);
    const queued: Delivery[] = [];
    const worker = dyingWorker(point, () => now, queued);

    expect((await worker(event(msg))).batchItemFailures).toHaveLength(1);
    // Within the lease the claim is the dead attempt's: the redelivery is retried later, not dropped.
    now = new Date(msg.receivedAt + 30_000);
    expect((await worker(event(msg))).batchItemFailures).toHaveLength(1);
    now = new Date(msg.receivedAt + 61_000);
    expect((await worker(event(msg))).batchItemFailures).toEqual([]);
    now = new Date(msg.receivedAt + 62_000);
    expect((await worker(event(msg))).batchItemFailures).toEqual([]);

    // Every copy queued is a fresh SQS message; the delivery worker sends each reply once all the same.
    for (const delivery of queued) await stack.services.workers.delivery(event(delivery));
    const sent = platform.sent.filter((s) => s.to.conversationId === conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.text.length).toBeGreaterThan(0);
    expect(new Set(queued.map((d) => d.id))).toEqual(new Set([`reply#platform#${msg.id}#0`]));

    const lines = await stack.services.conversations.transcript(`platform#${conversationId}`);
    expect(lines.map((line) => [line.role, line.text])).toEqual([
      ['user', msg.text],
      ['bot', sent[0]!.message.text],
    ]);
    const state = await stack.services.conversations.find(`platform#${conversationId}`);
    expect(state?.rev).toBe(1);
  });
});
