import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadLetter, fauxqsClient } from '../../support/aws.js';
import { startTestStack } from '../../support/local-stack.js';
import { recordingChannel } from '../../support/recording-channel.js';

const flaky = recordingChannel('flaky', Number.POSITIVE_INFINITY);
const chat = recordingChannel('chat');
const recovering = recordingChannel('recovering', 1);
let stack: Awaited<ReturnType<typeof startTestStack>>;
const sqs = fauxqsClient();

beforeAll(async () => {
  stack = await startTestStack({ channels: [flaky, chat, recovering], maxReceiveCount: 3 });
});
afterAll(() => stack.stop());

const ref = (channel: string, id: string) => ({ channel, conversationId: id, userId: `u-${id}` });

describe('delivery', () => {
  it('retries a failed send and then moves it to the dead-letter queue', async () => {
    await stack.services.queues.outbound.send({
      to: ref('flaky', 'c1'),
      message: { text: 'your parcel is on its way' },
    });
    const dead = await deadLetter(stack.dlq.outbound);
    expect(dead.message.text).toBe('your parcel is on its way');
    expect(flaky.attempts()).toBe(3);
    expect(flaky.sent).toEqual([]);
  });

  it('delivers on a later attempt when the platform recovers', async () => {
    await stack.services.queues.outbound.send({
      to: ref('recovering', 'c2'),
      message: { text: 'hello again' },
    });
    await vi.waitFor(() => expect(recovering.sent.map((s) => s.message.text)).toEqual(['hello again']), {
      timeout: 15_000,
    });
    expect(recovering.attempts()).toBe(2);
  });

  it('dead-letters a message that is not valid instead of dropping it', async () => {
    await stack.services.queues.outbound.send({ to: { channel: 'chat' }, message: 'garbage' } as never);
    const dead = await deadLetter<{ message: unknown }>(
      stack.dlq.outbound,
      (body) => body.message === 'garbage',
    );
    expect(dead.message).toBe('garbage');
  });
});

describe('inbound', () => {
  it('answers a message the platform delivered twice only once', async () => {
    const msg = {
      id: 'platform-42',
      from: ref('chat', 'c3'),
      text: 'how much is shipping',
      receivedAt: Date.now(),
    };
    await stack.services.queues.inbound.send(msg);
    await stack.services.queues.inbound.send(msg);
    await vi.waitFor(() => expect(chat.sent.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    // Wait until both copies have been handled and deleted from the queue.
    await vi.waitFor(
      async () => {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: stack.services.config.inboundQueueUrl,
            AttributeNames: ['All'],
          }),
        );
        expect([
          Attributes?.ApproximateNumberOfMessages,
          Attributes?.ApproximateNumberOfMessagesNotVisible,
        ]).toEqual(['0', '0']);
      },
      { timeout: 10_000 },
    );
    const lines = await stack.services.conversations.transcript('chat#c3');
    expect(lines.map((l) => l.role)).toEqual(['user', 'bot']);
    expect(chat.sent.filter((s) => s.to.conversationId === 'c3')).toHaveLength(1);
    expect(chat.sent[0]?.message.text).toMatch(/99/);
  });
});
