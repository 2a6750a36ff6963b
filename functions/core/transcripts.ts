import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TranscriptEntry } from './conversations.js';
import { type Db, expiresIn } from './db.js';
import { batchWriteAll } from './dynamo-batch.js';
import { heldTurnsOf } from './held-turns.js';
import { eventItems, type ReportEvent } from './reports/report-events.js';
import { CONVERSATION_RETENTION_DAYS, conversationPartition, readStateItem } from './state-item.js';
import {
  byCursor,
  comesAfter,
  cursorTag,
  linesOfItem,
  linesOfTurn,
  splitCursor,
  turnCursor,
  turnItem,
} from './transcript-cursors.js';

/** A conversation's transcript: lines written at once (an agent's), and reading every line, held ones included. */
export function createTranscripts(db: Db) {
  return {
    /**
     * Appends lines written at once (an agent's reply, say; the bot's turns are held with the state instead) and
     * their report events, in one batch write; returns the lines with their cursors.
     */
    async append(
      key: string,
      lines: Omit<TranscriptEntry, 'cursor'>[],
      now: Date,
      events: readonly ReportEvent[] = [],
    ): Promise<TranscriptEntry[]> {
      // Sortable cursor: the time of writing (not the line's own time: WeChat stamps whole seconds, so a second
      // message of the same second would sort before the reply to the first), the tag, then the line's position.
      const turn = turnCursor(now.getTime(), cursorTag());
      const turnItems =
        lines.length === 0
          ? []
          : [turnItem(conversationPartition(key), turn, lines, expiresIn(now, CONVERSATION_RETENTION_DAYS))];
      await batchWriteAll(
        db.doc,
        db.table,
        [...turnItems, ...eventItems(events, now)].map((Item) => ({ PutRequest: { Item } })),
      );
      return linesOfTurn(turn, lines);
    },

    /** Transcript lines after `after` (a cursor), oldest first: those written out and those held with the state. */
    async transcript(
      key: string,
      options: { after?: string; limit?: number } = {},
    ): Promise<TranscriptEntry[]> {
      const { after, limit = 200 } = options;
      const from = after === undefined ? undefined : splitCursor(after);
      const isAfter = (entry: TranscriptEntry) => !from || comesAfter(entry.cursor, from);
      // The STATE item first: a turn the schedule writes out meanwhile is written before it leaves the STATE item,
      // so the query after this read finds it if this read did not.
      const stateItem = await readStateItem(db, key);
      const written: TranscriptEntry[] = [];
      let startKey: Record<string, unknown> | undefined;
      // Lines of a turn share one item, so the query starts at the turn holding `after`; the lines up to it are
      // dropped here, which may take more than one page. Cursors use digits, dots and base-36 letters, so "MSG#~"
      // sorts after every one of them.
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': conversationPartition(key),
              ':from': `MSG#${from?.turn ?? ''}`,
              ':to': 'MSG#~',
            },
            ConsistentRead: true,
            Limit: limit + 1,
            ExclusiveStartKey: startKey,
          }),
        );
        written.push(...(page.Items ?? []).flatMap(linesOfItem).filter(isAfter));
        startKey = page.LastEvaluatedKey;
      } while (startKey && written.length < limit);
      const cursors = new Set(written.map((line) => line.cursor));
      const held = heldTurnsOf(stateItem ?? {})
        .flatMap((turn) => linesOfTurn(turn.id, turn.lines))
        .filter((line) => isAfter(line) && !cursors.has(line.cursor));
      return [...written, ...held].sort(byCursor).slice(0, limit);
    },
  };
}
