import { randomInt } from 'node:crypto';
import * as z from 'zod';
import type { RawRequest } from '../types.js';
import { decrypt, encrypt, sameText, signature } from './crypto.js';
import { buildXml, parseXml, readFields } from './xml.js';

/**
 * How far a signed `timestamp` may be from our clock, either way. WeChat signs timestamp and nonce but never checks
 * the time for us; its retries arrive within about 15 s (3 retries, 5 s apart), so 5 minutes covers them and
 * clock drift while a captured URL cannot be replayed later.
 */
export const FRESHNESS_SECONDS = 300;

/** What a push is checked and opened with: the Token, and in safe mode the AES key and the expected receiver id. */
export interface PushKeys {
  token: string;
  key?: Buffer;
  /** The AppID (Official Account) or CorpID (WeCom) that encrypted messages must name. */
  receiverId: string;
}

/** True when `timestamp` (epoch seconds) lies within the freshness window around `now`. */
export function isFresh(timestamp: string | undefined, now: Date): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= FRESHNESS_SECONDS;
}

/**
 * The signature a verified POST push carries, remembered for as long as its timestamp can pass `isFresh` (a
 * timestamp may lead our clock by the window too, hence twice it). GET handshakes change nothing and are not kept.
 */
export function pushReplayKey(
  req: RawRequest,
  field: 'signature' | 'msg_signature',
): { signature: string; ttlSeconds: number } | undefined {
  const signature = req.query[field];
  if (req.method !== 'POST' || !signature) return undefined;
  return { signature: `${field}:${signature}`, ttlSeconds: 2 * FRESHNESS_SECONDS };
}

/** True when `given` is WeChat's signature over the parts; false when any part is missing. */
export function signedWith(given: string | undefined, parts: (string | undefined)[]): boolean {
  if (!given || parts.some((part) => part === undefined)) return false;
  return sameText(signature(parts as string[]), given);
}

/** The `Encrypt` value of an encrypted push, or undefined when the body has none (or is not XML at all). */
export function encryptedField(body: string): string | undefined {
  try {
    const { Encrypt } = parseXml(body);
    return typeof Encrypt === 'string' && Encrypt ? Encrypt : undefined;
  } catch {
    return undefined;
  }
}

/** The message's fields: decrypted from `Encrypt` when a key is set, the body's own fields otherwise. */
export function openPush(body: string, keys: PushKeys): Record<string, unknown> {
  const fields = parseXml(body);
  if (!keys.key) return fields;
  const { Encrypt } = readFields(z.object({ Encrypt: z.string().min(1) }), fields);
  return parseXml(decrypt(keys.key, Encrypt, keys.receiverId));
}

/**
 * A passive reply for safe mode: the reply XML encrypted, signed with a fresh timestamp and nonce, in the envelope
 * WXBizMsgCrypt.EncryptMsg produces (replies to encrypted messages must be encrypted: encryption.md).
 */
export function sealReply(xml: string, keys: PushKeys & { key: Buffer }, now: Date): string {
  const encrypted = encrypt(keys.key, xml, keys.receiverId);
  const timestamp = Math.floor(now.getTime() / 1000);
  const nonce = String(randomInt(1e9, 1e10));
  return buildXml({
    Encrypt: encrypted,
    MsgSignature: signature([keys.token, String(timestamp), nonce, encrypted]),
    TimeStamp: timestamp,
    Nonce: nonce,
  });
}
