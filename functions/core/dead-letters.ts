import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Db } from './db.js';
import { createFailureLog } from './failures.js';

/** The work queues; each has a dead-letter queue. */
export const DEAD_LETTER_QUEUES = ['inbound', 'tickets', 'outbound', 'outbound-botframework'] as const;
export type DeadLetterQueue = (typeof DEAD_LETTER_QUEUES)[number];

/** A message that failed every retry. */
export interface DeadLetter {
  id: string;
  body: string;
  /** The last failure, as the worker logged it. */
  reason?: string;
  attempts: number;
  failedAt?: number;
}

/** Where each work queue and its dead-letter queue are. */
export type QueueUrls = Record<DeadLetterQueue, { url: string; deadLetterUrl: string }>;

// Long enough to read the whole queue, short enough that a crash mid-listing hides nothing for long.
const LOOK_SECONDS = 30;
const MAX_MESSAGES = 1000;

/**
 * The dead-letter queues, seen and redriven through the SQS API (so on SQS and the embedded store alike). A
 * listing receives every message for a moment and makes it visible again; a redrive sends each chosen message
 * back to its work queue and only then deletes it from the dead-letter queue, so a crash can duplicate, never lose.
 */
export function createDeadLetters(deps: { sqs: SQSClient; db: Db; queues: QueueUrls }) {
  const failures = createFailureLog(deps.db);

  /** Receives every message of a DLQ (up to MAX_MESSAGES), hidden for LOOK_SECONDS. */
  async function receiveAll(queue: DeadLetterQueue): Promise<Message[]> {
    const seen = new Map<string, Message>();
    while (seen.size < MAX_MESSAGES) {
      const { Messages = [] } = await deps.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deps.queues[queue].deadLetterUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: LOOK_SECONDS,
          // Long polling asks every SQS server, so an empty answer means an empty queue.
          WaitTimeSeconds: seen.size === 0 ? 1 : 0,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
      if (fresh.length === 0) break;
      for (const m of fresh) seen.set(m.MessageId!, m);
    }
    return [...seen.values()];
  }

  async function release(queue: DeadLetterQueue, messages: Message[]) {
    for (let i = 0; i < messages.length; i += 10) {
      await deps.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: deps.queues[queue].deadLetterUrl,
          Entries: messages
            .slice(i, i + 10)
            .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  return {
    /** How many messages wait in each dead-letter queue. */
    async counts(): Promise<{ name: DeadLetterQueue; count: number }[]> {
      return Promise.all(
        DEAD_LETTER_QUEUES.map(async (name) => {
          const { Attributes = {} } = await deps.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: deps.queues[name].deadLetterUrl,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          const count =
            Number(Attributes.ApproximateNumberOfMessages ?? 0) +
            Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
          return { name, count };
        }),
      );
    },

    /** The messages of one dead-letter queue, with why each last failed when the worker recorded it. */
    async list(queue: DeadLetterQueue): Promise<DeadLetter[]> {
      const messages = await receiveAll(queue);
      await release(queue, messages);
      const failed = await failures.get(messages.map((m) => m.MessageId!));
      return messages.map((m) => {
        const failure = failed.get(m.MessageId!);
        // The DLQ's own receive count includes this listing's receive.
        const received = Number(m.Attributes?.ApproximateReceiveCount ?? 1) - 1;
        return {
          id: m.MessageId!,
          body: m.Body ?? '',
          ...(failure && { reason: failure.reason, failedAt: failure.at }),
          attempts: failure?.attempts ?? received,
        };
      });
    },

    /** Moves these messages (all when `ids` is absent) back to their work queue; returns how many moved. */
    async redrive(queue: DeadLetterQueue, ids?: string[]): Promise<number> {
      const wanted = ids && new Set(ids);
      const messages = await receiveAll(queue);
      const chosen = messages.filter((m) => !wanted || wanted.has(m.MessageId!));
      await release(
        queue,
        messages.filter((m) => !chosen.includes(m)),
      );
      for (const m of chosen) {
        await deps.sqs.send(
          new SendMessageCommand({ QueueUrl: deps.queues[queue].url, MessageBody: m.Body! }),
        );
        await deps.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: deps.queues[queue].deadLetterUrl,
            ReceiptHandle: m.ReceiptHandle!,
          }),
        );
      }
      return chosen.length;
    },
  };
}

/** The dead letters, as their factory builds them. */
export type DeadLetters = ReturnType<typeof createDeadLetters>;

/** The queue URLs from the environment (FRONTDESK_*_QUEUE_URL and FRONTDESK_*_DLQ_URL); undefined if any is missing. */
export function queueUrlsFromEnv(env: NodeJS.ProcessEnv): QueueUrls | undefined {
  const entries = DEAD_LETTER_QUEUES.map((name) => {
    const prefix = `FRONTDESK_${name.toUpperCase().replaceAll('-', '_')}`;
    return [name, { url: env[`${prefix}_QUEUE_URL`], deadLetterUrl: env[`${prefix}_DLQ_URL`] }] as const;
  });
  if (entries.some(([, urls]) => !urls.url || !urls.deadLetterUrl)) return undefined;
  return Object.fromEntries(entries) as QueueUrls;
}
