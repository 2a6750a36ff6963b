import type { InboundMessage, OutboundMessage } from '../../../channels/types.js';
import type { ConversationState, ConversationStore } from '../conversations.js';
import type { LiveFaq } from '../faq/live-faq.js';
import type { HoursConfig } from '../hours/hours-config.js';
import type { Insights } from '../insights.js';
import type { Queue } from '../queue.js';
import type { EventBody } from '../reports/report-events.js';
import type { Ticket } from '../ticket.js';
import type { TicketStore } from '../tickets.js';
import type { SmallTalk } from './small-talk.js';

/** What the tickets queue carries. */
export type TicketEvent = { type: 'created'; ticket: Ticket };

/** Everything the bot needs; functions/api and the workers build it once per process. */
export interface BotDeps {
  settings: { offerHumanAfter: number };
  conversations: ConversationStore;
  tickets: TicketStore;
  faq: LiveFaq;
  smallTalk: SmallTalk;
  hours: { current(): Promise<HoursConfig> };
  ticketQueue: Queue<TicketEvent>;
  insights: Insights;
  /** False for channels whose users are anonymous (web chat): the bot then asks for a contact. */
  identifiesUser(channel: string): boolean;
}

/** One message being handled. */
export interface TurnContext {
  deps: BotDeps;
  msg: InboundMessage;
  now: Date;
}

/** The outcome of one message: the state to save and what to answer. */
export interface Turn {
  state: ConversationState;
  replies: OutboundMessage[];
  /** What the reports count of this turn; written with the transcript. */
  events?: EventBody[];
}
