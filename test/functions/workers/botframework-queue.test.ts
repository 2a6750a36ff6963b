import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fauxqsClient } from '../../support/aws.js';
import { startTestStack } from '../../support/local-stack.js';
import { recordingChannel } from '../../support/recording-channel.js';

// Replies to Teams have a queue of their own (the botframework function's in AWS); locally the one process polls
// it. Two channels stand in for Teams: one that works, and one in a stack whose Teams is down.
const teams = recordingChannel('botframework');
const chat = recordingChannel('chat');
const downTeams = recordingChannel('botframework', Number.POSITIVE_INFINITY);
let stack: Awaited<ReturnType<typeof startTestStack>>;
let down: Awaited<ReturnType<typeof startTestStack>>;
// Like the delivery function: no Teams channel at all.
let bare: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  [stack, down, bare] = await Promise.all([
    startTestStack({ channels: [teams, chat] }),
    startTestStack({ channels: [downTeams, chat], maxReceiveCount: 2 }),
    startTestStack({ channels: [chat], maxReceiveCount: 2 }),
  ]);
});
afterAll(() => Promise.all([stack?.stop(), down?.stop(), bare?.stop()]));

/** Waits (bounded) for exactly one message in a runtime's dead-letter queue, and returns its body. */
async function onlyDeadLetter(runtime: typeof stack, queue: 'outbound-botframework') {
  const deadLetters = runtime.services.deadLetters!;
  const letters = await vi.waitFor(
    async () => {
      const listed = await deadLetters.list(queue);
      expect(listed).toHaveLength(1);
      return listed;
    },
    { timeout: 20_000, interval: 200 },
  );
  return JSON.parse(letters[0]!.body);
}

const ref = (channel: string, id: string) => ({ channel, conversationId: id, userId: `u-${id}` });

describe('the outbound-botframework queue', () => {
  it('delivers a reply to Teams and one to another channel, each from its own queue', async () => {
    await stack.services.queues.outbound.send({
      to: ref('botframework', 'b1'),
      message: { text: 'to Teams' },
    });
    await stack.services.queues.outbound.send({ to: ref('chat', 'c1'), message: { text: 'to the chat' } });
    await vi.waitFor(
      () => {
        expect(teams.sent.map((s) => s.message.text)).toEqual(['to Teams']);
        expect(chat.sent.map((s) => s.message.text)).toEqual(['to the chat']);
      },
      { timeout: 15_000 },
    );
  });

  it('retries a failing Teams reply on its own queue, then dead-letters it there for the admin to see', async () => {
    await down.services.queues.outbound.send({
      to: ref('botframework', 'b2'),
      message: { text: 'Teams is down' },
    });
    expect(await onlyDeadLetter(down, 'outbound-botframework')).toMatchObject({
      to: { channel: 'botframework' },
      message: { text: 'Teams is down' },
    });
    expect(downTeams.attempts()).toBe(2);
    expect(await down.services.deadLetters!.counts()).toContainEqual({ name: 'outbound', count: 0 });
  });

  it('moves a reply to Teams found on the outbound queue to its own queue, ticket and all', async () => {
    // What an outbound queue holds from before the split, or a redrive of its old dead letters.
    const delivery = { to: ref('botframework', 'b3'), message: { text: 'queued earlier' }, ticketId: 't-3' };
    await fauxqsClient().send(
      new SendMessageCommand({
        QueueUrl: bare.services.config.outboundQueueUrl,
        MessageBody: JSON.stringify(delivery),
      }),
    );
    // The bare runtime has no Teams channel either, so the moved reply fails there and is dead-lettered.
    expect(await onlyDeadLetter(bare, 'outbound-botframework')).toEqual(delivery);
    expect(await bare.services.deadLetters!.counts()).toContainEqual({ name: 'outbound', count: 0 });
  });
});
