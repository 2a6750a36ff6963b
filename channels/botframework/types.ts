import type { Channel, ConversationRef, InboundMessage, OutboundMessage, RawRequest } from '../types.js';

/** What one authenticated Activity brings: a message (or a welcome event), and the language its locale names. */
export interface Turn {
  message: InboundMessage;
  lang?: 'zh' | 'en';
}

/**
 * How a request ended: handled (HTTP 200), not an Activity, or not from the Bot Framework. `unsent` holds the
 * replies the Bot Connector did not take during the request, for the outbound queue to deliver with retries.
 */
export type Processed =
  | { outcome: 'done'; unsent: { to: ConversationRef; message: OutboundMessage }[] }
  | { outcome: 'invalid' }
  | { outcome: 'unauthorized' };

/**
 * Microsoft Teams, Azure Web Chat and the Emulator through the Bot Framework. Unlike a WebhookChannel it runs
 * the whole request: botbuilder authenticates the Activity, and the replies `answer` returns are sent to the
 * conversation as Activities of their own during the request (the HTTP answer carries none).
 */
export interface BotFrameworkChannel extends Channel {
  readonly name: 'botframework';
  process(req: RawRequest, now: Date, answer: (turn: Turn) => Promise<OutboundMessage[]>): Promise<Processed>;
}

/** True for the Bot Framework channel, whichever way it was built. */
export const isBotFrameworkChannel = (channel: Channel | undefined): channel is BotFrameworkChannel =>
  channel?.name === 'botframework' && 'process' in channel;
