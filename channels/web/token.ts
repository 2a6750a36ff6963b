import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Web-chat conversation tokens: `<conversationId>.<HMAC-SHA256(secret, conversationId)>`. They are checked
 * without a database read, and a token opens only the conversation it was issued for.
 */
const mac = (secret: string, conversationId: string) =>
  createHmac('sha256', secret).update(`web-conversation:${conversationId}`).digest('base64url');

/** A new conversation id and the token that opens it. */
export function issueConversation(secret: string): { conversationId: string; token: string } {
  const conversationId = randomUUID();
  return { conversationId, token: `${conversationId}.${mac(secret, conversationId)}` };
}

/** True when `token` was issued by this deployment for `conversationId`; constant-time. */
export function verifyConversationToken(secret: string, conversationId: string, token: string): boolean {
  const dot = token.lastIndexOf('.');
  if (dot < 0 || token.slice(0, dot) !== conversationId) return false;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, conversationId));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
