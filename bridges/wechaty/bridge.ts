import type { Message, Wechaty } from 'wechaty';
import type { BridgeMessage, OutboxMessage } from '../../channels/wechaty/protocol.js';
import { frontdeskClient, RefusedError } from './frontdesk-client.js';
import { openJournal } from './journal.js';

/** How the bridge is set up. */
export interface BridgeOptions {
  /** A Wechaty instance with its puppet; the caller starts and stops it. */
  wechaty: Wechaty;
  /** frontdesk's base URL, e.g. https://support.example.com. */
  frontdeskUrl: string;
  /** The WECHATY_BRIDGE_SECRET frontdesk was given. */
  secret: string;
  /** Where the bridge keeps what it must not forget across restarts. */
  journalFile: string;
  /** How often to ask frontdesk for replies to say; new WeChat messages are forwarded at once. */
  pollMs?: number;
  log?: (line: string) => void;
}

/**
 * Connects a WeChat account (through Wechaty) to frontdesk: every message is journaled, then forwarded until
 * frontdesk accepts it; frontdesk's answers and agents' replies are fetched from its outbox and said in order.
 * One loop does both, so work never overlaps; a restart resumes from the journal.
 */
export function startBridge(options: BridgeOptions): { stop(): Promise<void> } {
  const { wechaty, pollMs = 2000, log = (line: string) => console.log(line) } = options;
  const journal = openJournal(options.journalFile);
  const frontdesk = frontdeskClient({ url: options.frontdeskUrl, secret: options.secret });
  let running = true;
  let again = false;
  let wake = () => {};
  const wakeUp = () => {
    again = true;
    wake();
  };

  const onMessage = (message: Message) => {
    receive(message).catch((error) => log(`wechaty bridge: could not read message ${message.id}: ${error}`));
  };
  wechaty.on('message', onMessage);

  async function receive(message: Message) {
    // Its own messages come back as events; in groups it answers only when mentioned (PROTOCOLS §5).
    if (message.self()) return;
    const room = message.room();
    if (room && !(await message.mentionSelf())) return;
    const payload: BridgeMessage = {
      id: message.id,
      talkerId: message.talker().id,
      ...(room && { roomId: room.id }),
      text: room ? await message.mentionText() : message.text(),
      type: message.type(),
      timestamp: message.date().getTime(),
    };
    if (journal.receive(payload)) wakeUp();
  }

  async function forwardPending() {
    for (const message of journal.pending()) {
      try {
        await frontdesk.forward(message);
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        log(`wechaty bridge: frontdesk refused message ${message.id} for good: ${error.message}`);
      }
      journal.forwarded(message.id);
    }
  }

  async function sayReplies() {
    if (!wechaty.isLoggedIn) return;
    const page = await frontdesk.outbox(journal.cursor());
    for (const reply of page.messages) {
      await say(reply);
      journal.said(reply.seq + 1);
    }
    // Past numbers that expired while the bridge was away.
    if (page.next > journal.cursor()) journal.said(page.next);
  }

  async function say(reply: OutboxMessage) {
    const contact = await wechaty.Contact.find({ id: reply.userId });
    const room = reply.roomId ? await wechaty.Room.find({ id: reply.roomId }) : undefined;
    // In a room the reply mentions the member it answers.
    if (room) await (contact ? room.say(reply.text, contact) : room.say(reply.text));
    else if (contact && !reply.roomId) await contact.say(reply.text);
    // Puppets that re-number contacts after a new login cannot find old ones: skipped rather than stuck forever.
    else log(`wechaty bridge: cannot find ${reply.roomId ?? reply.userId}; reply ${reply.seq} skipped`);
  }

  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (running) {
      again = false;
      try {
        await forwardPending();
        await sayReplies();
      } catch (error) {
        log(`wechaty bridge: ${error instanceof Error ? error.message : String(error)}; retrying`);
      }
      // A message that came in during this round is forwarded at once, not after a nap.
      if (running && !again) await nap();
    }
  })();

  return {
    async stop() {
      running = false;
      wechaty.off('message', onMessage);
      wakeUp();
      await loop;
    },
  };
}
