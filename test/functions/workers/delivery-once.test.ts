import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../channels/types.js';
import { startTestStack } from '../../support/local-stack.js';

const sent: string[] = [];
const platform = {
  name: 'platform',
  async send(_to, message) {
    sent.push(message.text);
  },
} as Channel;

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ channels: [platform] });
});
afterAll(() => stack.stop());

/** One outbound SQS record, as Lambda (and the local poller) hands it to the delivery worker. */
const event = (messageId: string, text: string): SQSEvent => ({
  Records: [
    {
      messageId,
      receiptHandle: `handle-${messageId}`,
      body: JSON.stringify({
        to: { channel: 'platform', conversationId: 'c1', userId: 'u1' },
        message: { text },
      }),
      attributes: { ApproximateReceiveCount: '1' } as SQSEvent['Records'][number]['attributes'],
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
});
