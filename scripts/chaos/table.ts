import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createConversationStore } from '../../functions/core/conversations.js';
import { createDb, type Db } from '../../functions/core/db.js';
import { queryAll } from '../../functions/core/dynamo-batch.js';
import { writeDueTurns } from '../../functions/core/held-turns.js';
import { eventPartition, eventsOfItem } from '../../functions/core/reports/report-events.js';
import { createTicketStore } from '../../functions/core/tickets.js';
import type { Frontdesk } from './child.js';

/** Runs `read` on frontdesk's own table, through the embedded DynamoDB it announced. */
async function withTable<T>(frontdesk: Frontdesk, read: (db: Db) => Promise<T>): Promise<T> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: frontdesk.dynamoEndpoint(),
  });
  try {
    return await read(createDb(client, 'frontdesk'));
  } finally {
    client.destroy();
  }
}

/** Conversation ids of every ticket frontdesk holds (queued or claimed). */
export function ticketConversations(frontdesk: Frontdesk): Promise<Set<string>> {
  return withTable(frontdesk, async (db) => {
    const tickets = createTicketStore(db);
    const all = [...(await tickets.list('queued', 5000)), ...(await tickets.list('claimed', 5000))];
    return new Set(all.map((ticket) => ticket.ref.conversationId));
  });
}

/**
 * For each conversation, how often the customer's lines are in its transcript and its messages in the report
 * events (since `since`), once the turns held with the states are written out, as the schedule does within a minute.
 */
export function recordedTurns(
  frontdesk: Frontdesk,
  keys: readonly string[],
  since: number,
): Promise<Map<string, { lines: number; counted: number }>> {
  return withTable(frontdesk, async (db) => {
    await writeDueTurns(db, new Date(Date.now() + 60_000));
    const partitions = new Set([eventPartition(since), eventPartition(Date.now())]);
    const items = (
      await Promise.all(
        [...partitions].map((pk) =>
          queryAll(db.doc, {
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        ),
      )
    ).flat();
    const messages = items
      .flatMap(eventsOfItem)
      .filter((event) => event.type === 'message' && event.at >= since);
    const conversations = createConversationStore(db);
    const counts = new Map<string, { lines: number; counted: number }>();
    for (const key of keys) {
      const lines = (await conversations.transcript(key)).filter((line) => line.role === 'user').length;
      counts.set(key, { lines, counted: messages.filter((event) => event.key === key).length });
    }
    return counts;
  });
}
