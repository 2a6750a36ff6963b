import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure, sortableTime } from './db.js';
import { Ticket, TicketConflictError, type TicketStatus } from './ticket.js';

const key = (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' });
const byStatus = (status: TicketStatus) => `TICKETS#${status}`;

/** Tickets in the frontdesk table; every state change is one conditional update, so races have one winner. */
export function createTicketStore(db: Db) {
  async function transition(
    id: string,
    from: { status: TicketStatus; agentId?: string; extra?: string; values?: Record<string, unknown> },
    set: Partial<Ticket> & { status?: TicketStatus },
  ): Promise<Ticket> {
    const names: Record<string, string> = { '#t': 'ticket', '#status': 'status' };
    const values: Record<string, unknown> = { ':from': from.status, ...from.values };
    const assignments: string[] = [];
    for (const [field, value] of Object.entries(set)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      assignments.push(`#t.#${field} = :${field}`);
    }
    if (set.status) {
      assignments.push('gsi1pk = :gsi1pk');
      values[':gsi1pk'] = byStatus(set.status);
    }
    let condition = '#t.#status = :from';
    if (from.agentId) {
      names['#agentId'] = 'agentId';
      values[':agent'] = from.agentId;
      condition += ' AND #t.#agentId = :agent';
    }
    if (from.extra) condition += ` AND ${from.extra}`;
    try {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key(id),
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Ticket.parse(Attributes?.ticket);
    } catch (error) {
      if (isConditionFailure(error)) throw new TicketConflictError(`ticket ${id} is not ${from.status}`);
      throw error;
    }
  }

  return {
    /** Stores a new ticket; storing the same ticket again is a no-op, so redelivered queue messages are safe. */
    async create(ticket: Ticket): Promise<boolean> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...key(ticket.id), ticket, gsi1pk: byStatus(ticket.status), gsi1sk: sortKey(ticket) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async get(id: string): Promise<Ticket | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: key(id), ConsistentRead: true }),
      );
      return Item ? Ticket.parse(Item.ticket) : undefined;
    },

    /** Tickets in one status, oldest first. */
    async list(status: TicketStatus, limit = 100): Promise<Ticket[]> {
      const { Items = [] } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': byStatus(status) },
          Limit: limit,
        }),
      );
      return Items.map((item) => Ticket.parse(item.ticket));
    },

    /** 1-based place of a queued transfer among the queued transfers. */
    async position(ticket: Ticket): Promise<number> {
      const queued = await this.list('queued', 1000);
      const ahead = queued.filter((t) => t.kind === 'transfer' && sortKey(t) < sortKey(ticket));
      return ahead.length + 1;
    },

    /** The queued transfers in queue order (oldest first, ties broken by id). */
    async queuedTransfers(): Promise<Ticket[]> {
      const queued = await this.list('queued', 1000);
      return queued.filter((t) => t.kind === 'transfer').sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    },

    /**
     * Records the place the customer is told, if nobody recorded another since `told` was read: of two
     * sweeps racing on a stale and a fresh view of the queue, only one tells the customer.
     */
    tellPosition: (id: string, told: number | undefined, position: number) =>
      transition(
        id,
        {
          status: 'queued',
          extra: told === undefined ? 'attribute_not_exists(#t.#toldPosition)' : '#t.#toldPosition = :told',
          values: told === undefined ? undefined : { ':told': told },
        },
        { toldPosition: position },
      ),

    claim: (id: string, agent: { id: string; name: string }, now: Date) =>
      transition(
        id,
        { status: 'queued' },
        { status: 'claimed', agentId: agent.id, agentName: agent.name, claimedAt: now.getTime() },
      ),
    resolve: (id: string, agentId: string, now: Date) =>
      transition(id, { status: 'claimed', agentId }, { status: 'resolved', closedAt: now.getTime() }),
    release: (id: string, agentId: string, now: Date) =>
      transition(id, { status: 'claimed', agentId }, { status: 'returned', closedAt: now.getTime() }),
    cancel: (id: string, now: Date) =>
      transition(id, { status: 'queued' }, { status: 'cancelled', closedAt: now.getTime() }),
    /** Marks the agent's first reply; later replies keep the first time. */
    firstResponse: (id: string, agentId: string, now: Date) =>
      transition(
        id,
        { status: 'claimed', agentId, extra: 'attribute_not_exists(#t.firstResponseAt)' },
        { firstResponseAt: now.getTime() },
      ),
    /** Records that the user was offered to leave a message; only once per ticket. */
    markOffered: (id: string, now: Date) =>
      transition(
        id,
        { status: 'queued', extra: 'attribute_not_exists(#t.offeredAt)' },
        { offeredAt: now.getTime() },
      ),
    /**
     * Applies what a later copy of a stored left message says (written while it was on its way, open-message.ts):
     * the follow-ups the stored one lacks, and its withdrawal. Nothing once an agent has it.
     */
    async mergeCopy(copy: Ticket, now: Date): Promise<void> {
      const stored = await this.get(copy.id);
      const has = new Set((stored?.followUps ?? []).map((f) => `${f.at}\n${f.text}`));
      try {
        for (const line of copy.followUps ?? [])
          if (!has.has(`${line.at}\n${line.text}`))
            await this.addFollowUp(copy.id, line.text, new Date(line.at));
        if (copy.status === 'cancelled' && stored?.status === 'queued') await this.cancel(copy.id, now);
      } catch (error) {
        if (!(error instanceof TicketConflictError)) throw error;
      }
    },

    /** Adds what the customer wrote to a left message that is still waiting for an agent. */
    async addFollowUp(id: string, text: string, now: Date): Promise<void> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: key(id),
            UpdateExpression: 'SET #t.#f = list_append(if_not_exists(#t.#f, :empty), :line)',
            ConditionExpression: '#t.#status = :queued',
            ExpressionAttributeNames: { '#t': 'ticket', '#f': 'followUps', '#status': 'status' },
            ExpressionAttributeValues: {
              ':empty': [],
              ':line': [{ at: now.getTime(), text }],
              ':queued': 'queued',
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new TicketConflictError(`ticket ${id} is not queued`);
        throw error;
      }
    },
    /** Records that a message could not reach the user, whatever the ticket's status. */
    async markUnreachable(id: string, unreachable: NonNullable<Ticket['unreachable']>): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key(id),
          UpdateExpression: 'SET #t.#u = :u',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#t': 'ticket', '#u': 'unreachable' },
          ExpressionAttributeValues: { ':u': unreachable },
        }),
      );
    },
    rate: (id: string, csat: number) =>
      transition(id, { status: 'resolved', extra: 'attribute_not_exists(#t.csat)' }, { csat }),
  };
}

/** The ticket store's interface, as its factory builds it. */
export type TicketStore = ReturnType<typeof createTicketStore>;

const sortKey = (ticket: Ticket) => `${sortableTime(ticket.createdAt)}#${ticket.id}`;
