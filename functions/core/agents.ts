import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.js';

/** A support agent as the app sees it once authenticated. */
export interface Agent {
  id: string;
  name: string;
  /** `admin` agents may also use the admin API; absent means `agent`. */
  role?: 'admin' | 'agent';
}

const digest = (secret: string) => createHash('sha256').update(secret).digest();

/** Agents and their bearer tokens; only a hash of each token's secret is stored. */
export function createAgentStore(db: Db) {
  return {
    /** Creates an agent and returns its token (`fd_<id>_<secret>`), shown once. */
    async add(name: string): Promise<{ agent: Agent; token: string }> {
      const id = randomUUID().slice(0, 8);
      const secret = randomBytes(24).toString('base64url');
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: {
            pk: `AGENT#${id}`,
            sk: 'AGENT',
            gsi1pk: 'AGENTS',
            gsi1sk: name,
            id,
            name,
            hash: digest(secret).toString('hex'),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { agent: { id, name }, token: `fd_${id}_${secret}` };
    },

    /** The agent a token belongs to, or undefined; the secret is compared in constant time. */
    async authenticate(token: string): Promise<Agent | undefined> {
      const match = /^fd_([0-9a-f]{8})_([\w-]{32})$/.exec(token);
      if (!match) return undefined;
      const [, id, secret] = match as unknown as [string, string, string];
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: { pk: `AGENT#${id}`, sk: 'AGENT' } }),
      );
      if (!Item) return undefined;
      const ok = timingSafeEqual(Buffer.from(String(Item.hash), 'hex'), digest(secret));
      return ok ? { id: String(Item.id), name: String(Item.name) } : undefined;
    },

    async list(): Promise<Agent[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'AGENTS' },
        }),
      );
      return Items.map((item) => ({ id: String(item.id), name: String(item.name) }));
    },
  };
}

/** The agent store's interface, as its factory builds it. */
export type AgentStore = ReturnType<typeof createAgentStore>;
