import * as z from 'zod';
import type { ConversationRef, HttpReply, InboundMessage, Parsed } from '../types.js';
import { readFields } from './xml.js';

/** The ack WeChat takes as "handled, no passive reply": it then neither retries nor warns the user (Passive_user_reply_message). */
export const SUCCESS: HttpReply = { status: 200, body: 'success', headers: { 'content-type': 'text/plain' } };

const Common = z.object({
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1),
  // A 64-bit id: kept as the string it arrived as (it exceeds 2^53).
  MsgId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  Content: z.string().optional(),
  Recognition: z.string().optional(),
  Event: z.string().optional(),
  AgentID: z.string().optional(),
});

/** The fields of a WeChat or WeCom push that frontdesk reads. */
export type PushFields = z.infer<typeof Common>;

/** Reads the common fields of a decrypted or plain push; PayloadError when one is missing or malformed. */
export function readPush(fields: Record<string, unknown>): PushFields {
  return readFields(Common, fields);
}

/**
 * What the transcript shows agents for message types the bot cannot read. In Chinese, like WeChat's own previews:
 * a first contact gets Chinese, while an ongoing conversation keeps its language (the bot ignores events' text).
 */
export const MARKERS: Record<string, string> = {
  image: '[图片]',
  voice: '[语音]',
  video: '[视频]',
  shortvideo: '[视频]',
  location: '[位置]',
  link: '[链接]',
  file: '[文件]',
  other: '[消息]',
};

/**
 * A push as frontdesk sees it: text, voice with WeChat's speech recognition, a follow (welcome), another message type
 * (a polite "text only" answer), or nothing for the bot (other events: `ack` answers them). Official Accounts and
 * WeCom share the format (doc/offiaccount/Message_Management/Receiving_standard_messages; WeCom path/96467).
 */
export function toParsed(push: PushFields, from: ConversationRef, ack: HttpReply): Parsed {
  const receivedAt = Number(push.CreateTime) * 1000;
  // Events carry no MsgId; WeChat says to recognise their retries by FromUserName + CreateTime.
  const id = push.MsgId ?? `event:${push.FromUserName}:${push.CreateTime}`;
  const message = (text: string, event?: InboundMessage['event']): Parsed => ({
    kind: 'message',
    message: { id, from, text, receivedAt, ...(event && { event }) },
  });
  switch (push.MsgType) {
    case 'text':
      return push.Content?.trim() ? message(push.Content) : { kind: 'ignore', reply: ack };
    case 'voice':
      // Recognition may be empty, and WeChat plans to retire it (developers.weixin.qq.com community, 2023-06).
      return push.Recognition?.trim() ? message(push.Recognition) : message(MARKERS.voice!, 'unsupported');
    case 'event':
      // A follow says nothing about the user's language: the welcome is in Chinese, as most WeChat users write;
      // their first message in English switches the conversation to English.
      return push.Event === 'subscribe' ? message('[关注]', 'welcome') : { kind: 'ignore', reply: ack };
    default:
      return message(MARKERS[push.MsgType] ?? MARKERS.other!, 'unsupported');
  }
}
