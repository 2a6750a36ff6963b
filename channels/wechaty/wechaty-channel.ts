import * as z from 'zod';
import type { ChannelContext, InboundMessage, Parsed, RawRequest, WebhookChannel } from '../types.js';
import { sameText } from '../wechat/crypto.js';
import { MARKERS } from '../wechat/messages.js';
import { readSettings } from '../wechat/settings.js';
import { asText } from '../wechat/text.js';
import { createOutbox } from './outbox.js';
import {
  BridgeMessage,
  FRESHNESS_SECONDS,
  MIN_SECRET_LENGTH,
  SIGNATURE_HEADER,
  signBridgeRequest,
  TIMESTAMP_HEADER,
} from './protocol.js';

const Settings = z.object({
  WECHATY_BRIDGE_SECRET: z
    .string()
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
});

// Wechaty's MessageType (wechaty-puppet src/schemas/message.ts): 7 is text; recalls (13) and unknown system
// messages (0) are nothing to answer; anything else gets the polite "text only" answer.
const TEXT = 7;
const SILENT = new Set([0, 13]);
const KINDS: Record<number, string> = {
  1: 'file',
  2: 'voice',
  6: 'image',
  8: 'location',
  14: 'link',
  15: 'video',
};
const JSON_TYPE = { 'content-type': 'application/json' };
const OK = { status: 200, body: '{"ok":true}', headers: JSON_TYPE };
const PAGE_SIZE = 20;
const After = z.object({ after: z.coerce.number().int().nonnegative().default(0) });

/**
 * The Wechaty bridge's side in the API (`/webhooks/wechaty`), on when WECHATY_BRIDGE_SECRET is set. The bridge POSTs
 * each WeChat message (answered through the queue like Slack's) and GETs `?after=N` to fetch what to say: the bot's
 * answers and agents' replies wait in an outbox, so the bridge needs no public address and resumes where it was.
 */
export function wechatyFromEnv(context: ChannelContext): WebhookChannel | undefined {
  const settings = readSettings(context, 'wechaty', Settings, ['WECHATY_BRIDGE_SECRET']);
  if (!settings) return undefined;
  const secret = settings.WECHATY_BRIDGE_SECRET;
  const outbox = createOutbox(context.store);

  return {
    name: 'wechaty',
    mode: 'queue',

    verify(req: RawRequest, now: Date) {
      const timestamp = req.headers[TIMESTAMP_HEADER];
      const given = req.headers[SIGNATURE_HEADER];
      if (!timestamp || !given || !/^\d{1,12}$/.test(timestamp)) return false;
      if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > FRESHNESS_SECONDS) return false;
      return sameText(signBridgeRequest(secret, { ...req, timestamp }), given);
    },

    parse(req: RawRequest): Parsed {
      if (req.method === 'GET') {
        const { after } = After.parse(req.query);
        const answer = async () => ({
          status: 200,
          body: JSON.stringify(await outbox.read(after, PAGE_SIZE)),
          headers: JSON_TYPE,
        });
        return { kind: 'pull', answer };
      }
      return toParsed(BridgeMessage.parse(JSON.parse(req.body)));
    },

    respond: () => OK,

    async send(to, message) {
      await outbox.append({ userId: to.userId, roomId: to.address?.roomId, text: asText(message) });
    },
  };
}

function toParsed(payload: BridgeMessage): Parsed {
  if (SILENT.has(payload.type)) return { kind: 'ignore', reply: OK };
  const { roomId, talkerId } = payload;
  // In a room each member has a conversation of their own; answers go back to the room.
  const from = {
    channel: 'wechaty',
    conversationId: roomId ? `${roomId}/${talkerId}` : talkerId,
    userId: talkerId,
    ...(roomId && { address: { roomId } }),
  };
  const receivedAt = payload.timestamp < 1e12 ? payload.timestamp * 1000 : payload.timestamp;
  const message: InboundMessage = { id: payload.id, from, text: payload.text, receivedAt };
  if (payload.type === TEXT) return { kind: 'message', message };
  const marker = MARKERS[KINDS[payload.type] ?? 'other']!;
  return { kind: 'message', message: { ...message, text: marker, event: 'unsupported' } };
}
