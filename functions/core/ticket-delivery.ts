import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure } from './db.js';

/** A reply to the ticket's customer that keeps failing and is being retried. */
export interface PendingDelivery {
  pendingSince: number;
  attempts: number;
  lastError: string;
}

const key = (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' });

/** Marks a ticket while a reply to its customer is failing (the agent console shows it), and clears it on success. */
export function createTicketDelivery(db: Db) {
  const update = async (
    id: string,
    expression: string,
    condition: string,
    values?: Record<string, unknown>,
  ) => {
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key(id),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#t': 'ticket', '#d': 'delivery' },
          ...(values && { ExpressionAttributeValues: values }),
        }),
      );
    } catch (error) {
      // No such ticket, or nothing pending: nothing to mark.
      if (!isConditionFailure(error)) throw error;
    }
  };
  return {
    failed: (id: string, pending: PendingDelivery) =>
      update(id, 'SET #t.#d = :d', 'attribute_exists(pk)', { ':d': pending }),
    delivered: (id: string) => update(id, 'REMOVE #t.#d', 'attribute_exists(#t.#d)'),
  };
}

/** The ticket delivery marks, as their factory builds them. */
export type TicketDelivery = ReturnType<typeof createTicketDelivery>;
