import { isDeepStrictEqual } from 'node:util';
import type { FaqEntry } from './entry.js';

/** What one write did to one entry: absent `before` is an addition, absent `after` a removal. */
export interface FaqChange {
  id: string;
  before?: FaqEntry;
  after?: FaqEntry;
}

/** Two FAQ states compared: the shape of `GET /admin/faq/versions/diff`. */
export interface FaqDiff {
  added: FaqEntry[];
  removed: FaqEntry[];
  changed: { before: FaqEntry; after: FaqEntry }[];
}

/** The changes that turn `before` into `after`, entries compared by id and then by content. */
export function changesBetween(before: readonly FaqEntry[], after: readonly FaqEntry[]): FaqChange[] {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const changes: FaqChange[] = [];
  for (const entry of after) {
    const was = old.get(entry.id);
    old.delete(entry.id);
    if (!was || !isDeepStrictEqual(was, entry)) changes.push({ id: entry.id, before: was, after: entry });
  }
  for (const gone of old.values()) changes.push({ id: gone.id, before: gone });
  return changes;
}

/** Folds the change logs of consecutive versions, oldest first, into one change per entry that differs. */
export function compose(logs: readonly (readonly FaqChange[])[]): FaqChange[] {
  const net = new Map<string, FaqChange>();
  for (const changes of logs) {
    for (const { id, before, after } of changes) {
      const earlier = net.get(id);
      net.set(id, { id, before: earlier ? earlier.before : before, after });
    }
  }
  return [...net.values()].filter(({ before, after }) => !isDeepStrictEqual(before, after));
}

/** The same changes undone: what turns the later state back into the earlier one. */
export function invert(changes: readonly FaqChange[]): FaqChange[] {
  return changes.map(({ id, before, after }) => ({ id, before: after, after: before }));
}

/** Changes as added, removed and changed entries, each list in id order. */
export function toDiff(changes: readonly FaqChange[]): FaqDiff {
  const sorted = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const diff: FaqDiff = { added: [], removed: [], changed: [] };
  for (const { before, after } of sorted) {
    if (before && after) diff.changed.push({ before, after });
    else if (after) diff.added.push(after);
    else if (before) diff.removed.push(before);
  }
  return diff;
}

/** `entries` with the changes applied. */
export function applyChanges(entries: readonly FaqEntry[], changes: readonly FaqChange[]): FaqEntry[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const { id, after } of changes) {
    if (after) byId.set(id, after);
    else byId.delete(id);
  }
  return [...byId.values()];
}
