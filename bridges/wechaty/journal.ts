import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BridgeMessage } from '../../channels/wechaty/protocol.js';

// Ids of messages already handed to frontdesk, kept so that a puppet replaying its history after a restart is not
// forwarded twice (frontdesk dedupes too, for two days).
const REMEMBERED = 2000;

const State = z.object({
  /** The next outbox number to say. */
  cursor: z.number().int().nonnegative(),
  /** Messages received from WeChat and not yet accepted by frontdesk, oldest first. */
  inbox: z.array(BridgeMessage),
  forwarded: z.array(z.string()),
});

/**
 * What the bridge must not forget across restarts, in one JSON file replaced atomically (written and flushed
 * beside it, then renamed) after every change: a message is journaled before it is forwarded, and the cursor
 * moves only after a reply has been said.
 */
export function openJournal(file: string) {
  const state: z.infer<typeof State> = existsSync(file)
    ? State.parse(JSON.parse(readFileSync(file, 'utf8')))
    : { cursor: 0, inbox: [], forwarded: [] };
  mkdirSync(dirname(file), { recursive: true });
  const save = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(state), { flush: true, mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    cursor: () => state.cursor,
    pending: (): readonly BridgeMessage[] => state.inbox,

    /** Journals a message from WeChat; false when it is already known. */
    receive(message: BridgeMessage): boolean {
      const known = state.forwarded.includes(message.id) || state.inbox.some((m) => m.id === message.id);
      if (known) return false;
      state.inbox.push(message);
      save();
      return true;
    },

    /** Frontdesk has the message (or refused it for good): it leaves the inbox. */
    forwarded(id: string): void {
      state.inbox = state.inbox.filter((m) => m.id !== id);
      state.forwarded = [...state.forwarded, id].slice(-REMEMBERED);
      save();
    },

    /** Everything before `next` has been said. */
    said(next: number): void {
      state.cursor = next;
      save();
    },
  };
}

/** The bridge's journal, as openJournal builds it. */
export type Journal = ReturnType<typeof openJournal>;
