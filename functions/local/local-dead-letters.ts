import { resolve } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDeadLetters, type DeadLetters, queueUrlsFromEnv } from '../core/dead-letters.js';
import { createQueues, embeddedQueueUrls } from './embedded.js';
import { startDurableSqs } from './durable-sqs.js';
import { openStorage, runningServer } from './local-storage.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The dead letters the CLI works on. With FRONTDESK_STORAGE=aws: the queues named by FRONTDESK_*_QUEUE_URL and
 * FRONTDESK_*_DLQ_URL. Otherwise the embedded queues in the data dir: through the running `npm start` if there is
 * one, else by opening the queue journal for the length of the command.
 */
export async function openDeadLetters(
  env: NodeJS.ProcessEnv,
): Promise<{ deadLetters: DeadLetters; close: () => Promise<void> }> {
  const region = env.AWS_REGION ?? 'us-east-1';
  const storage = await openStorage(env);
  if (env.FRONTDESK_STORAGE === 'aws') {
    const queues = queueUrlsFromEnv(env);
    if (!queues) {
      await storage.close();
      throw new Error('set FRONTDESK_{INBOUND,TICKETS,OUTBOUND}_QUEUE_URL and FRONTDESK_{…}_DLQ_URL');
    }
    const sqs = new SQSClient(env.SQS_ENDPOINT ? { region, endpoint: env.SQS_ENDPOINT } : { region });
    return {
      deadLetters: createDeadLetters({ sqs, db: storage.db, queues }),
      close: async () => {
        sqs.destroy();
        await storage.close();
      },
    };
  }
  const dataDir = resolve(env.FRONTDESK_DATA_DIR ?? '.frontdesk');
  const running = runningServer(dataDir);
  const embedded = running?.sqsEndpoint && running.queues ? undefined : await startDurableSqs(dataDir);
  const endpoint = embedded?.endpoint ?? running!.sqsEndpoint!;
  const sqs = new SQSClient({ region, credentials, endpoint });
  const queues = running?.queues && !embedded ? running.queues : await createQueues(sqs, 'frontdesk-');
  return {
    deadLetters: createDeadLetters({ sqs, db: storage.db, queues: embeddedQueueUrls(queues) }),
    async close() {
      sqs.destroy();
      await embedded?.stop();
      await storage.close();
    },
  };
}
