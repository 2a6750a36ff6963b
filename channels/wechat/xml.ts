import { XMLParser } from 'fast-xml-parser';
import * as z from 'zod';
import { PayloadError } from '../types.js';

/** The largest body read. WeChat's pushes are small: text up to 2048 bytes, about three times that encrypted. */
export const MAX_XML_BYTES = 32 * 1024;

// Hardened: entities are never expanded, values stay strings (MsgId exceeds 2^53), and WeChat's flat documents
// never nest deeper than a few levels.
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  maxNestedTags: 8,
});

const Document = z.object({ xml: z.record(z.string(), z.unknown()) });

/** The top-level fields of one of WeChat's `<xml>` documents; PayloadError for anything else or anything hostile. */
export function parseXml(body: string): Record<string, unknown> {
  if (Buffer.byteLength(body) > MAX_XML_BYTES) throw new PayloadError('the XML body is too large', 413);
  // No DTD means no entity can be declared, expanded or fetched (billion laughs, external entities). Text inside
  // CDATA (a user's message) may mention one harmlessly, so it is left out of the check.
  if (/<!(DOCTYPE|ENTITY)/i.test(body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')))
    throw new PayloadError('XML with a document type declaration is refused');
  let document: unknown;
  try {
    document = parser.parse(body, true);
  } catch {
    throw new PayloadError('the body is not well-formed XML');
  }
  const parsed = Document.safeParse(document);
  if (!parsed.success) throw new PayloadError('the body is not a WeChat <xml> document');
  return parsed.data.xml;
}

/** Reads fields with a zod schema, turning a mismatch into PayloadError (never a 500). */
export function readFields<S extends z.ZodType>(schema: S, fields: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new PayloadError('the WeChat message lacks a field it needs');
  return parsed.data;
}

/** Any text as CDATA: a "]]>" inside is split over two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** An `<xml>` document of flat fields, in WeChat's style: strings as CDATA, numbers as plain text. */
export function buildXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields).map(([name, value]) => {
    const text = typeof value === 'number' ? String(value) : cdata(value);
    return `<${name}>${text}</${name}>`;
  });
  return `<xml>${body.join('')}</xml>`;
}
