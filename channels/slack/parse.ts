import type { ConversationRef, HttpReply, Parsed, RawRequest } from '../types.js';
import { ACTION, FAQ_VIEW, type SlackAgent, type SlackDeskAction } from './actions.js';
import { trustedResponseUrl } from './api.js';
import { BlockActions, EventEnvelope, SlackEvent, SlashCommand, ViewSubmission } from './payloads.js';
import type { SlackSettings } from './settings.js';
import { plainText, withoutLeadingMentions } from './text.js';
import { isSslCheck } from './verify.js';

/** How long Slack takes posts to a response_url (https://api.slack.com/interactivity/handling#message_responses). */
const RESPONSE_URL_MS = 30 * 60 * 1000;

const ACK: HttpReply = { status: 200, body: '' };
const ignore = (reply: HttpReply = ACK): Parsed => ({ kind: 'ignore', reply });
const desk = (action: SlackDeskAction, id?: string): Parsed => ({ kind: 'desk', id, action });
const millis = (ts: string) => Math.round(Number(ts) * 1000);
const DESK_BUTTONS: Record<string, 'claim' | 'resolve' | 'open-faq' | undefined> = {
  [ACTION.claim]: 'claim',
  [ACTION.resolve]: 'resolve',
  [ACTION.openFaq]: 'open-faq',
};

/**
 * One URL takes all of Slack: JSON bodies are Events API posts, form bodies with `payload` are interactivity,
 * form bodies with `command` are slash commands (https://api.slack.com/interactivity/slash-commands).
 */
