import * as z from 'zod';
import { FaqEntry, Lang } from '../core/faq/entry.js';
import { Ticket } from '../core/ticket.js';
import { DeadLetterSchemas } from './admin-dead-letter-routes.js';

const Choice = z.object({ id: z.string(), label: z.string() });
const Reply = z.object({ text: z.string(), choices: z.array(Choice).optional() });

/** Request and response bodies of the HTTP API; /openapi.json is generated from these. */
export const Schemas = {
  NewConversation: z.object({ lang: Lang.optional() }),
  Conversation: z.object({ conversationId: z.string(), token: z.string(), liveUrl: z.string().optional() }),
  /** `text` length is checked against FRONTDESK_MAX_MESSAGE_CHARS separately, to answer with code too_long. */
  PostMessage: z.object({
    text: z.string(),
    choice: z.string().max(200).optional(),
    clientMessageId: z.string().max(100).optional(),
  }),
  Replies: z.object({ replies: z.array(Reply), cursor: z.string().optional() }),
  TranscriptEntry: z.object({
    cursor: z.string(),
    role: z.enum(['user', 'bot', 'agent']),
    text: z.string(),
    choices: z.array(Choice).optional(),
    agentName: z.string().optional(),
    at: z.number(),
  }),
  Agent: z.object({ id: z.string(), name: z.string() }),
  Ticket,
  AgentReply: z.object({ text: z.string().trim().min(1).max(4000) }),
  SaveFaq: z.object({
    question: z.string().trim().min(1).max(500),
    answer: z.string().trim().min(1).max(4000),
    lang: Lang.optional(),
    ticketId: z.string().max(100).optional(),
  }),
  FaqEntry,
  ...DeadLetterSchemas,
  Error: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
};
