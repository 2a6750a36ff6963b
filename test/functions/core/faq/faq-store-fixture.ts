import type {
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoFaqStore } from '../../../../functions/core/faq/dynamo-faq-store.js';
import type { FaqEntry } from '../../../../functions/core/faq/entry.js';
import { dynaliteTable, dynamoLocalTable } from '../../../support/aws.js';

/** Every store test runs on both: DynamoDB Local (like AWS) and dynalite (the embedded default). */
export const backends = [
  { name: 'DynamoDB Local', open: async () => ({ ...(await dynamoLocalTable()), close: () => {} }) },
  { name: 'dynalite', open: dynaliteTable },
];
export type Backend = (typeof backends)[number];

/** A store on a fresh table, plus direct access to the table to look behind the store's back. */
export async function openStore(backend: Backend) {
  const { client, tableName, close } = await backend.open();
  // A plain DocumentClient (no removeUndefinedValues), so the store cannot lean on client options.
  const doc = DynamoDBDocumentClient.from(client);
  const store = createDynamoFaqStore({ client: doc, tableName });

  async function items(pk: string, skPrefix?: string): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix && { ':prefix': skPrefix }) },
        ConsistentRead: true,
      }),
    );
    return Items;
  }

  return {
    store,
    client,
    close,
    /** Items of one partition, read directly. */
    items,
    /** Generation markers, read directly. */
    markers: async () =>
      (await items('FAQ', 'GEN#')).map(({ generation, status }) => ({ generation, status })),
    /** The META item, read directly. */
    meta: async () => (await items('FAQ', 'META'))[0],
  };
}

/**
 * Runs `hook` right before the next DynamoDB call named `commandName` (e.g. "PutItemCommand") whose input (as given
 * to the DocumentClient) `matches`, once, and lets the call proceed afterwards: the way to make a race happen at an exact point.
 */
export function beforeNext(
  client: DynamoDBClient,
  commandName: string,
  matches: (input: Record<string, unknown>) => boolean,
  hook: () => Promise<unknown>,
): void {
  let fired = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (!fired && context.commandName === commandName && matches(input)) {
        fired = true;
        await hook();
      }
      return next(args);
    },
    { step: 'initialize', priority: 'high' },
  );
}

/** Counts DynamoDB calls by command name. */
export function countCalls(client: DynamoDBClient): Map<string, number> {
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? '';
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', priority: 'high' },
  );
  return calls;
}

/**
 * Makes the next BatchWriteItem behave as throttled DynamoDB does: it stores the first `keep` requests and hands the
 * rest back as UnprocessedItems. Returns whether that has happened yet.
 */
export function throttleFirstBatchWrite(client: DynamoDBClient, keep: number): () => boolean {
  let throttled = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (throttled || context.commandName !== 'BatchWriteItemCommand') return next(args);
      throttled = true;
      const { RequestItems = {} } = args.input as BatchWriteItemCommandInput;
      const [table = '', requests = []] = Object.entries(RequestItems)[0] ?? [];
      const result = await next({ ...args, input: { RequestItems: { [table]: requests.slice(0, keep) } } });
      const output = {
        ...(result.output as BatchWriteItemCommandOutput),
        UnprocessedItems: { [table]: requests.slice(keep) },
      };
      return { ...result, output };
    },
    { step: 'initialize', priority: 'high' },
  );
  return () => throttled;
}

/** A valid entry with predictable text. */
export function entry(id: string, extra: Partial<FaqEntry> = {}): FaqEntry {
  return { id, questions: [`question ${id}`], answer: `answer ${id}`, ...extra };
}

/** `count` entries with ids e0000…, sorted as the store sorts them. */
export function entries(count: number, extra: Partial<FaqEntry> = {}): FaqEntry[] {
  return Array.from({ length: count }, (_, index) => entry(`e${String(index).padStart(4, '0')}`, extra));
}
