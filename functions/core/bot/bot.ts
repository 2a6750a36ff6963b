import type { InboundMessage, OutboundMessage } from '../../../channels/types.js';
import { ConversationConflictError, type ConversationState } from '../conversations.js';
import type { Lang } from '../faq/entry.js';
import { stampEvents } from '../reports/report-events.js';
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

/** Creates the bot over its dependencies. Callers dedupe platform retries before calling `handle`. */
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
        const state: ConversationState = {
          ...loaded,
          ref: msg.from,
          // An event (a follow, an image) has no words of the user's to tell the language from.
          lang: msg.event ? loaded.lang : detectLang(msg.text, loaded.lang),
        };
        const turn = await decide({ deps, msg, now }, state);
        // The transcript and report events are written while the state save is in flight (one round trip
        // less per message); a turn whose save fails did not happen, so its lines and events are taken back.
        const [saved, appended] = await Promise.allSettled([
          deps.conversations.save(turn.state, now),
          deps.conversations.appendRetractable(
            state.key,
            [
              { role: 'user', text: msg.text, at: msg.receivedAt },
              ...turn.replies.map((reply) => ({
                role: 'bot' as const,
                text: reply.text,
                choices: reply.choices,
                buttons: reply.buttons,
                at: now.getTime(),
              })),
            ],
            now,
            stampEvents(
              // A follow (`welcome`) is not a message of the user's.
              [...(msg.event === 'welcome' ? [] : [{ type: 'message' as const }]), ...(turn.events ?? [])],
              { key: state.key, channel: msg.from.channel, lang: turn.state.lang },
              now,
            ),
          ),
        ]);
        if (saved.status === 'rejected') {
          if (appended.status === 'fulfilled') await appended.value.retract();
          // Another message of the same conversation was handled meanwhile: decide again on fresh state.
          if (saved.reason instanceof ConversationConflictError && attempt < ATTEMPTS) continue;
          throw saved.reason;
        }
        if (appended.status === 'rejected') throw appended.reason;
        const written = appended.value.written;
        return { replies: turn.replies, cursor: written.at(-1)?.cursor };
      }
    },
  };
}
