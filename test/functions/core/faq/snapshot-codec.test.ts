import { describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SnapshotRefusedError,
} from '../../../../functions/core/faq/snapshot-codec.js';

const sections = {
  numbers: Int32Array.from([1, -2, 3]),
  weights: Float64Array.from([0.1, Math.PI]),
  flags: Uint8Array.from([7]),
  words: ['退款', '', 'refund'],
  none: [] as string[],
  blank: [''],
};

describe('snapshot codec', () => {
  it('round-trips typed arrays, string lists (empty ones apart) and the meta', () => {
    const { meta, sections: back } = decodeSnapshot(encodeSnapshot({ version: 4, note: 'x' }, sections));
    expect(meta).toEqual({ version: 4, note: 'x' });
    expect(back).toEqual(sections);
    expect(back.numbers).toBeInstanceOf(Int32Array);
    expect(back.weights).toBeInstanceOf(Float64Array);
  });

  it('refuses a damaged, truncated or foreign buffer, and another format', () => {
    const bytes = encodeSnapshot({}, sections);
    const flipped = Uint8Array.from(bytes);
    flipped[20] = flipped[20]! ^ 1;
    const otherFormat = Uint8Array.from(bytes);
    new DataView(otherFormat.buffer).setUint32(4, SNAPSHOT_FORMAT + 1, true);
    for (const [bad, reason] of [
      [flipped, /checksum/],
      [bytes.subarray(0, bytes.length - 3), /checksum/],
      [bytes.subarray(0, 5), /truncated/],
      [new TextEncoder().encode('{"json": "is not a snapshot"}'), /not a snapshot/],
      [otherFormat, new RegExp(`format ${SNAPSHOT_FORMAT + 1}`)],
    ] as const) {
      expect(() => decodeSnapshot(bad)).toThrow(SnapshotRefusedError);
      expect(() => decodeSnapshot(bad)).toThrow(reason);
    }
  });
});
