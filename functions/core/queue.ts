import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A queue of JSON messages; the SQS consumers on the other side are the workers. */
export interface Queue<T> {
  send(message: T): Promise<void>;
}

/** A Queue on SQS (or an SQS-compatible stand-in). */
export function createSqsQueue<T>(client: SQSClient, queueUrl: string): Queue<T> {
  return {
    async send(message) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    },
  };
}
