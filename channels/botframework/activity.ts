import * as z from 'zod';
import type { ConversationRef, InboundMessage } from '../types.js';
import type { Turn } from './types.js';

// Field names follow the Bot Framework Activity schema
// (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md).
const Account = z.object({
  id: z.string().min(1),
  name: z.string().default(''),
  aadObjectId: z.string().optional(),
});

const Conversation = z.object({
  id: z.string().min(1),
  conversationType: z.string().default(''),
  isGroup: z.boolean().default(false),
  name: z.string().default(''),
  tenantId: z.string().optional(),
});

/** The fields of an incoming Activity that frontdesk reads; the rest passes through to botbuilder untouched. */
export const IncomingActivity = z.object({
  type: z.string(),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  from: Account,
  recipient: Account,
  conversation: Conversation,
  locale: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  entities: z
    .array(z.object({ type: z.string(), text: z.string().optional(), mentioned: Account.optional() }))
    .optional(),
  membersAdded: z.array(Account).optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/**
 * What a later, proactive send needs (botbuilder's ConversationReference): kept in ConversationRef.address so
 * an agent's reply reaches the same chat or channel thread through the same Bot Connector (serviceUrl).
 */
export const Reference = z.object({
  channelId: z.string(),
  serviceUrl: z.url(),
  conversation: Conversation,
  bot: Account,
  user: Account,
  locale: z.string().optional(),
});
export type Reference = z.infer<typeof Reference>;

// A button click (messageBack, rendered by reply.ts) comes back as a message whose `value` is this object
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-actions#action-type-messageback).
const ButtonValue = z.object({ choice: z.string().min(1) });

/** The turn an Activity asks for, or undefined for the many kinds frontdesk ignores (typing, reactions, …). */
export function toTurn(activity: IncomingActivity, now: Date): Turn | undefined {
  const message = toMessage(activity, now);
  const lang = langOf(activity.locale);
  return message && { message, ...(lang && { lang }) };
}

function toMessage(activity: IncomingActivity, now: Date): InboundMessage | undefined {
  const from = conversationRef(activity);
  // Activity ids are unique within a conversation only (Teams uses timestamps in channels).
  const id = `${from.conversationId}|${activity.id ?? ''}`;
  const receivedAt = now.getTime();
  // Teams, Web Chat and the Emulator all list the bot itself in membersAdded when it joins a conversation
  // (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events).
  // Event texts hold no letters, so the welcome's language comes from the locale, not from the text.
  if (
    activity.type === 'conversationUpdate' &&
    activity.membersAdded?.some((m) => m.id === activity.recipient.id)
  )
    return { id, from, text: '👋', event: 'welcome', receivedAt };
  if (activity.type !== 'message' || !activity.id) return undefined;
  const choice = ButtonValue.safeParse(activity.value).data?.choice;
  const text = withoutBotMention(activity);
  // A bare @-mention in a channel is someone calling the bot over: they get the welcome, with its choices.
  if (!text && !choice && activity.text?.trim())
    return { id, from, text: '👋', event: 'welcome', receivedAt };
  if (!text && !choice) return { id, from, text: '📎', event: 'unsupported', receivedAt };
  return { id, from, text, ...(choice && { choice }), receivedAt };
}

/** Where replies go: the chat, or the channel thread (Teams puts `;messageid=` in the conversation id). */
function conversationRef(activity: IncomingActivity): ConversationRef {
  const reference: Reference = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: activity.conversation,
    bot: activity.recipient,
    user: activity.from,
    ...(activity.locale && { locale: activity.locale }),
  };
  return {
    channel: 'botframework',
    // One store spans msteams, webchat and emulator conversations; their ids are only unique per channel.
    conversationId: `${activity.channelId}:${activity.conversation.id}`,
    // Teams users are Entra ID accounts: the object id is stable across chats, so a left message can be answered.
    userId: activity.from.aadObjectId ?? activity.from.id,
    address: { reference: JSON.stringify(reference) },
  };
}

/**
 * The text without the @-mention of the bot: in Teams channels and group chats the bot only receives messages
 * that mention it, and the mention's `<at>Name</at>` markup is in the text as the entity's `text` says
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations).
 */
function withoutBotMention(activity: IncomingActivity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.text && entity.mentioned?.id === activity.recipient.id)
      text = text.replaceAll(entity.text, ' ');
  }
  return text.replace(/[ \t]+/g, ' ').trim();
}

function langOf(locale: string | undefined): 'zh' | 'en' | undefined {
  const language = locale?.slice(0, 2).toLowerCase();
  return language === 'zh' || language === 'en' ? language : undefined;
}
