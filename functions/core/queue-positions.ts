import type { OutboundMessage } from '../../channels/types.js';
import { say } from './bot/texts.js';
import { type Ticket, TicketConflictError } from './ticket.js';
import type { TicketStore } from './tickets.js';

/**
 * Tells every customer waiting for a person whose place in the queue changed (someone ahead was claimed or
 * left, or a transfer asked for at the same moment was stored after their reply) their true place now. The
 * place told is recorded on the ticket, so each change is told once.
 */
export async function announcePositions(deps: {
  tickets: TicketStore;
  tell(ticket: Ticket, message: OutboundMessage): Promise<void>;
}): Promise<number> {
  const queued = await deps.tickets.queuedTransfers();
  let told = 0;
  for (const [i, ticket] of queued.entries()) {
    const position = i + 1;
    if (ticket.toldPosition === position) continue;
    try {
      await deps.tickets.tellPosition(ticket.id, ticket.toldPosition, position);
    } catch (error) {
      // Claimed, cancelled, or told by a sweep that ran meanwhile: that one's view is as fresh as ours.
      if (error instanceof TicketConflictError) continue;
      throw error;
    }
    await deps.tell(ticket, { text: say('positionChanged', ticket.lang, { position }) });
    told++;
  }
  return told;
}
