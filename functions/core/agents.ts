import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type Db, isConditionFailure } from './db.js';

/** What an agent may do: `admin` agents may also use the admin API. */
export const AgentRole = z.enum(['admin', 'agent']);
export type AgentRole = z.infer<typeof AgentRole>;

/** A support agent as the app sees it once authenticated. */
export interface Agent {
  id: string;
  name: string;
  /** Absent means `agent`. */
  role?: AgentRole;
  /** Whether "Save as FAQ" publishes at once; otherwise it leaves a draft for an admin. */
  canPublish?: boolean;
}

/** An agent as the admin API lists it. */
export interface AgentRecord {
  id: string;
  name: string;
  role: AgentRole;
  canPublish: boolean;
  disabled: boolean;
  createdAt: number;
}

/** What an admin may change about an agent. */
export type AgentChange = Partial<Pick<AgentRecord, 'role' | 'canPublish' | 'disabled'>>;

/** The agent does not exist. */
export class AgentNotFoundError extends Error {
  override name = 'AgentNotFoundError';
}

// Items written before roles existed have none of these fields: they read as enabled agents who may not publish.
const AgentItem = z
  .object({
    id: z.string(),
    name: z.string(),
    hash: z.string(),
    role: AgentRole.default('agent'),
    canPublish: z.boolean().default(false),
    disabled: z.boolean().default(false),
    createdAt: z.number().default(0),
  })
  .loose();
type AgentItem = z.infer<typeof AgentItem>;

const digest = (secret: string) => createHash('sha256').update(secret).digest();
const key = (id: string) => ({ pk: `AGENT#${id}`, sk: 'AGENT' });
const newSecret = () => randomBytes(24).toString('base64url');
const record = ({ id, name, role, canPublish, disabled, createdAt }: AgentItem): AgentRecord => ({
  id,
  name,
  role,
  canPublish,
  disabled,
  createdAt,
});

/** Agents and their bearer tokens; only a hash of each token's secret is stored. */
export function createAgentStore(db: Db, clock: () => Date = () => new Date()) {
  async function read(id: string): Promise<AgentItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: key(id), ConsistentRead: true }),
    );
    return Item && AgentItem.parse(Item);
  }

  /** Sets fields of an existing agent; AgentNotFoundError when there is none. */
  async function update(id: string, fields: Record<string, unknown>): Promise<AgentRecord> {
    const names = Object.keys(fields);
    try {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key(id),
          UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, fields[name]])),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return record(AgentItem.parse(Attributes));
    } catch (error) {
      if (isConditionFailure(error)) throw new AgentNotFoundError(`no agent ${id}`);
      throw error;
    }
  }

  return {
    /** Creates an agent and returns its token (`fd_<id>_<secret>`), shown once. */
    async add(
      name: string,
      options: { role?: AgentRole; canPublish?: boolean } = {},
    ): Promise<{ agent: AgentRecord; token: string }> {
      const id = randomUUID().slice(0, 8);
      const secret = newSecret();
      const item: AgentItem = {
        id,
        name,
        hash: digest(secret).toString('hex'),
        role: options.role ?? 'agent',
        canPublish: options.canPublish ?? false,
        disabled: false,
        createdAt: clock().getTime(),
      };
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...key(id), gsi1pk: 'AGENTS', gsi1sk: name, ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { agent: record(item), token: `fd_${id}_${secret}` };
    },

    /** The enabled agent a token belongs to, or undefined; the secret is compared in constant time. */
    async authenticate(token: string): Promise<Agent | undefined> {
      const match = /^fd_([0-9a-f]{8})_([\w-]{32})$/.exec(token);
      if (!match) return undefined;
      const [, id, secret] = match as unknown as [string, string, string];
      const item = await read(id);
      if (!item || item.disabled) return undefined;
      const ok = timingSafeEqual(Buffer.from(item.hash, 'hex'), digest(secret));
      return ok ? { id: item.id, name: item.name, role: item.role, canPublish: item.canPublish } : undefined;
    },

    async list(): Promise<AgentRecord[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'AGENTS' },
        }),
      );
      return Items.map((item) => record(AgentItem.parse(item)));
    },

    /** Changes role, publishing right or state; a disabled agent's token is refused from the next request on. */
    update(id: string, change: AgentChange): Promise<AgentRecord> {
      const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      if (Object.keys(fields).length === 0) {
        return read(id).then((item) => {
          if (!item) throw new AgentNotFoundError(`no agent ${id}`);
          return record(item);
        });
      }
      return update(id, fields);
    },

    /** A new token for the agent; the old one is refused from now on. */
    async rotate(id: string): Promise<{ agent: AgentRecord; token: string }> {
      const secret = newSecret();
      const agent = await update(id, { hash: digest(secret).toString('hex') });
      return { agent, token: `fd_${id}_${secret}` };
    },
  };
}

/** The agent store's interface, as its factory builds it. */
export type AgentStore = ReturnType<typeof createAgentStore>;
