import { type Db, sortableTime } from '../db.js';
import { queryAll } from '../dynamo-batch.js';
import { Ticket, TicketStatus } from '../ticket.js';

/**
 * Tickets created in `[start, end)`, any status, oldest first: one query per status on the status index, whose
 * sort key starts with the creation time (tickets.ts), so no scan.
 */
export async function ticketsCreated(db: Db, start: number, end: number): Promise<Ticket[]> {
  const lists = await Promise.all(
    TicketStatus.options.map((status) =>
      queryAll(db.doc, {
        TableName: db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `TICKETS#${status}`,
          ':from': sortableTime(start),
          ':to': `${sortableTime(end - 1)}~`,
        },
      }),
    ),
  );
  return lists
    .flat()
    .map((item) => Ticket.parse(item.ticket))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
