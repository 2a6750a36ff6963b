import { GetCommand, QueryCommand, type UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type ConversationState, createConversationStore } from '../../../functions/core/conversations.js';
import { createDb, type Db } from '../../../functions/core/db.js';
import {
  type HeldTurn,
  HELD_TURNS_MAX,
  writeDueTurns,
  writeTurns,
} from '../../../functions/core/held-turns.js';
import { stampEvents } from '../../../functions/core/reports/report-events.js';
import { turnCursor } from '../../../functions/core/transcript-cursors.js';
import { createTranscripts } from '../../../functions/core/transcripts.js';
import { tablesOnBoth } from '../../support/aws.js';

const start = Date.UTC(2026, 11, 8, 9, 0);

describe.each(await tablesOnBoth())(
  'turns held with the conversation state on %s',
  (_, { client, tableName }) => {
    const db = createDb(client, tableName);
    const conversations = createConversationStore(db);
    const ref = (id: string) => ({ channel: 'web', conversationId: id, userId: id });

    /** A bot turn at `at`: the user's question, one answer and the question's report events. */
    const turn = (key: string, n: number, at: number): HeldTurn => ({
      // Tags are unique to a turn, as cursorTag makes them: event keys end in them.
      id: turnCursor(at, `000000001.${key.slice('web#'.length)}t${n}`),
      lines: [
        { role: 'user', text: `q${n}`, at },
        { role: 'bot', text: `a${n}`, at },
      ],
      events: stampEvents(
        [{ type: 'message' }, { type: 'asked', outcome: 'none', text: `${key} q${n}` }],
        { key, channel: 'web', lang: 'en' },
        new Date(at),
      ),
    });

    /** Saves `count` turns one message at a time, as the bot does. */
    async function converse(id: string, count: number, from = 0): Promise<ConversationState> {
      let state = (await conversations.find(`web#${id}`)) ?? conversations.fresh(ref(id), 'en');
      for (let n = from; n < from + count; n++) {
        const at = start + n * 1000;
        state = await conversations.saveTurn(state, new Date(at), turn(state.key, n, at));
      }
      return state;
    }
    /** The schedule's markers of a conversation. */
    const markersOf = async (key: string) => (await items('HELD')).filter((item) => item.key === key);
    const items = async (pk: string) =>
      (
        await db.doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        )
      ).Items ?? [];
    const texts = async (key: string, options?: { after?: string; limit?: number }) =>
      (await conversations.transcript(key, options)).map((line) => line.text);
    /** The unanswered-inbox records of a conversation's questions. */
    const questionsOf = async (key: string) =>
      (await items('UNANSWERED#2026-12-08'))
        .map((item) => String(item.text))
        .filter((text) => text.startsWith(`${key} `))
        .map((text) => text.slice(key.length + 1))
        .sort();

    it('stay on the STATE item until a message finds enough of them, then are written out in one go', async () => {
      const held = await converse('h1', HELD_TURNS_MAX);
      // The first turn listed the conversation for the schedule, once.
      expect((await markersOf('web#h1')).map((marker) => marker.sk)).toEqual([
        `${String(start).padStart(14, '0')}#web#h1`,
      ]);
      expect(held.held?.map((t) => t.lines[0]!.text)).toEqual(['q0', 'q1', 'q2', 'q3']);
      expect((await items('CONV#web#h1')).map((item) => item.sk)).toEqual(['STATE']);
      expect(await texts('web#h1')).toEqual(['q0', 'a0', 'q1', 'a1', 'q2', 'a2', 'q3', 'a3']);

      const after = await converse('h1', 1, HELD_TURNS_MAX);
      expect(after.held?.map((t) => t.lines[0]!.text)).toEqual(['q4']);
      expect(await conversations.find('web#h1')).toMatchObject({ held: after.held, rev: after.rev });
      expect((await items('CONV#web#h1')).filter((item) => item.sk !== 'STATE')).toHaveLength(HELD_TURNS_MAX);
      expect(await texts('web#h1')).toEqual([
        ...['q0', 'a0', 'q1', 'a1', 'q2', 'a2', 'q3', 'a3'],
        ...['q4', 'a4'],
      ]);
      expect(await questionsOf('web#h1')).toEqual(['q0', 'q1', 'q2', 'q3']);
    });

    it('stay held through a save that adds none (an agent claiming the conversation)', async () => {
      const state = await converse('h6', 2, 80);
      const saved = await conversations.save({ ...state, ticketId: 't-1' }, new Date(start + 85_000));
      expect(saved.held?.map((t) => t.lines[0]!.text)).toEqual(['q80', 'q81']);
      expect(await conversations.find('web#h6')).toMatchObject({ ticketId: 't-1', held: saved.held });
      expect(await texts('web#h6')).toEqual(['q80', 'a80', 'q81', 'a81']);
    });

    it('are read in cursor order beside written lines, from any cursor and a page at a time', async () => {
      await converse('h2', 2);
      // An agent's line, written straight away, after the held turns and before the next one.
      await conversations.append(
        'web#h2',
        [{ role: 'agent', text: 'agent', at: start + 1500 }],
        new Date(start + 1500),
      );
      await converse('h2', 1, 2);
      const all = await conversations.transcript('web#h2');
      expect(all.map((line) => line.text)).toEqual(['q0', 'a0', 'q1', 'a1', 'agent', 'q2', 'a2']);
      expect(await texts('web#h2', { after: all[2]!.cursor })).toEqual(['a1', 'agent', 'q2', 'a2']);
      const paged: string[] = [];
      for (let page = await conversations.transcript('web#h2', { limit: 1 }); page.length > 0;) {
        paged.push(...page.map((line) => line.text));
        page = await conversations.transcript('web#h2', { after: page.at(-1)!.cursor, limit: 1 });
      }
      expect(paged).toEqual(all.map((line) => line.text));
    });

    it('are written out by the schedule half a minute after the first, and counted once if written twice', async () => {
      const state = await converse('h3', 2);
      expect(await conversations.writeDueTurns(new Date(start + 20_000))).toBe(0);
      // A crash between writing turns out and saving leaves them held: written again, they give the same items.
      await writeTurns(db, state.key, state.held!);
      expect(await conversations.writeDueTurns(new Date(start + 40_000))).toBeGreaterThanOrEqual(2);
      const item = (
        await db.doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'CONV#web#h3', sk: 'STATE' } }))
      ).Item!;
      expect(Object.keys(item).filter((name) => name.startsWith('turn@'))).toEqual([]);
      expect(await markersOf('web#h3')).toEqual([]);
      expect(await texts('web#h3')).toEqual(['q0', 'a0', 'q1', 'a1']);
      const events = (await items('EVENTS#2026-12-08')).filter((e) => String(e.events).includes('web#h3'));
      expect(events).toHaveLength(2);
      expect(await questionsOf('web#h3')).toEqual(['q0', 'q1']);
    });

    it('stay listed for the schedule when a message saves while it writes them out', async () => {
      const state = await converse('h4', 1);
      // The next message saves between the schedule's read of the STATE item and its clean-up.
      let raced = false;
      const racing: Db = {
        ...db,
        doc: {
          send: async (command: UpdateCommand) => {
            if (!raced && command.input.UpdateExpression?.startsWith('REMOVE')) {
              raced = true;
              await conversations.saveTurn(
                state,
                new Date(start + 35_000),
                turn(state.key, 9, start + 35_000),
              );
            }
            return db.doc.send(command);
          },
        } as unknown as Db['doc'],
      };
      expect(await writeDueTurns(racing, new Date(start + 40_000))).toBe(1);
      expect(raced).toBe(true);
      expect((await conversations.find('web#h4'))?.held?.map((t) => t.lines[0]!.text)).toEqual(['q9']);
      expect(await markersOf('web#h4')).toHaveLength(1);
      expect(await texts('web#h4')).toEqual(['q0', 'a0', 'q9', 'a9']);
      expect(await conversations.writeDueTurns(new Date(start + 70_000))).toBe(1);
      expect((await conversations.find('web#h4'))?.held).toBeUndefined();
      expect(await markersOf('web#h4')).toEqual([]);
      expect(await texts('web#h4')).toEqual(['q0', 'a0', 'q9', 'a9']);
    });

    it('are read once while the schedule writes them out between the transcript’s two reads', async () => {
      await converse('h5', 2, 20);
      // The schedule writes the turns out between the transcript's two requests (the STATE item, its lines).
      let sent = 0;
      const racing: Db = {
        ...db,
        doc: {
          send: async (command: QueryCommand) => {
            if (++sent === 2) await writeDueTurns(db, new Date(start + 120_000));
            return db.doc.send(command);
          },
        } as unknown as Db['doc'],
      };
      const lines = await createTranscripts(racing).transcript('web#h5');
      expect(sent).toBe(2);
      expect((await conversations.find('web#h5'))?.held).toBeUndefined();
      expect(lines.map((line) => line.text)).toEqual(['q20', 'a20', 'q21', 'a21']);
    });
  },
);
