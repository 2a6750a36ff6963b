import canned from '../../data/canned-replies.json' with { type: 'json' };
import { type OutboundMessage, renderChoicesAsText } from '../types.js';

/**
 * The most one text message may carry, in UTF-8 bytes: 2048 for WeChat's passive reply (the older interface doc, as
 * quoted by third-party articles; the current pages give no figure) and for WeCom's message/send (path/90236).
 */
export const MAX_TEXT_BYTES = 2048;

const HAN = /\p{Script=Han}/u;

/** A reply as plain text: WeChat has no buttons, so choices become a numbered list (a number picks, in core). */
export function asText(message: OutboundMessage): string {
  const prompt = canned.choicePrompt[HAN.test(message.text) ? 'zh' : 'en'];
  return renderChoicesAsText(message, prompt);
}

/**
 * The longest head of `text` within `maxBytes`, cut after a line break or a sentence end when one lies in the
 * second half of it, and what remains.
 */
export function takeHead(text: string, maxBytes = MAX_TEXT_BYTES): { head: string; rest: string } {
  if (Buffer.byteLength(text) <= maxBytes) return { head: text, rest: '' };
  let end = 0;
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  const window = text.slice(0, end);
  // Chinese full stops end a sentence anywhere; Latin ones only before a space (not "3.5").
  const breaks = [...window.matchAll(/\n|[。！？]|[.!?](?=\s)/g)];
  const last = breaks.at(-1);
  const cut = last?.index !== undefined && last.index >= end / 2 ? last.index + 1 : end;
  return { head: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trimStart() };
}

/** The text in pieces of at most `maxBytes` each, in order. */
export function chunks(text: string, maxBytes = MAX_TEXT_BYTES): string[] {
  const pieces: string[] = [];
  for (let rest = text; rest;) {
    const next = takeHead(rest, maxBytes);
    if (next.head) pieces.push(next.head);
    rest = next.rest;
  }
  return pieces;
}
