import type { InboundMessage, OutboundMessage } from '../../../channels/types.js';
import { type Answered, ConversationConflictError, type ConversationState } from '../conversations.js';
import type { Lang } from '../faq/entry.js';
import { stampEvents } from '../reports/report-events.js';
import type { HeldTurn } from '../held-turns.js';
import { cursorTag, turnCursor } from '../transcript-cursors.js';
import type { BotDeps } from './context.js';
import { decide } from './decide.js';
import { detectLang } from './language.js';

/** The bot: one call per user message, returning the replies to give now. */
export interface Bot {
  /** Handles one message; `cursor` is where the transcript stands after it (for clients that poll). */
  handle(
    msg: InboundMessage,
    now: Date,
    lang?: Lang,
    /** The stored state as the caller already read it (the web gate); `state` is undefined if never saved. */
    read?: { state?: ConversationState },
  ): Promise<{ replies: OutboundMessage[]; cursor?: string }>;
}

const ATTEMPTS = 3;
/** How many recent messages' replies a conversation keeps, for messages handled again (a takeover after a crash). */
const ANSWERED_KEPT = 5;

/**
 * Creates the bot over its dependencies. Callers dedupe platform retries before calling `handle`; a message handled
 * again all the same (its first attempt died after saving the state) gets the replies recorded with that state,
 * whose save also held the turn's transcript lines and events: it is answered and counted once whatever point the
 * crash hit.
 */
export function createBot(deps: BotDeps): Bot {
  return {
    async handle(msg, now, lang, read) {
      const initial = lang ?? detectLang(msg.text, 'en');
      for (let attempt = 1; ; attempt++) {
        // After a conflict the state is read again; the caller's read serves the first attempt only.
        const loaded =
          attempt === 1 && read
            ? (read.state ?? deps.conversations.fresh(msg.from, initial))
            : await deps.conversations.load(msg.from, initial);
        const recorded = loaded.answered?.find((a) => a.id === msg.id);
        if (recorded) return { replies: recorded.replies, cursor: lastCursor(recorded) };
        const state: ConversationState = {
          ...loaded,
          ref: msg.from,
          // An event (a follow, an image) has no words of the user's to tell the language from.
          lang: msg.event ? loaded.lang : detectLang(msg.text, loaded.lang),
        };
        const turn = await decide({ deps, msg, now }, state);
        const answered: Answered = { id: msg.id, replies: turn.replies, at: now.getTime(), tag: cursorTag() };
        const kept = [...(turn.state.answered ?? []), answered].slice(-ANSWERED_KEPT);
        // The turn is saved with the state (held-turns.ts).
        const add: HeldTurn = {
          id: turnCursor(answered.at, answered.tag),
          lines: lines(msg, answered),
          events: stampEvents(
            // A follow (`welcome`) is not a message of the user's.
            [...(msg.event === 'welcome' ? [] : [{ type: 'message' as const }]), ...(turn.events ?? [])],
            { key: state.key, channel: msg.from.channel, lang: turn.state.lang },
            now,
          ),
        };
        try {
          await deps.conversations.saveTurn({ ...turn.state, answered: kept }, now, add);
        } catch (error) {
          // Another message of the same conversation was handled meanwhile: decide again on fresh state.
          if (error instanceof ConversationConflictError && attempt < ATTEMPTS) continue;
          throw error;
        }
        return { replies: turn.replies, cursor: lastCursor(answered) };
      }
    },
  };
}

/** The cursor of a turn's last line: the user's message is line 0, the replies follow. */
const lastCursor = (answered: Answered) =>
  `${turnCursor(answered.at, answered.tag)}.${answered.replies.length}`;

/** A turn's transcript lines: the user's message and the bot's replies. */
function lines(msg: InboundMessage, answered: Answered) {
  return [
    { role: 'user' as const, text: msg.text, at: msg.receivedAt },
    ...answered.replies.map((reply) => ({
      role: 'bot' as const,
      text: reply.text,
      choices: reply.choices,
      buttons: reply.buttons,
      at: answered.at,
    })),
  ];
}
