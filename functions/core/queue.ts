import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A queue of JSON messages; the SQS consumers on the other side are the workers. */
export interface Queue<T> {
  send(message: T): Promise<void>;
}

/** A Queue on SQS (or an SQS-compatible stand-in). */
export function createSqsQueue<T>(client: SQSClient, queueUrl: string): Queue<T> {
  return {
    async send(message) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsJson(message) }));
    },
  };
}

const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;

/**
 * JSON with characters beyond U+FFFF (emoji) written as \u escapes: SQS accepts them, but the local stand-in
 * (fauxqs) refuses any body with them; the escaped body parses back to the same message.
 */
function sqsJson(message: unknown): string {
  const escape = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  // split('') yields UTF-16 code units: the two halves of the surrogate pair.
  return JSON.stringify(message).replace(ASTRAL, (char) => char.split('').map(escape).join(''));
}
