import type { ChannelStore } from '../types.js';
import type { OutboxMessage, OutboxPage } from './protocol.js';

// Replies wait this long for the bridge; a bridge offline longer skips what expired.
const KEEP_SECONDS = 7 * 86_400;
const HEAD_SECONDS = 10 * 365 * 86_400;
const SLOT = (seq: number) => `wechaty#outbox#${seq}`;
const HEAD = 'wechaty#outbox#head';

/**
 * The replies for the Wechaty bridge, numbered 0, 1, 2, … in the channel store. Appending claims the lowest free
 * number at or after the head with a conditional write, so concurrent deliveries never share or skip one; the
 * bridge reads from its own cursor, which is what lets it resume after a restart without losing or repeating.
 */
export function createOutbox(store: ChannelStore) {
  const head = async () => Number((await store.get(HEAD)) ?? 0);
  return {
    async append(message: Omit<OutboxMessage, 'seq'>): Promise<number> {
      const start = await head();
      for (let seq = start; seq < start + 1000; seq++) {
        if (!(await store.putIfAbsent(SLOT(seq), JSON.stringify(message), KEEP_SECONDS))) continue;
        // Only a hint for the next append (two appenders may write it out of order); readers do not rely on it.
        await store.put(HEAD, String(seq + 1), HEAD_SECONDS);
        return seq;
      }
      throw new Error('the Wechaty outbox head is far behind its messages');
    },

    /** Up to `limit` messages from `after` on. */
    async read(after: number, limit: number): Promise<OutboxPage> {
      const end = await head();
      const messages: OutboxMessage[] = [];
      let next = after;
      while (messages.length < limit) {
        const stored = await store.get(SLOT(next));
        // A gap below the head is a message that expired while the bridge was away: skipped.
        if (stored === undefined && next >= end) break;
        if (stored !== undefined) messages.push({ seq: next, ...JSON.parse(stored) });
        next++;
      }
      return { messages, next };
    },
  };
}
