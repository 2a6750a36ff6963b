import type { Channel, ConversationRef, OutboundMessage } from '../../channels/types.js';

/** A channel that records what it is asked to send; it fails the first `failures` sends (Infinity: always). */
export function recordingChannel(name: string, failures = 0) {
  const sent: { to: ConversationRef; message: OutboundMessage }[] = [];
  let attempts = 0;
  const channel: Channel & { sent: typeof sent; attempts: () => number } = {
    name,
    sent,
    attempts: () => attempts,
    async send(to, message) {
      attempts++;
      if (attempts <= failures) throw new Error(`${name} is down (attempt ${attempts})`);
      sent.push({ to, message });
    },
  };
  return channel;
}
