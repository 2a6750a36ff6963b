import { createHmac } from 'node:crypto';
import type { OutboundMessage, WebhookChannel } from '../../channels/types.js';

const SECRET = 'test-secret';

/** Signs a body the way the test channel checks it. */
export const signTest = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

/**
 * A minimal platform for webhook-route tests: JSON `{id, user, text}` bodies signed with HMAC in `x-signature`,
 * `{"challenge"}` bodies answered as a handshake, `{"edit": true}` ignored.
 */
export function signedTestChannel(name: string, mode: 'inline' | 'queue') {
  const sent: OutboundMessage[] = [];
  const channel: WebhookChannel & { sent: OutboundMessage[] } = {
    name,
    mode,
    sent,
    verify: (req) => req.headers['x-signature'] === signTest(req.body),
    parse(req) {
      const body = JSON.parse(req.body);
      if (body.challenge) return { kind: 'handshake', reply: { status: 200, body: body.challenge } };
      if (body.edit) return { kind: 'ignore', reply: { status: 200, body: 'ok' } };
      const from = { channel: name, conversationId: body.user, userId: body.user };
      return { kind: 'message', message: { id: body.id, from, text: body.text, receivedAt: 0 } };
    },
    respond: (_msg, replies) => ({ status: 200, body: JSON.stringify(replies.map((r) => r.text)) }),
    async send(_to, message) {
      sent.push(message);
    },
  };
  return channel;
}
