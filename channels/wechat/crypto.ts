import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PayloadError } from '../types.js';

/**
 * WeChat's message crypto (WXBizMsgCrypt), shared by the Official Account and WeCom: SHA-1 signatures and
 * AES-256-CBC with the EncodingAESKey. Scheme: developer.work.weixin.qq.com/document/path/91144 (加解密方案说明),
 * identical for Official Accounts (developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.md).
 */

/** sha1 of the parts sorted as strings and joined: token, timestamp, nonce, and the Encrypt or echostr value. */
export function signature(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Compares in constant time (for equal lengths), so a forger learns nothing from timing. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The 32-byte key behind a 43-character EncodingAESKey: Base64 with its one "=" left off. */
export function aesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    throw new Error('an EncodingAESKey is 43 characters of letters, digits, + and /');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

// PKCS#7 pads to a multiple of 32 bytes here, not AES's 16 (path/91144, 加解密方案说明).
const BLOCK = 32;
const HEADER = 20; // random(16) ‖ msg_len(4)

/** Encrypts `random(16) ‖ msg_len(4, big-endian, UTF-8 bytes) ‖ msg ‖ receiver id`; the IV is the key's first 16 bytes. */
export function encrypt(key: Buffer, message: string, receiverId: string, random = randomBytes(16)): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(receiverId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Decrypts an Encrypt value; throws PayloadError unless padding, length and receiver id all check out. */
export function decrypt(key: Buffer, encrypted: string, receiverId: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw bad('Encrypt is not Base64');
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % BLOCK !== 0) throw bad('Encrypt has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || !plain.subarray(plain.length - pad).every((byte) => byte === pad))
    throw bad('Encrypt has bad padding');
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < HEADER) throw bad('Encrypt is too short');
  const end = HEADER + content.readUInt32BE(16);
  if (end > content.length) throw bad('Encrypt has a bad length field');
  // The trailing id names the account the message is for: one for another app or corp is refused.
  if (!sameText(content.subarray(end).toString('utf8'), receiverId))
    throw bad('Encrypt is for another receiver');
  return content.subarray(HEADER, end).toString('utf8');
}

const bad = (reason: string) => new PayloadError(`the encrypted message cannot be read: ${reason}`);
