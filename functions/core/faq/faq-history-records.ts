import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type Db, isConditionFailure } from '../db.js';
import { batchWriteAll, queryAll } from '../dynamo-batch.js';
import { FaqEntry } from './entry.js';
import type { FaqChange } from './faq-changes.js';

/** One FAQ version in the history: what wrote it, when, the FAQ's size after it, and its predecessor. */
export const FaqVersionInfo = z.object({
  version: z.number().int(),
  /** The version this write started from; a gap (a write that left no log) breaks the chain here. */
  previous: z.number().int(),
  createdAt: z.number(),
  entries: z.number().int(),
  note: z.string(),
  chunks: z.number().int(),
});
export type FaqVersionInfo = z.infer<typeof FaqVersionInfo>;

const Change = z.object({ id: z.string(), before: FaqEntry.optional(), after: FaqEntry.optional() });
const ChunkItem = z.object({ changes: z.string() });

// DynamoDB items are at most 400 KB; a chunk stays well below that, counting the JSON in UTF-8 bytes.
const CHUNK_BYTES = 300 * 1024;
const LOG_PK = 'FAQLOG';
const versionSk = (version: number) => `V#${String(version).padStart(12, '0')}`;
const chunkPk = (version: number) => `FAQLOG#${version}`;

/** The FAQ's change log in the one table: a header item per version and its changes in chunks. */
export function createFaqHistoryRecords(db: Db) {
  const { doc, table: TableName } = db;
  return {
    /** Writes the chunks first and the header last, so a header is only ever seen with all its changes. */
    async write(info: Omit<FaqVersionInfo, 'chunks'>, changes: readonly FaqChange[]): Promise<void> {
      const chunks = chunk(changes);
      await batchWriteAll(
        doc,
        TableName,
        chunks.map((text, n) => ({
          PutRequest: { Item: { pk: chunkPk(info.version), sk: String(n), changes: text } },
        })),
      );
      const Item = { pk: LOG_PK, sk: versionSk(info.version), ...info, chunks: chunks.length };
      try {
        await doc.send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Two concurrent writes both saw this version after theirs, so neither log can be trusted for it: cut the
        // chain here (no version is -1), and diffs that would cross it are refused instead of being half right.
        await doc.send(
          new PutCommand({ TableName, Item: { ...Item, previous: -1, note: 'concurrent writes' } }),
        );
      }
    },

    /** Every logged version, newest first. */
    async versions(): Promise<FaqVersionInfo[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': LOG_PK },
        ScanIndexForward: false,
        ConsistentRead: true,
      });
      return items.map((item) => FaqVersionInfo.parse(item));
    },

    async version(version: number): Promise<FaqVersionInfo | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName, Key: { pk: LOG_PK, sk: versionSk(version) }, ConsistentRead: true }),
      );
      return Item && FaqVersionInfo.parse(Item);
    },

    async changes(version: number): Promise<FaqChange[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': chunkPk(version) },
        ConsistentRead: true,
      });
      const ordered = items.map((item) => ({ n: Number(item.sk), ...ChunkItem.parse(item) }));
      ordered.sort((a, b) => a.n - b.n);
      return ordered.flatMap(({ changes }) => z.array(Change).parse(JSON.parse(changes)));
    },

    /** Deletes a version's header first, so a half-deleted version is never read as a whole one. */
    async drop(info: FaqVersionInfo): Promise<void> {
      const chunkKeys = Array.from({ length: info.chunks }, (_, n) => ({
        pk: chunkPk(info.version),
        sk: String(n),
      }));
      const keys = [{ pk: LOG_PK, sk: versionSk(info.version) }, ...chunkKeys];
      await batchWriteAll(
        doc,
        TableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
    },
  };
}

/** Serializes changes into JSON arrays of at most CHUNK_BYTES each (a change of one entry is at most ~180 KB, so one always fits). */
function chunk(changes: readonly FaqChange[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const change of changes) {
    const text = JSON.stringify(change);
    const bytes = Buffer.byteLength(text) + 1;
    if (current.length > 0 && size + bytes > CHUNK_BYTES) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}
