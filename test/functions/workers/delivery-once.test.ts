import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, DeliveryAttempt } from '../../../channels/types.js';
import { startTestStack } from '../../support/local-stack.js';

const sent: string[] = [];
const attempts: (DeliveryAttempt | undefined)[] = [];
const platform = {
  name: 'platform',
  async send(_to, message, delivery) {
    sent.push(message.text);
    attempts.push(delivery);
  },
} as Channel;

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ channels: [platform] });
});
afterAll(() => stack.stop());

/** One outbound SQS record, as Lambda (and the local poller) hands it to the delivery worker. */
const event = (
  messageId: string,
  text: string,
  extra: { id?: string; receives?: number; firstReceived?: number } = {},
): SQSEvent => ({
  Records: [
    {
      messageId,
      receiptHandle: `handle-${messageId}`,
      body: JSON.stringify({
        to: { channel: 'platform', conversationId: 'c1', userId: 'u1' },
        message: { text },
        ...(extra.id && { id: extra.id }),
      }),
      attributes: {
        ApproximateReceiveCount: String(extra.receives ?? 1),
        ApproximateFirstReceiveTimestamp: String(extra.firstReceived ?? Date.now()),
      } as SQSEvent['Records'][number]['attributes'],
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:outbound',
      awsRegion: 'local',
    },
  ],
});

describe('the delivery worker', () => {
  it('sends a message once when SQS hands it out again (a crash before the delete), and others as usual', async () => {
    const first = await stack.services.workers.delivery(event('m-1', 'your parcel is on its way'));
    const again = await stack.services.workers.delivery(event('m-1', 'your parcel is on its way'));
    const other = await stack.services.workers.delivery(event('m-2', 'anything else?'));
    expect([first, again, other].map((r) => r.batchItemFailures)).toEqual([[], [], []]);
    expect(sent).toEqual(['your parcel is on its way', 'anything else?']);
  });

  it('tells the channel when an earlier attempt may have delivered a message: a retry, or a dead attempt taken over', async () => {
    const firstReceived = Date.now() - 30_000;
    await stack.services.workers.delivery(event('m-3', 'first try', { id: 'd-3' }));
    await stack.services.workers.delivery(
      event('m-4', 'second receive', { id: 'd-4', receives: 2, firstReceived }),
    );
    // An attempt claimed d-5 61 s ago and died in the platform call: its claim is taken over.
    const diedAt = Date.now() - 61_000;
    let claimed = () => {};
    const held = new Promise<void>((resolve) => (claimed = resolve));
    void stack.services.dedupe.once('delivery#d-5', new Date(diedAt), () => {
      claimed();
      return new Promise(() => {});
    });
    await held;
    const takenOver = await stack.services.workers.delivery(event('m-5', 'taken over', { id: 'd-5' }));
    expect(takenOver.batchItemFailures).toEqual([]);
    expect(attempts.slice(-3)).toEqual([
      { id: 'd-3', since: undefined },
      { id: 'd-4', since: firstReceived },
      { id: 'd-5', since: Math.floor(diedAt / 1000) * 1000 },
    ]);
  });
});
