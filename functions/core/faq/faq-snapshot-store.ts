/*
 * FAQ snapshots in frontdesk's one DynamoDB table, as chunks of at most CHUNK_BYTES (an item holds 400 KB).
 *
 * A manifest (pk=FAQSNAP, sk=<fingerprint>#<version>) names the chunks' writer and count; the chunks live under
 * pk=FAQSNAP#<fingerprint>#<version>#<writer>, sk=<chunk number>. A writer stores its chunks first and then the
 * manifest with one conditional put, so of two processes that build the same version at once exactly one wins,
 * and a reader never sees a manifest whose chunks are not all stored. The loser deletes its chunks.
 * Reading is one GetItem of the manifest and one BatchGetItem of the chunks (100 keys, 16 MB at most).
 */
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type Db, expiresIn, isConditionFailure } from '../db.js';
import { batchWriteAll } from '../dynamo-batch.js';

/** Room for the keys and attribute names inside DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 380_000;
/** BatchGetItem takes at most 100 keys; 100 chunks are 38 MB, far above a 20,000-entry snapshot. */
const MAX_CHUNKS = 100;
const MAX_ATTEMPTS = 10;
/** Snapshots expire (DynamoDB TTL) so old versions' ones go; a live FAQ older than this is rebuilt once. */
const KEEP_DAYS = 30;

const Manifest = z.object({ writer: z.string(), chunks: z.number().int().positive().max(MAX_CHUNKS) });
type Manifest = z.infer<typeof Manifest>;

/** Stored snapshots: the bytes of one FAQ version for one configuration, written once. */
export interface FaqSnapshotStore {
  /**
   * The stored snapshot, or undefined when there is none; `bytes` is undefined when its chunks are gone (expired),
   * and `writer` is what a replacing write names.
   */
  read(fingerprint: string, version: number): Promise<{ bytes?: Uint8Array; writer: string } | undefined>;
  /**
   * Stores a snapshot unless one is stored already; `replacing` names a stored one that was refused (damaged)
   * and may be overwritten. Resolves to false when another writer's snapshot stands.
   */
  write(fingerprint: string, version: number, bytes: Uint8Array, replacing?: string): Promise<boolean>;
}

/** The snapshot store on the table of `db`. */
export function createFaqSnapshotStore(db: Db): FaqSnapshotStore {
  const { doc, table: TableName } = db;
  const manifestKey = (fingerprint: string, version: number) => ({
    pk: 'FAQSNAP',
    sk: `${fingerprint}#${version}`,
  });
  const chunkKeys = (fingerprint: string, version: number, { writer, chunks }: Manifest) =>
    Array.from({ length: chunks }, (_, k) => ({
      pk: `FAQSNAP#${fingerprint}#${version}#${writer}`,
      sk: String(k).padStart(3, '0'),
    }));

  async function getAll(keys: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error('DynamoDB kept snapshot chunks unprocessed');
      const { Responses = {}, UnprocessedKeys = {} } = await doc.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(Responses[TableName] ?? []));
      pending = (UnprocessedKeys[TableName]?.Keys ?? []) as Record<string, string>[];
    }
    return items;
  }

  return {
    async read(fingerprint, version) {
      const { Item } = await doc.send(
        new GetCommand({ TableName, Key: manifestKey(fingerprint, version), ConsistentRead: true }),
      );
      const manifest = Manifest.safeParse(Item);
      if (!manifest.success) return undefined;
      const items = await getAll(chunkKeys(fingerprint, version, manifest.data));
      if (items.length !== manifest.data.chunks) return { writer: manifest.data.writer };
      const parts = items
        .sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1))
        .map((item) => item.data as Uint8Array);
      return { bytes: Buffer.concat(parts), writer: manifest.data.writer };
    },

    async write(fingerprint, version, bytes, replacing) {
      const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
      if (chunks > MAX_CHUNKS) throw new Error(`A snapshot of ${bytes.length} bytes is too large to store`);
      const manifest = { writer: randomUUID(), chunks };
      const expiresAt = expiresIn(new Date(), KEEP_DAYS);
      const keys = chunkKeys(fingerprint, version, manifest);
      const puts = keys.map((key, k) => ({
        PutRequest: {
          Item: { ...key, expiresAt, data: bytes.subarray(k * CHUNK_BYTES, (k + 1) * CHUNK_BYTES) },
        },
      }));
      await batchWriteAll(doc, TableName, puts);
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...manifestKey(fingerprint, version), ...manifest, expiresAt },
            ConditionExpression: replacing
              ? 'attribute_not_exists(pk) OR writer = :bad'
              : 'attribute_not_exists(pk)',
            ...(replacing && { ExpressionAttributeValues: { ':bad': replacing } }),
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await batchWriteAll(
          doc,
          TableName,
          keys.map((Key) => ({ DeleteRequest: { Key } })),
        );
        return false;
      }
    },
  };
}
