import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { issueConversation, verifyConversationToken } from '../../channels/web/token.js';
import type { ConversationRef } from '../../channels/types.js';
import type { Bot } from '../core/bot/bot.js';
import { conversationKey, type ConversationStore } from '../core/conversations.js';
import type { ConversationGate } from '../core/conversation-gate.js';
import type { RateLimiter } from '../core/rate-limit.js';
import { HttpError } from './errors.js';
import { Schemas } from './schemas.js';
import { clientAddress, requireJson } from './web-guards.js';

/** What the web chat routes need. */
export interface WebRouteDeps {
  settings: { webSecret: string; maxMessageChars: number; liveUrl?: string };
  clock: () => Date;
  bot: Bot;
  conversations: ConversationStore;
  /** Rate limit, retry dedupe and state read of a message, in one request (FRONTDESK_MESSAGES_PER_MINUTE). */
  messageGate: ConversationGate;
  /** New conversations per client address and minute (FRONTDESK_CONVERSATIONS_PER_MINUTE). */
  conversationRateLimit: RateLimiter;
}

const ref = (conversationId: string): ConversationRef => ({
  channel: 'web',
  conversationId,
  userId: conversationId,
});

/** The web chat API: open a conversation, send a message and get the replies, read the transcript. */
export function webRoutes(deps: WebRouteDeps) {
  const app = new Hono();

  const authorize = (id: string, header: string | undefined) => {
    const token = header?.replace(/^Bearer\s+/i, '') ?? '';
    if (!verifyConversationToken(deps.settings.webSecret, id, token)) {
      throw new HttpError(401, 'unauthorized', 'this token does not open this conversation; start a new one');
    }
  };

  app.use('*', requireJson);

  app.post('/conversations', async (c) => {
    // The body is optional; when there is one it must be valid.
    const text = await c.req.text();
    const body = Schemas.NewConversation.parse(text.trim() ? JSON.parse(text) : {});
    const address = clientAddress(c);
    if (address && !(await deps.conversationRateLimit.allow(`web-open#${address}`, deps.clock())))
      throw new HttpError(429, 'rate_limited', 'too many new conversations from this address; wait a minute');
    const issued = issueConversation(deps.settings.webSecret);
    // The id was just issued, so there is nothing stored to read.
    await deps.conversations.save(
      deps.conversations.fresh(ref(issued.conversationId), body.lang ?? 'en'),
      deps.clock(),
    );
    // Where API Gateway serves the live socket apart from the HTTP API, the widget is told where.
    if (!deps.settings.liveUrl) return c.json(issued, 201);
    const live = new URL(deps.settings.liveUrl);
    live.searchParams.set('conversationId', issued.conversationId);
    live.searchParams.set('token', issued.token);
    return c.json({ ...issued, liveUrl: live.toString() }, 201);
  });

  app.post('/conversations/:id/messages', async (c) => {
    const id = c.req.param('id');
    authorize(id, c.req.header('authorization'));
    const body = Schemas.PostMessage.parse(await c.req.json());
    const text = body.text.trim();
    if (!text) throw new HttpError(400, 'empty', 'text is empty');
    if (text.length > deps.settings.maxMessageChars) {
      throw new HttpError(400, 'too_long', `text is longer than ${deps.settings.maxMessageChars} characters`);
    }
    const now = deps.clock();
    const messageId = body.clientMessageId ?? randomUUID();
    const msg = { id: messageId, from: ref(id), text, choice: body.choice, receivedAt: now.getTime() };
    // An answered message costs three DynamoDB requests: this gate (rate limit, dedupe, state read), the state's
    // conditional save and the transcript+events batch (bot.ts). A failed attempt releases its id so that the retry
    // is answered. A client retrying the same message (same clientMessageId) after getting no answer, the server
    // having died meanwhile, gets the replies recorded with the state (bot.ts), or, if that attempt died before
    // saving, the message answered now: never a second, different answer.
    const key = conversationKey(msg.from);
    const admission = await deps.messageGate.admit(key, messageId, now);
    if (admission.kind === 'repeat') return c.json(await deps.bot.handle(msg, now, undefined, admission));
    if (admission.kind === 'rate-limited')
      throw new HttpError(429, 'rate_limited', 'too many messages; wait a minute and try again');
    if (admission.kind === 'full')
      throw new HttpError(
        409,
        'conversation_full',
        'this conversation has too many messages; start a new one',
      );
    try {
      return c.json(await deps.bot.handle(msg, now, undefined, admission));
    } catch (error) {
      await deps.messageGate.release(key, messageId, now);
      throw error;
    }
  });

  app.get('/conversations/:id/messages', async (c) => {
    const id = c.req.param('id');
    authorize(id, c.req.header('authorization'));
    const after = c.req.query('after') || undefined;
    const messages = await deps.conversations.transcript(conversationKey(ref(id)), { after });
    return c.json({ messages });
  });

  return app;
}
