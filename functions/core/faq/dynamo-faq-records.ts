import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailure } from '../db.js';
import { batchWriteAll, queryAll } from '../dynamo-batch.js';
import { FaqEntry } from './entry.js';

/** The META item: the live generation, the FAQ version, and the highest generation number handed out. */
const Meta = z.object({
  generation: z.number().int().nonnegative().default(0),
  version: z.number().int().nonnegative().default(0),
  allocated: z.number().int().nonnegative().default(0),
});
export type Meta = z.infer<typeof Meta>;

/** What a generation marker says; informational for people, since cleanup decides by META alone. */
const GenerationStatus = z.enum(['staging', 'live', 'retired']);
export type GenerationStatus = z.infer<typeof GenerationStatus>;
const Marker = z.object({ generation: z.number().int().nonnegative(), status: GenerationStatus });

const EntryItem = FaqEntry.extend({ pk: z.string(), sk: z.string() }).transform(
  ({ pk, sk, ...entry }) => entry,
);

const metaKey = { pk: 'FAQ', sk: 'META' };
const markerKey = (generation: number) => ({ pk: 'FAQ', sk: `GEN#${generation}` });
const generationPk = (generation: number) => `FAQ#${generation}`;
const entryKey = (generation: number, id: string) => ({ pk: generationPk(generation), sk: id });

/** The FAQ's items in the one table (META, generation markers, entries), one plain function per access. */
export function createFaqRecords(client: DynamoDBDocumentClient, TableName: string) {
  const queryGeneration = (generation: number, keysOnly: boolean) =>
    queryAll(client, {
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': generationPk(generation) },
      ConsistentRead: true,
      ...(keysOnly && { ProjectionExpression: 'pk, sk' }),
    });

  return {
    async readMeta(): Promise<Meta> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: metaKey, ConsistentRead: true }));
      return Meta.parse(Item ?? {});
    },

    /** Counts one write to `generation`; false, and nothing counted, when it is no longer the live one. */
    bumpVersion(generation: number): Promise<boolean> {
      return succeeds(
        client.send(
          new UpdateCommand({
            TableName,
            Key: metaKey,
            UpdateExpression: 'SET #generation = if_not_exists(#generation, :generation) ADD #version :one',
            ConditionExpression: 'attribute_not_exists(#generation) OR #generation = :generation',
            ExpressionAttributeNames: { '#generation': 'generation', '#version': 'version' },
            ExpressionAttributeValues: { ':generation': generation, ':one': 1 },
          }),
        ),
      );
    },

    /** Hands out a new generation number; the result's `allocated` is it, the rest is the FAQ it starts from. */
    async allocate(): Promise<Meta> {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName,
          Key: metaKey,
          UpdateExpression:
            'SET #generation = if_not_exists(#generation, :zero), #version = if_not_exists(#version, :zero) ADD #allocated :one',
          ExpressionAttributeNames: {
            '#generation': 'generation',
            '#version': 'version',
            '#allocated': 'allocated',
          },
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Meta.parse(Attributes);
    },

    /** Makes `next` live if the FAQ is still exactly `base` and no later import has started; false otherwise. */
    flip(base: Meta, next: number): Promise<boolean> {
      return succeeds(
        client.send(
          new UpdateCommand({
            TableName,
            Key: metaKey,
            UpdateExpression: 'SET #generation = :next ADD #version :one',
            ConditionExpression: '#generation = :base AND #version = :version AND #allocated = :next',
            ExpressionAttributeNames: {
              '#generation': 'generation',
              '#version': 'version',
              '#allocated': 'allocated',
            },
            ExpressionAttributeValues: {
              ':next': next,
              ':base': base.generation,
              ':version': base.version,
              ':one': 1,
            },
          }),
        ),
      );
    },

    async getEntry(generation: number, id: string): Promise<FaqEntry | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName, Key: entryKey(generation, id), ConsistentRead: true }),
      );
      return Item && EntryItem.parse(Item);
    },

    async putEntry(generation: number, entry: FaqEntry): Promise<void> {
      await client.send(new PutCommand({ TableName, Item: toItem(generation, entry) }));
    },

    /** True when there was an entry to delete. */
    async deleteEntry(generation: number, id: string): Promise<boolean> {
      const { Attributes } = await client.send(
        new DeleteCommand({ TableName, Key: entryKey(generation, id), ReturnValues: 'ALL_OLD' }),
      );
      return Attributes !== undefined;
    },

    async queryEntries(generation: number): Promise<FaqEntry[]> {
      return (await queryGeneration(generation, false)).map((item) => EntryItem.parse(item));
    },

    writeEntries(generation: number, entries: readonly FaqEntry[], onBatch: (written: number) => void) {
      const requests = entries.map((entry) => ({ PutRequest: { Item: toItem(generation, entry) } }));
      return batchWriteAll(client, TableName, requests, onBatch);
    },

    async markers(): Promise<z.infer<typeof Marker>[]> {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'FAQ', ':prefix': 'GEN#' },
        ConsistentRead: true,
      });
      return items.map((item) => Marker.parse(item));
    },

    async mark(generation: number, status: GenerationStatus): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: markerKey(generation),
          UpdateExpression: 'SET #generation = :generation, #status = :status',
          ExpressionAttributeNames: { '#generation': 'generation', '#status': 'status' },
          ExpressionAttributeValues: { ':generation': generation, ':status': status },
        }),
      );
    },

    /** Deletes a generation's entries, then its marker, so a crash halfway still leaves the marker to find it by. */
    async dropGeneration(generation: number): Promise<void> {
      const keys = await queryGeneration(generation, true);
      await batchWriteAll(
        client,
        TableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
      await client.send(new DeleteCommand({ TableName, Key: markerKey(generation) }));
    },
  };
}

/** The DocumentClient rejects undefined attribute values unless configured otherwise, so optional fields are left out. */
function toItem(generation: number, entry: FaqEntry): Record<string, unknown> {
  const fields = Object.entries(entry).filter(([, value]) => value !== undefined);
  return { ...entryKey(generation, entry.id), ...Object.fromEntries(fields) };
}

async function succeeds(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
