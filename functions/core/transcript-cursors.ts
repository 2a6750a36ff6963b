import type { TranscriptEntry } from './conversations.js';
import { sortableTime } from './db.js';

// A transcript cursor is `<time of writing>.<tag>.<line>`: it sorts in writing order, and a turn written again
// under the same time and tag gets the same cursors.

let writes = 0;

/**
 * The middle of a transcript cursor: this process's write count (for writes within one millisecond) and a random
 * tail against collisions. The same time and tag give the same cursors, so writing a turn again overwrites it.
 */
export const cursorTag = () =>
  `${String(++writes).padStart(9, '0')}.${Math.random().toString(36).slice(2, 8)}`;

/** The cursor prefix of a turn written at `at` under `tag`: its lines' cursors are `<turn>.<line>`. */
export const turnCursor = (at: number, tag: string) => `${sortableTime(at)}.${tag}`;

/** A turn cursor's time and tag, as turnCursor took them. */
export function turnParts(turn: string): { at: number; tag: string } {
  const dot = turn.indexOf('.');
  return { at: Number(turn.slice(0, dot)), tag: turn.slice(dot + 1) };
}

/** A turn's lines with their cursors. */
export const linesOfTurn = (
  turn: string,
  lines: readonly Omit<TranscriptEntry, 'cursor'>[],
): TranscriptEntry[] => lines.map((line, i) => ({ ...line, cursor: `${turn}.${i}` }));

/**
 * The transcript item of one turn: its lines in one item (every item costs a write), as JSON; their cursors follow
 * from its key.
 */
export const turnItem = (
  pk: string,
  turn: string,
  lines: readonly Omit<TranscriptEntry, 'cursor'>[],
  expiresAt: number,
) => ({ pk, sk: `MSG#${turn}`, lines: JSON.stringify(lines), expiresAt });

/** The lines of a transcript item: a turn's, or the single line an item held in older versions. */
export function linesOfItem(item: Record<string, unknown>): TranscriptEntry[] {
  if (typeof item.lines !== 'string') return [item.entry as TranscriptEntry];
  return linesOfTurn(String(item.sk).slice('MSG#'.length), JSON.parse(item.lines));
}

/** A cursor's turn and the line's position in it (-1 for a cursor naming no line, which every line is after). */
export function splitCursor(cursor: string): { turn: string; line: number } {
  const match = /^(.*)\.(\d+)$/.exec(cursor);
  return match ? { turn: match[1]!, line: Number(match[2]) } : { turn: cursor, line: -1 };
}

/** Orders lines by cursor, as comesAfter does. */
export function byCursor(a: TranscriptEntry, b: TranscriptEntry): number {
  return a.cursor === b.cursor ? 0 : comesAfter(a.cursor, splitCursor(b.cursor)) ? 1 : -1;
}

/** Whether a line comes after `than`: by turn, then by position as a number (line 10 comes after line 9). */
export function comesAfter(cursor: string, than: { turn: string; line: number }): boolean {
  const { turn, line } = splitCursor(cursor);
  return turn === than.turn ? line > than.line : turn > than.turn;
}
