import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/** The part of a queued message the journal keeps: enough to put it back on its queue after a crash. */
export const JournaledMessageSchema = z.object({
  messageId: z.string(),
  body: z.string(),
  md5OfBody: z.string(),
  messageAttributes: z.record(z.string(), z.any()),
  md5OfMessageAttributes: z.string(),
  sentTimestamp: z.number(),
  approximateReceiveCount: z.number(),
  approximateFirstReceiveTimestamp: z.number().optional(),
  delayUntil: z.number().optional(),
  messageGroupId: z.string().optional(),
  messageDeduplicationId: z.string().optional(),
  sequenceNumber: z.string().optional(),
});

/** A message as the journal knows it. */
export type JournaledMessage = z.infer<typeof JournaledMessageSchema>;

// `visibleAt`: when a failed message may be received again, as a worker's back-off set it with
// ChangeMessageVisibility, so that a restart keeps its schedule. A plain receive clears it: the consumer that held
// the message lived in the process that died with the queue, so the message is due at once after a restart.
const RecordSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    queue: z.string(),
    message: JournaledMessageSchema,
    visibleAt: z.number().optional(),
  }),
  z.object({
    op: z.literal('received'),
    id: z.string(),
    count: z.number(),
    first: z.number().optional(),
  }),
  z.object({ op: z.literal('hidden'), id: z.string(), visibleAt: z.number() }),
  z.object({ op: z.literal('deleted'), id: z.string() }),
]);
type JournalRecord = z.infer<typeof RecordSchema>;
type Live = Map<string, { queue: string; message: JournaledMessage; visibleAt?: number }>;

const FILE = 'journal.jsonl';
/** Records appended before the journal is rewritten with only the live messages. */
const COMPACT_AFTER = 20_000;

/**
 * An append-only journal of queue messages under `dir` (mode 700, the file 600). Every append is fsync'd before
 * it returns, so whatever SQS answered survives a kill -9. On open the journal is read back (a torn last line,
 * never acknowledged, is dropped) and rewritten with the live messages only.
 */
export function openQueueJournal(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = join(dir, FILE);
  const live: Live = new Map();
  if (existsSync(path)) for (const record of readRecords(path)) apply(live, record);
  let fd = compact(dir, live);
  let appended = 0;

  const append = (records: JournalRecord[]) => {
    if (records.length === 0) return;
    writeSync(fd, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    fsyncSync(fd);
    for (const record of records) apply(live, record);
    appended += records.length;
    if (appended > COMPACT_AFTER) {
      closeSync(fd);
      fd = compact(dir, live);
      appended = 0;
    }
  };

  return {
    /**
     * The messages of `queue` that were on it when the journal was opened, oldest first. One a worker had put off
     * (its back-off) comes back delayed until then; one merely in flight is due at once.
     */
    restored(queue: string): JournaledMessage[] {
      return [...live.values()]
        .filter((entry) => entry.queue === queue)
        .map(({ message, visibleAt }) => {
          const delayUntil = Math.max(message.delayUntil ?? 0, visibleAt ?? 0);
          return delayUntil > 0 ? { ...message, delayUntil } : message;
        });
    },
    /** A message is now on `queue` (sent, or moved there as a dead letter). */
    put(queue: string, message: JournaledMessage) {
      append([{ op: 'put', queue, message: { ...message } }]);
    },
    /** Messages were handed to a consumer: their receive counts must survive a restart. */
    received(messages: JournaledMessage[]) {
      append(
        messages.map((m) => ({
          op: 'received',
          id: m.messageId,
          count: m.approximateReceiveCount,
          first: m.approximateFirstReceiveTimestamp,
        })),
      );
    },
    /** A message in flight got a new visibility deadline (ChangeMessageVisibility: a worker's back-off). */
    hidden(id: string, visibleAt: number) {
      append([{ op: 'hidden', id, visibleAt }]);
    },
    /** Messages are gone for good (deleted after success, or purged). */
    deleted(ids: string[]) {
      append(ids.map((id) => ({ op: 'deleted', id })));
    },
    close() {
      closeSync(fd);
    },
  };
}

/** A journal of queue messages (see openQueueJournal). */
export type QueueJournal = ReturnType<typeof openQueueJournal>;

function apply(live: Live, record: JournalRecord) {
  if (record.op === 'put') {
    // A re-put (dead-lettering) moves the message: a map keeps its first position, so delete first.
    live.delete(record.message.messageId);
    const { queue, message, visibleAt } = record;
    live.set(message.messageId, { queue, message, visibleAt });
  } else if (record.op === 'deleted') {
    live.delete(record.id);
  } else {
    const entry = live.get(record.id);
    if (!entry) return;
    entry.visibleAt = record.op === 'hidden' ? record.visibleAt : undefined;
    if (record.op === 'received') {
      entry.message.approximateReceiveCount = record.count;
      entry.message.approximateFirstReceiveTimestamp = record.first;
    }
  }
}

function* readRecords(path: string): Generator<JournalRecord> {
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      yield RecordSchema.parse(JSON.parse(line));
    } catch {
      // Only the last line can be torn (the process died mid-write, before SQS answered): nothing to restore.
    }
  }
}

/** Rewrites the journal with the live messages (temp file, fsync, rename, fsync the dir) and opens it for appends. */
function compact(dir: string, live: Live): number {
  const path = join(dir, FILE);
  const temp = `${path}.tmp`;
  const out = openSync(temp, 'w', 0o600);
  const lines = [...live.values()].map((e) =>
    JSON.stringify({ op: 'put', queue: e.queue, message: e.message, visibleAt: e.visibleAt }),
  );
  writeSync(out, lines.map((line) => `${line}\n`).join(''));
  fsyncSync(out);
  closeSync(out);
  renameSync(temp, path);
  const dirFd = openSync(dir, 'r');
  fsyncSync(dirFd);
  closeSync(dirFd);
  chmodSync(path, 0o600);
  return openSync(path, 'a', 0o600);
}
