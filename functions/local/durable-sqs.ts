import { join } from 'node:path';
import { buildApp, type BuildAppOptions } from 'fauxqs';
import { openQueueJournal, type QueueJournal } from './queue-journal.js';

type SqsStore = NonNullable<BuildAppOptions['stores']>['sqsStore'];
type SqsQueue = ReturnType<SqsStore['createQueue']>;
type Stores = NonNullable<BuildAppOptions['stores']>;

/**
 * fauxqs (the SQS API) on 127.0.0.1 with every queue journaled under `dataDir/queues/`: a message SQS
 * acknowledged survives a kill -9, and after a restart in-flight messages are visible again with their receive
 * counts (so a poison message still ends in its dead-letter queue), except one a worker put off with
 * ChangeMessageVisibility (its back-off), which comes back when it was due. Queues are restored when they are created again.
 */
export async function startDurableSqs(dataDir: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const journal = openQueueJournal(join(dataDir, 'queues'));
  const stores = await fauxqsStores();
  journalStore(stores.sqsStore, journal);
  const app = buildApp({ logger: false, stores });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    endpoint: `http://127.0.0.1:${new URL(address).port}`,
    async stop() {
      await app.close();
      journal.close();
    },
  };
}

/**
 * fauxqs's own stores. Its package exports only buildApp and startFauxqs, and buildApp takes stores only if given,
 * so the store classes are loaded from the files next to its entry point.
 */
async function fauxqsStores(): Promise<Stores> {
  const entry = import.meta.resolve('fauxqs');
  const load = async (file: string, name: string) =>
    (await import(new URL(file, entry).href))[name] as new () => unknown;
  const [SqsStore, SnsStore, S3Store] = await Promise.all([
    load('./sqs/sqsStore.js', 'SqsStore'),
    load('./sns/snsStore.js', 'SnsStore'),
    load('./s3/s3Store.js', 'S3Store'),
  ]);
  const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() } as Stores;
  // No host: queue URLs name the address the client used (127.0.0.1:port), not an sqs.*.localhost name.
  stores.sqsStore.host = '';
  return stores;
}

/** Makes each queue the store creates write its changes to the journal before they take effect. */
function journalStore(store: SqsStore, journal: QueueJournal) {
  const createQueue = store.createQueue.bind(store);
  store.createQueue = (...args) => {
    const queue = createQueue(...args);
    const enqueue = queue.enqueue.bind(queue);
    for (const message of journal.restored(queue.name)) enqueue(message);
    journalQueue(queue, journal);
    return queue;
  };
}

function journalQueue(queue: SqsQueue, journal: QueueJournal) {
  const enqueue = queue.enqueue.bind(queue);
  const dequeue = queue.dequeue.bind(queue);
  const deleteMessage = queue.deleteMessage.bind(queue);
  const purge = queue.purge.bind(queue);
  const changeVisibility = queue.changeVisibility.bind(queue);
  queue.enqueue = (message) => {
    journal.put(queue.name, message);
    enqueue(message);
  };
  queue.dequeue = (...args) => {
    const received = dequeue(...args);
    const messages = received
      .map((r) => queue.inflightMessages.get(r.ReceiptHandle)?.message)
      .filter((m) => m !== undefined);
    journal.received(messages);
    return received;
  };
  queue.changeVisibility = (receiptHandle, timeoutSeconds) => {
    const entry = queue.inflightMessages.get(receiptHandle);
    if (entry) journal.hidden(entry.message.messageId, Date.now() + timeoutSeconds * 1000);
    changeVisibility(receiptHandle, timeoutSeconds);
  };
  queue.deleteMessage = (receiptHandle) => {
    const entry = queue.inflightMessages.get(receiptHandle);
    if (entry) journal.deleted([entry.message.messageId]);
    return deleteMessage(receiptHandle);
  };
  queue.purge = () => {
    const { ready, delayed, inflight } = queue.inspectMessages();
    journal.deleted([...ready, ...delayed, ...inflight.map((i) => i.message)].map((m) => m.messageId));
    purge();
  };
}
