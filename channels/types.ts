/**
 * The channel seam. A channel turns a platform's raw HTTP request into a normalized message and delivers
 * frontdesk's replies back. Everything platform-specific stays behind this interface (DESIGN.md §2).
 */

/** An HTTP request as it arrived: header names lower-case, body as the exact raw string that was signed. */
export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: string;
}

/** What a channel may answer directly in the HTTP response. */
export interface HttpReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Where a conversation lives; `address` is opaque delivery data only the channel reads (a thread, a webhook). */
export interface ConversationRef {
  channel: string;
  conversationId: string;
  userId: string;
  address?: Record<string, string>;
}

/** One message from an end user, normalized at the edge. */
export interface InboundMessage {
  /** The platform's message id: retries of the same message carry the same id. */
  id: string;
  from: ConversationRef;
  text: string;
  /** Set when the user picked a choice by button rather than by typing. */
  choice?: string;
  receivedAt: number;
  /**
   * A platform event the bot answers with a fixed text instead of the FAQ: a new follower (`welcome`) or a message
   * the channel cannot read, such as an image (`unsupported`). `text` is then what the transcript shows.
   */
  event?: 'welcome' | 'unsupported';
}

/** A button-style option; channels without buttons render it as a numbered line. */
export interface Choice {
  id: string;
  label: string;
}

/** A reply: text, optionally with choices. */
export interface OutboundMessage {
  text: string;
  choices?: Choice[];
  /**
   * Extra buttons for channels that have buttons (the 👍/👎 after an FAQ answer); channels without buttons leave
   * them out, so they never lengthen a numbered list.
   */
  buttons?: Choice[];
}

/** The result of parsing a verified request. */
export type Parsed =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'handshake'; reply: HttpReply }
  /** Nothing for the bot (an edit, the bot's own message, a platform event); `reply` is the ack if not an empty 200. */
  | { kind: 'ignore'; reply?: HttpReply }
  /**
   * An agent working a ticket from the platform (a button, a reply in a ticket's thread): handled inline by the
   * channel's desk handler, not the bot. `action` is the channel's own type; `id`, when set, dedupes retries.
   */
  | { kind: 'desk'; id?: string; action: unknown }
  /** A verified request for stored data the channel answers itself (the Wechaty bridge fetching its outbox). */
  | { kind: 'pull'; answer(): Promise<HttpReply> };

/** Anything frontdesk can deliver to: what the delivery worker needs. */
export interface Channel {
  readonly name: string;
  /** True where users are anonymous (web chat), so the bot must ask for a contact to reply to a left message. */
  readonly anonymousUsers?: boolean;
  /**
   * Delivers a message later (agent replies, slow answers); throws on failure so the queue retries. `delivery`
   * names it; `delivery.since` is set when an earlier attempt may have delivered it already (it died or failed
   * after calling the platform, from that time on): a platform that can tell what it received is asked first.
   */
  send(to: ConversationRef, message: OutboundMessage, delivery?: DeliveryAttempt): Promise<void>;
}

/** Which delivery a send is, and since when an earlier attempt may have delivered it (epoch ms). */
export interface DeliveryAttempt {
  id: string;
  since?: number;
}

/** A messaging platform that calls frontdesk's webhook: verify, parse, answer in the HTTP response. */
export interface WebhookChannel extends Channel {
  /**
   * `inline`: the bot answers within the request and `respond` puts the replies in the HTTP answer (the platform
   * waits long enough). `queue`: the message goes to the inbound queue and `respond` only acks (Slack's 3 s).
   */
  readonly mode: 'inline' | 'queue';
  /**
   * Signature check on the raw request; `now` is injected so freshness windows are testable. Pure and synchronous
   * where the platform signs with a shared secret; async only where it must fetch keys (Bot Framework JWTs).
   */
  verify(req: RawRequest, now: Date): boolean | Promise<boolean>;
  /**
   * Where the signature does not cover the whole body: the verified request's signature and how long it stays
   * fresh. The route remembers it for that long and refuses it with another body (a replay, 401); the same body
   * again is the platform's retry and goes on to the dedupe.
   */
  replayKey?(req: RawRequest): { signature: string; ttlSeconds: number } | undefined;
  /** Reads a verified request; throws PayloadError for a malformed or hostile body (a 4xx, never a crash). */
  parse(req: RawRequest): Parsed;
  /** Called once per new message (retries excluded) before the bot: what a channel must remember about the user. */
  received?(message: InboundMessage): Promise<void>;
  /** The HTTP answer to a verified request once the bot has (or has not yet) produced replies. */
  respond(message: InboundMessage, replies: OutboundMessage[]): MessageReply;
  /**
   * Inline channels whose platform stops waiting (WeChat: 5 s, then a retry): past this many milliseconds the route
   * acks with `respond(msg, [])` and the replies go out through `send` once the bot has them.
   */
  readonly replyBudgetMs?: number;
}

/** The HTTP answer to a message; `later` holds replies that did not fit in it, delivered through `send`. */
export interface MessageReply extends HttpReply {
  later?: OutboundMessage[];
}

/** Thrown by `parse` for a body that is malformed, hostile or too large: a 4xx, never a crash. */
export class PayloadError extends Error {
  override name = 'PayloadError';
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/**
 * Thrown by `send` when the platform refuses to reach this user for now (WeChat's 48-hour customer-service
 * window): retrying cannot help, so the delivery worker records it on the ticket instead of retrying.
 */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/** Renders choices as a numbered list for channels without buttons; a numbered reply picks the choice. */
export function renderChoicesAsText(message: OutboundMessage, prompt: string): string {
  if (!message.choices?.length) return message.text;
  const lines = message.choices.map((choice, i) => `${i + 1}. ${choice.label}`);
  return [message.text, ...lines, prompt].join('\n');
}

/** Small shared state a channel may keep (access tokens, locks), backed by the deployment's table. */
export interface ChannelStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Writes only if the key is absent or expired; false when someone else holds it (a lock). */
  putIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** What a channel factory gets to build its channel from the environment. */
export interface ChannelContext {
  env: Record<string, string | undefined>;
  store: ChannelStore;
  /** Injected so tests can point outbound calls at a recording server. */
  fetch: typeof fetch;
  log: (message: string) => void;
}

/** Builds a channel when its environment variables are set; undefined (and a log line naming them) otherwise. */
export type ChannelFactory = (context: ChannelContext) => Channel | undefined;