export function createSlackParser(
  settings: Pick<SlackSettings, 'agentChannel' | 'listenChannels' | 'apiUrl'>,
  log: (line: string) => void,
) {
  const listens = (channel: string) =>
    settings.listenChannels.includes('*') || settings.listenChannels.includes(channel);

  /** Private answers (DMs, slash commands, ephemeral buttons) share one conversation per user; channels one per user there. */
  function ref(team: string, user: string, channel: string | undefined, address: Record<string, string>) {
    // Slack's DM channel ids start with D (https://api.slack.com/types/conversation).
    const privately = !channel || channel.startsWith('D');
    const conversationId = privately ? `${team}:${user}` : `${team}:${channel}:${user}`;
    return { channel: 'slack', conversationId, userId: user, address } satisfies ConversationRef;
  }

  function privateAddress(
    user: string,
    responseUrl: string | undefined,
    sentAt: number,
  ): Record<string, string> {
    if (!responseUrl || !trustedResponseUrl(responseUrl, settings.apiUrl)) return { user };
    return { user, response_url: responseUrl, response_until: String(sentAt + RESPONSE_URL_MS) };
  }

  function event(body: unknown): Parsed {
    const envelope = EventEnvelope.safeParse(body);
    if (!envelope.success) return ignore();
    const outer = envelope.data;
    if (outer.type === 'url_verification')
      return {
        kind: 'handshake',
        reply: { status: 200, body: outer.challenge, headers: { 'content-type': 'text/plain' } },
      };
    if (outer.type === 'app_rate_limited') {
      log(
        `Slack stopped sending events for minute ${outer.minute_rate_limited} (app_rate_limited, team ${outer.team_id})`,
      );
      return ignore();
    }
    const parsed = SlackEvent.safeParse(outer.event);
    if (!parsed.success) return ignore();
    const e: SlackEvent = parsed.data;
    const self = outer.authorizations?.find((a) => a.is_bot)?.user_id;
    // Bots (ours included: https://api.slack.com/events/message/bot_message) and edits, deletions, joins
    // (https://api.slack.com/events/message#subtypes) never get an answer; answering them is how loops start.
    if (e.bot_id || !e.user || e.user === self) return ignore();
    if (e.subtype && e.subtype !== 'thread_broadcast') return ignore();
    const text = plainText(withoutLeadingMentions(e.text));
    if (!text) return ignore();
    if (e.channel === settings.agentChannel) {
      // In the agent channel only replies in a ticket's thread mean something; the desk decides which.
      if (e.type !== 'message' || !e.thread_ts || e.thread_ts === e.ts) return ignore();
      const agent = { userId: e.user, name: e.user };
      return desk({ type: 'reply', agent, channel: e.channel, threadTs: e.thread_ts, text }, outer.event_id);
    }
    const direct = e.channel_type === 'im' || e.channel.startsWith('D');
    // Where every message is answered the message event carries mentions too, so the app_mention is a duplicate.
    if (e.type === 'app_mention' && listens(e.channel)) return ignore();
    if (e.type === 'message' && !direct && !listens(e.channel)) return ignore();
    const address = { channel: e.channel, thread_ts: e.thread_ts ?? e.ts };
    const from = ref(outer.team_id, e.user, e.channel, address);
    return { kind: 'message', message: { id: outer.event_id, from, text, receivedAt: millis(e.ts) } };
  }

  function click(payload: BlockActions): Parsed {
    const action = payload.actions[0]!;
    const user = payload.user;
    const channel = payload.channel?.id ?? payload.container.channel_id;
    const messageTs = payload.container.message_ts ?? payload.message?.ts;
    const agent: SlackAgent = { userId: user.id, name: user.name ?? user.username ?? user.id };
    const deskType = DESK_BUTTONS[action.action_id];
    if (deskType) {
      if (!action.value || !channel || !messageTs) return ignore();
      const { trigger_id: triggerId } = payload;
      const id = `${user.id}:${action.action_ts}`;
      return desk({ type: deskType, ticketId: action.value, agent, channel, messageTs, triggerId }, id);
    }
    if (!action.action_id.startsWith(ACTION.choice) || action.value === undefined) return ignore();
    const team = user.team_id ?? payload.team?.id ?? '';
    const at = millis(action.action_ts);
    // The answer takes the place of the message that held the buttons (chat.update, or the response_url for
    // ephemeral messages, which chat.update cannot reach); later messages follow in its thread.
    const address = payload.container.is_ephemeral
      ? { ...privateAddress(user.id, payload.response_url, at), replace: '1' }
      : messageTs && channel
        ? {
            channel,
            thread_ts: payload.container.thread_ts ?? payload.message?.thread_ts ?? messageTs,
            replace_ts: messageTs,
          }
        : privateAddress(user.id, payload.response_url, at);
    const from = ref(team, user.id, payload.container.is_ephemeral ? undefined : channel, address);
    const text = action.text?.text ?? action.value;
    const message = {
      id: `${user.id}:${action.action_ts}`,
      from,
      text,
      choice: action.value,
      receivedAt: at,
    };
    return { kind: 'message', message };
  }

  function submission(payload: ViewSubmission): Parsed {
    if (payload.view.callback_id !== FAQ_VIEW.callbackId) return ignore();
    const values = payload.view.state.values;
    const user = payload.user;
    // Deduped on the submission's trigger id: a replayed body (the signature allows 5 minutes) saves nothing twice.
    const id = payload.trigger_id && `view:${payload.trigger_id}`;
    return desk(
      {
        type: 'save-faq',
        ticketId: payload.view.private_metadata,
        agent: { userId: user.id, name: user.name ?? user.username ?? user.id },
        question: values[FAQ_VIEW.question]?.[FAQ_VIEW.question]?.value?.trim() ?? '',
        answer: values[FAQ_VIEW.answer]?.[FAQ_VIEW.answer]?.value?.trim() ?? '',
      },
      id,
    );
  }

  function command(form: URLSearchParams, req: RawRequest): Parsed {
    const cmd = SlashCommand.safeParse(Object.fromEntries(form));
    if (!cmd.success) return ignore();
    const { data } = cmd;
    const text = data.text.trim();
    if (!text) {
      const usage = {
        response_type: 'ephemeral',
        text: `Ask a question privately: ${data.command} how long does shipping take?`,
      };
      return ignore({
        status: 200,
        body: JSON.stringify(usage),
        headers: { 'content-type': 'application/json' },
      });
    }
    // A command carries no timestamp of its own; the signed request timestamp is when it was sent.
    const at = Number(req.headers['x-slack-request-timestamp']) * 1000;
    const from = ref(
      data.team_id,
      data.user_id,
      undefined,
      privateAddress(data.user_id, data.response_url, at),
    );
    return { kind: 'message', message: { id: `command:${data.trigger_id}`, from, text, receivedAt: at } };
  }

  /**
   * Turns a verified request into a message for the bot, a desk action, a handshake, or nothing. A signed body
   * frontdesk cannot read is acked and dropped: an error status would only make Slack send it again.
   */
  return function parse(req: RawRequest): Parsed {
    if (isSslCheck(req)) return { kind: 'handshake', reply: ACK };
    if (req.body.trimStart().startsWith('{')) {
      try {
        return event(JSON.parse(req.body));
      } catch {
        return ignore();
      }
    }
    const form = new URLSearchParams(req.body);
    const payload = form.get('payload');
    if (payload === null) return form.has('command') ? command(form, req) : ignore();
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      return ignore();
    }
    const actions = BlockActions.safeParse(json);
    if (actions.success) return click(actions.data);
    const view = ViewSubmission.safeParse(json);
    return view.success ? submission(view.data) : ignore();
  };
}
