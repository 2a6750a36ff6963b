import type * as z from 'zod';
import type { Dedupe } from '../core/dedupe.js';
import type { Ticket } from '../core/ticket.js';
import type { TicketStore } from '../core/tickets.js';
import { sqsWorker } from './batch.js';
import type { OnFailure } from './retry.js';
import { TicketEventSchema } from './schemas.js';

/** Something that tells agents about a new ticket (the Slack desk, a DingTalk group). */
export interface TicketNotifier {
  readonly name: string;
  ticketCreated(ticket: Ticket): Promise<void>;
  /** Called once per transfer nobody claimed in time, by the agent desk's scheduled sweep (`now` is its time). */
  ticketOverdue?(ticket: Ticket, now: Date): Promise<void>;
}

/**
 * Stores tickets from the queue and tells the agents. Storing is idempotent, and each notifier is claimed per
 * ticket, so a redelivery after a failed notification retries only what failed.
 */
export function createTicketsWorker(deps: {
  tickets: TicketStore;
  notifiers: TicketNotifier[];
  dedupe: Dedupe;
  clock: () => Date;
  onFailure?: OnFailure;
}) {
  const options = {
    orderKey: ({ ticket }: z.infer<typeof TicketEventSchema>) => ticket.conversationKey,
    onFailure: deps.onFailure,
  };
  return sqsWorker(
    TicketEventSchema,
    async ({ ticket }) => {
      // A copy of a stored left message, sent again with a follow-up or withdrawn, brings what the stored one lacks.
      if (!(await deps.tickets.create(ticket)) && ticket.kind === 'message')
        await deps.tickets.mergeCopy(ticket, deps.clock());
      // Withdrawn before it was stored: nobody to tell.
      if (ticket.status !== 'queued') return;
      for (const notifier of deps.notifiers) {
        // A claim held by an attempt that may have died fails this one, so the queue tries the notice again.
        const notify = () => notifier.ticketCreated(ticket);
        await deps.dedupe.once(`notify#${notifier.name}#${ticket.id}`, deps.clock(), notify, {
          busy: 'throw',
        });
      }
    },
    options,
  );
}
