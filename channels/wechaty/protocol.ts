import { createHmac } from 'node:crypto';
import * as z from 'zod';

// frontdesk's own protocol between the Wechaty bridge and `/webhooks/wechaty`: Wechaty defines none (PROTOCOLS §5).

/** Epoch seconds when the bridge signed the request. */
export const TIMESTAMP_HEADER = 'x-frontdesk-timestamp';
/** Hex HMAC-SHA256 with WECHATY_BRIDGE_SECRET over `v1:{timestamp}:{METHOD}:{query sorted by name}:{body}`. */
export const SIGNATURE_HEADER = 'x-frontdesk-signature';

/** Seconds a signed request stays valid, either way: clock drift between the bridge's host and the backend. */
export const FRESHNESS_SECONDS = 300;

/** The shortest shared secret accepted. */
export const MIN_SECRET_LENGTH = 32;

/** The signature of one request. */
export function signBridgeRequest(
  secret: string,
  request: { timestamp: string; method: string; query: Record<string, string>; body: string },
): string {
  const query = new URLSearchParams(Object.entries(request.query).sort(([a], [b]) => (a < b ? -1 : 1)));
  const base = `v1:${request.timestamp}:${request.method.toUpperCase()}:${query}:${request.body}`;
  return createHmac('sha256', secret).update(base).digest('hex');
}

/** A message from WeChat as the bridge forwards it (a subset of Wechaty's MessagePayload). */
export const BridgeMessage = z.object({
  id: z.string().min(1).max(200),
  talkerId: z.string().min(1).max(200),
  roomId: z.string().min(1).max(200).optional(),
  text: z.string().max(10_000),
  /** Wechaty's MessageType: 7 is text (wechaty-puppet src/schemas/message.ts). */
  type: z.number().int(),
  /** Epoch seconds or milliseconds: Wechaty puppets use either. */
  timestamp: z.number().nonnegative(),
});
export type BridgeMessage = z.infer<typeof BridgeMessage>;

/** A reply waiting for the bridge to say it: `seq` orders the outbox; `roomId` set for a room conversation. */
export const OutboxMessage = z.object({
  seq: z.number().int().nonnegative(),
  userId: z.string(),
  roomId: z.string().optional(),
  text: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** The answer to `GET /webhooks/wechaty?after=N`: messages from N on, and where to continue. */
export const OutboxPage = z.object({
  messages: z.array(OutboxMessage),
  next: z.number().int().nonnegative(),
});
export type OutboxPage = z.infer<typeof OutboxPage>;
