import * as z from 'zod';
import { Lang } from './faq/entry.js';

export const TicketStatus = z.enum(['queued', 'claimed', 'resolved', 'returned', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A request for a person: a live transfer, or a message left out of hours. */
export const Ticket = z.object({
  id: z.string().min(1),
  kind: z.enum(['transfer', 'message']),
  status: TicketStatus,
  conversationKey: z.string().min(1),
  ref: z.object({
    channel: z.string(),
    conversationId: z.string(),
    userId: z.string(),
    address: z.record(z.string(), z.string()).optional(),
  }),
  lang: Lang,
  /** The question that led to the ticket (the user's last unanswered message). */
  question: z.string(),
  message: z.string().optional(),
  /** What the customer wrote after leaving the message, while it waited for an agent. */
  followUps: z.array(z.object({ at: z.number(), text: z.string() })).optional(),
  contact: z.string().optional(),
  createdAt: z.number(),
  agentId: z.string().optional(),
  agentName: z.string().optional(),
  claimedAt: z.number().optional(),
  firstResponseAt: z.number().optional(),
  closedAt: z.number().optional(),
  offeredAt: z.number().optional(),
  /** The place in the queue the customer was last told (transfers only). */
  toldPosition: z.number().int().optional(),
  csat: z.number().int().min(1).max(5).optional(),
  /** The last message the platform refused to deliver (e.g. past WeChat's 48-hour window): the user was not reached. */
  unreachable: z.object({ at: z.number(), reason: z.string(), text: z.string() }).optional(),
  /** A reply to the customer is failing and being retried (functions/core/ticket-delivery.ts); gone once delivered. */
  delivery: z.object({ pendingSince: z.number(), attempts: z.number(), lastError: z.string() }).optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** Thrown when a transition's precondition fails (already claimed, not the owner, already closed). */
export class TicketConflictError extends Error {
  override name = 'TicketConflictError';
}
