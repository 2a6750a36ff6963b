import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../functions/core/conversations.js';
import { createDb } from '../../../functions/core/db.js';
import { tablesOnBoth } from '../../support/aws.js';

const start = Date.UTC(2026, 11, 3, 8, 0);

describe.each(await tablesOnBoth())('a transcript on %s', (_, { client, tableName }) => {
  const db = createDb(client, tableName);
  const conversations = createConversationStore(db);

  /** Turns of a user line and `replies` bot lines each, written as the bot writes them. */
  async function turns(key: string, count: number, replies: number, from = 0) {
    for (let n = from; n < from + count; n++)
      await conversations.append(
        key,
        [
          { role: 'user', text: `q${n}`, at: start + n },
          ...Array.from({ length: replies }, (_, r) => ({
            role: 'bot' as const,
            text: `a${n}.${r}`,
            at: start + n,
          })),
        ],
        new Date(start + n),
      );
  }

  it('stores a turn as one item, and pages line by line from any line of a turn', async () => {
    await turns('web#t1', 3, 2);
    const all = await conversations.transcript('web#t1');
    expect(all.map((line) => line.text)).toEqual([
      'q0',
      'a0.0',
      'a0.1',
      'q1',
      'a1.0',
      'a1.1',
      'q2',
      'a2.0',
      'a2.1',
    ]);
    expect(new Set(all.map((line) => line.cursor)).size).toBe(9);
    expect(all.map((line) => line.cursor)).toEqual(all.map((line) => line.cursor).sort());
    const { Count } = await db.doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CONV#web#t1' },
      }),
    );
    expect(Count).toBe(3);

    const paged: string[] = [];
    for (let page = await conversations.transcript('web#t1', { limit: 2 }); page.length > 0;) {
      paged.push(...page.map((line) => line.text));
      page = await conversations.transcript('web#t1', { after: page.at(-1)!.cursor, limit: 2 });
    }
    expect(paged).toEqual(all.map((line) => line.text));
    const afterFirst = await conversations.transcript('web#t1', { after: all[1]!.cursor });
    expect(afterFirst.map((line) => line.text)).toEqual(all.slice(2).map((line) => line.text));
  });

  it('reads the one-item-per-line transcripts of older versions, before and among turns', async () => {
    const key = 'web#t2';
    const stamp = String(start - 1000).padStart(14, '0');
    for (const [i, text] of ['old q', 'old a', 'old b'].entries()) {
      const entry = {
        cursor: `${stamp}.000000001.abcdef.${i}`,
        role: i ? 'bot' : 'user',
        text,
        at: start - 1000,
      };
      await db.doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `CONV#${key}`, sk: `MSG#${entry.cursor}`, entry },
        }),
      );
    }
    await turns(key, 2, 1);
    const all = await conversations.transcript(key);
    expect(all.map((line) => line.text)).toEqual(['old q', 'old a', 'old b', 'q0', 'a0.0', 'q1', 'a1.0']);
    // From the middle of the old turn, a page of one still finds its next line past the lines before it.
    expect((await conversations.transcript(key, { after: all[1]!.cursor, limit: 1 }))[0]?.text).toBe('old b');
    expect(
      (await conversations.transcript(key, { after: all[2]!.cursor, limit: 2 })).map((l) => l.text),
    ).toEqual(['q0', 'a0.0']);
  });

  it('pages within a turn of more than ten lines in their order', async () => {
    await turns('web#t4', 1, 11);
    const all = await conversations.transcript('web#t4');
    expect(all.map((line) => line.text).slice(-3)).toEqual(['a0.8', 'a0.9', 'a0.10']);
    const rest = await conversations.transcript('web#t4', { after: all[9]!.cursor });
    expect(rest.map((line) => line.text)).toEqual(['a0.9', 'a0.10']);
  });
});
