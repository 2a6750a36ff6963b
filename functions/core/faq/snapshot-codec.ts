import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The binary layout of a snapshot: named sections of typed arrays or string lists, so any component of the
 * index (a learned model included) adds its own arrays by adding sections, with no change here.
 *
 * Bytes: "FDSN", format (u32), CRC-32 of the rest (u32), then the rest, deflated: header length (u32), the
 * header (UTF-8 JSON: the caller's meta and each section's name, type and byte range), and the sections, each
 * starting on an 8-byte boundary so that typed arrays view the inflated buffer without a copy.
 */
export type Section = Int32Array | Float64Array | Uint8Array | string[];
export type Sections = Record<string, Section>;

/** Bumped whenever the layout or the meaning of a section changes: older snapshots are then refused. */
export const SNAPSHOT_FORMAT = 4;

const MAGIC = 0x4e534446; // "FDSN", little-endian
const PREFIX = 12;
// Separates the strings of a string list; no term, id or JSON text holds one (JSON escapes it).
const SEPARATOR = '\u0000';

/** A snapshot that is damaged, of another format, or not the one asked for: refused, never half-used. */
export class SnapshotRefusedError extends Error {
  override name = 'SnapshotRefusedError';
}

type SectionType = 'i32' | 'f64' | 'u8' | 'strings';
interface Header {
  meta: Record<string, unknown>;
  /** Byte range of each section; a string list also has its length, so [] and [''] differ. */
  sections: { name: string; type: SectionType; offset: number; bytes: number; count?: number }[];
}

/** Serializes sections and a small JSON meta into one buffer. */
export function encodeSnapshot(meta: Record<string, unknown>, sections: Sections): Uint8Array {
  const encoder = new TextEncoder();
  const parts: { name: string; type: SectionType; bytes: Uint8Array; count?: number }[] = [];
  for (const [name, value] of Object.entries(sections)) {
    if (Array.isArray(value)) {
      if (value.some((text) => text.includes(SEPARATOR))) throw new Error(`Section ${name} holds a NUL`);
      const bytes = encoder.encode(value.join(SEPARATOR));
      parts.push({ name, type: 'strings', bytes, count: value.length });
    } else {
      const type = value instanceof Int32Array ? 'i32' : value instanceof Float64Array ? 'f64' : 'u8';
      parts.push({ name, type, bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) });
    }
  }
  const header: Header = { meta, sections: [] };
  let offset = 0;
  for (const { name, type, bytes, count } of parts) {
    header.sections.push({ name, type, offset, bytes: bytes.length, ...(count !== undefined && { count }) });
    offset = align(offset + bytes.length);
  }
  const headerBytes = encoder.encode(JSON.stringify(header));
  const start = align(4 + headerBytes.length);
  const body = new Uint8Array(start + offset);
  new DataView(body.buffer).setUint32(0, headerBytes.length, true);
  body.set(headerBytes, 4);
  parts.forEach(({ bytes }, k) => body.set(bytes, start + header.sections[k]!.offset));

  const packed = deflateRawSync(body, { level: 1 });
  const out = new Uint8Array(PREFIX + packed.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SNAPSHOT_FORMAT, true);
  view.setUint32(8, crc32(packed), true);
  out.set(packed, PREFIX);
  return out;
}

/** Reads a buffer made by encodeSnapshot; throws SnapshotRefusedError on any damage or another format. */
export function decodeSnapshot(bytes: Uint8Array): { meta: Record<string, unknown>; sections: Sections } {
  if (bytes.length < PREFIX) throw new SnapshotRefusedError('snapshot is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new SnapshotRefusedError('not a snapshot');
  const format = view.getUint32(4, true);
  if (format !== SNAPSHOT_FORMAT)
    throw new SnapshotRefusedError(`snapshot format ${format} is not ${SNAPSHOT_FORMAT}`);
  const packed = bytes.subarray(PREFIX);
  if (crc32(packed) !== view.getUint32(8, true)) throw new SnapshotRefusedError('snapshot checksum mismatch');
  let body: Buffer;
  let header: Header;
  try {
    body = inflateRawSync(packed);
    const length = body.readUInt32LE(0);
    header = JSON.parse(body.toString('utf8', 4, 4 + length)) as Header;
    header.sections.forEach((s) => (s.offset += align(4 + length)));
  } catch (error) {
    throw new SnapshotRefusedError(`snapshot does not decode: ${(error as Error).message}`);
  }
  const decoder = new TextDecoder();
  const sections: Sections = {};
  for (const { name, type, offset, bytes: size, count } of header.sections) {
    if (offset + size > body.length) throw new SnapshotRefusedError(`section ${name} is cut short`);
    const raw = body.subarray(offset, offset + size);
    if (type === 'strings') {
      const list = count === 0 ? [] : decoder.decode(raw).split(SEPARATOR);
      if (list.length !== count) throw new SnapshotRefusedError(`section ${name} has the wrong length`);
      sections[name] = list;
      continue;
    }
    // A typed array views memory at a multiple of its element size; inflate's buffer may start anywhere.
    const aligned = raw.byteOffset % 8 === 0 ? raw : raw.slice();
    sections[name] =
      type === 'i32'
        ? new Int32Array(aligned.buffer, aligned.byteOffset, size / 4)
        : type === 'f64'
          ? new Float64Array(aligned.buffer, aligned.byteOffset, size / 8)
          : new Uint8Array(aligned.buffer, aligned.byteOffset, size);
  }
  return { meta: header.meta, sections };
}

const align = (offset: number) => Math.ceil(offset / 8) * 8;
