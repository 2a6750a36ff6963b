import * as z from 'zod';
import { type Parsed, PayloadError } from '../types.js';

/**
 * A robot callback body, HTTP or Stream mode: the field table of https://open.dingtalk.com/document/isvapp/receive-message
 * (the Stream SDK's RobotTextMessage has the same fields). `senderId` is encrypted; `senderStaffId` is the userid
 * the OpenAPI takes, and is absent for people outside the organisation.
 */
const RobotMessage = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  createAt: z.number(),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  senderId: z.string().min(1),
  senderStaffId: z.string().min(1).optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  robotCode: z.string().min(1).optional(),
});

/** What a DingTalk conversation keeps for replies (ConversationRef.address, strings only). */
export const DingTalkAddress = z.object({
  /** "1" one-to-one, "2" group. */
  conversationType: z.enum(['1', '2']),
  /** The callback's conversationId, which the group-send API takes as openConversationId. */
  openConversationId: z.string().min(1),
  staffId: z.string().min(1).optional(),
  robotCode: z.string().min(1).optional(),
  sessionWebhook: z.string().optional(),
  /** Milliseconds; the doc's example gives the webhook about 90 minutes. */
  sessionWebhookExpiresAt: z.coerce.number().optional(),
});
export type DingTalkAddress = z.infer<typeof DingTalkAddress>;

/**
 * Turns a verified callback into a message. Only text is read (the doc: "目前只支持text"). In groups the robot
 * hears only @-mentions; DingTalk drops the mention but leaves its space, and some clients leave "@name" itself.
 * `sessionWebhook` checks where replies may be posted: the sign covers only the timestamp, so a body is not
 * proof that the URL in it came from DingTalk. A body that is not JSON or fails the schema is a PayloadError (400).
 */
export function parseRobotCallback(body: string, sessionWebhook: z.ZodType<string>): Parsed {
  const parsed = RobotMessage.extend({ sessionWebhook: sessionWebhook.optional() }).safeParse(readJson(body));
  if (!parsed.success) throw new PayloadError(`not a DingTalk robot callback: ${describe(parsed.error)}`);
  const msg = parsed.data;
  if (msg.msgtype !== 'text' || !msg.text) return { kind: 'ignore' };
  const group = msg.conversationType === '2';
  const text = (group ? msg.text.content.replace(/^(\s*@\S+)+/u, '') : msg.text.content).trim();
  if (!text) return { kind: 'ignore' };
  const userId = msg.senderStaffId ?? msg.senderId;
  const address: DingTalkAddress = {
    conversationType: msg.conversationType,
    openConversationId: msg.conversationId,
    ...(msg.senderStaffId && { staffId: msg.senderStaffId }),
    ...(msg.robotCode && { robotCode: msg.robotCode }),
    ...(msg.sessionWebhook &&
      msg.sessionWebhookExpiredTime && {
        sessionWebhook: msg.sessionWebhook,
        sessionWebhookExpiresAt: msg.sessionWebhookExpiredTime,
      }),
  };
  return {
    kind: 'message',
    message: {
      id: msg.msgId,
      // Everyone in a group has a conversation of their own, so one person's pending choice is not another's.
      from: {
        channel: 'dingtalk',
        conversationId: group ? `${msg.conversationId}:${userId}` : msg.conversationId,
        userId,
        address: Object.fromEntries(Object.entries(address).map(([k, v]) => [k, String(v)])),
      },
      text,
      receivedAt: msg.createAt,
    },
  };
}

function readJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PayloadError('not a DingTalk robot callback: the body is not JSON');
  }
}

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; ');
