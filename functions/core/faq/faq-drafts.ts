import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from '../db.js';
import { Lang } from './entry.js';

/** A "Save as FAQ" from an agent who may not publish, waiting for an admin's review. */
export const FaqDraft = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  lang: Lang.optional(),
  agentId: z.string(),
  agentName: z.string(),
  ticketId: z.string().optional(),
  createdAt: z.number(),
});
export type FaqDraft = z.infer<typeof FaqDraft>;

const PK = 'FAQDRAFT';
const Item = FaqDraft.extend({ pk: z.string(), sk: z.string() }).transform(({ pk, sk, ...draft }) => draft);

/** FAQ drafts, one item each under one partition, oldest first. */
export function createFaqDrafts(db: Db, clock: () => Date = () => new Date()) {
  return {
    async add(draft: Omit<FaqDraft, 'id' | 'createdAt'>): Promise<FaqDraft> {
      const createdAt = clock().getTime();
      // Time first in the id, so the partition's sort order is the order drafts came in.
      const id = `${createdAt.toString(36)}-${randomUUID().slice(0, 8)}`;
      const saved = FaqDraft.parse({ ...draft, id, createdAt });
      await db.doc.send(new PutCommand({ TableName: db.table, Item: { pk: PK, sk: id, ...saved } }));
      return saved;
    },

    async list(): Promise<FaqDraft[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PK },
        }),
      );
      return Items.map((item) => Item.parse(item));
    },

    async get(id: string): Promise<FaqDraft | undefined> {
      const { Item: found } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: { pk: PK, sk: id }, ConsistentRead: true }),
      );
      return found && Item.parse(found);
    },

    /** False when there was no such draft. */
    async remove(id: string): Promise<boolean> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({ TableName: db.table, Key: { pk: PK, sk: id }, ReturnValues: 'ALL_OLD' }),
      );
      return Attributes !== undefined;
    },
  };
}

/** The drafts store's interface, as its factory builds it. */
export type FaqDrafts = ReturnType<typeof createFaqDrafts>;
