import * as z from 'zod';
import { Ticket } from '../core/ticket.js';

/** Where a conversation lives, as queue messages carry it. */
export const ConversationRefSchema = z.object({
  channel: z.string().min(1),
  conversationId: z.string().min(1),
  userId: z.string(),
  address: z.record(z.string(), z.string()).optional(),
});

const ChoiceSchema = z.object({ id: z.string(), label: z.string() });

/** An end user's message waiting for the bot (channels that must ack before answering). */
export const InboundSchema = z.object({
  id: z.string().min(1),
  from: ConversationRefSchema,
  text: z.string(),
  choice: z.string().optional(),
  receivedAt: z.number(),
  event: z.enum(['welcome', 'unsupported']).optional(),
});

/** A ticket on its way to being stored and announced to agents. */
export const TicketEventSchema = z.object({ type: z.literal('created'), ticket: Ticket });

/** One message for one user. */
export const DeliverySchema = z.object({
  to: ConversationRefSchema,
  message: z.object({ text: z.string(), choices: z.array(ChoiceSchema).optional() }),
  ticketId: z.string().optional(),
  id: z.string().min(1).optional(),
});
