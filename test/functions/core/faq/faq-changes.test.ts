import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  changesBetween,
  compose,
  invert,
  toDiff,
} from '../../../../functions/core/faq/faq-changes.js';

const entry = (id: string, answer = `${id} answer`) => ({ id, questions: [`${id}?`], answer });

describe('FAQ change logs', () => {
  it('finds what an import added, removed and changed, and nothing for an unchanged entry', () => {
    const changes = changesBetween(
      [entry('a'), entry('b'), entry('c')],
      [entry('a'), entry('b', 'new'), entry('d')],
    );
    expect(toDiff(changes)).toEqual({
      added: [entry('d')],
      removed: [entry('c')],
      changed: [{ before: entry('b'), after: entry('b', 'new') }],
    });
  });

  it('composes consecutive logs into one net change per entry, dropping edits that cancel out', () => {
    const net = compose([
      [{ id: 'a', before: entry('a'), after: entry('a', 'v2') }],
      [
        { id: 'a', before: entry('a', 'v2'), after: entry('a', 'v3') },
        { id: 'x', after: entry('x') },
      ],
      [{ id: 'x', before: entry('x') }],
    ]);
    expect(net).toEqual([{ id: 'a', before: entry('a'), after: entry('a', 'v3') }]);
  });

  it('undoes changes: applying a diff and then its inverse gives the FAQ back', () => {
    const before = [entry('a'), entry('b')];
    const after = [entry('a', 'edited'), entry('c')];
    const changes = changesBetween(before, after);
    const sortIds = (list: { id: string }[]) => list.map((e) => e.id).sort();
    expect(sortIds(applyChanges(before, changes))).toEqual(['a', 'c']);
    const restored = applyChanges(applyChanges(before, changes), invert(changes));
    expect(restored.sort((x, y) => x.id.localeCompare(y.id))).toEqual(before);
  });
});
