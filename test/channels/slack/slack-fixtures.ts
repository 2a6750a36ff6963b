import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHmac } from 'node:crypto';

/** Slack's official payloads and vectors, copied into test/fixtures/platform/slack (sources in its manifest). */
export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/platform/slack');

/** A fixture file, parsed. */
export const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as T;

/** One of the http/*.json fixtures: a raw request as Slack sent (or would send) it. */
export interface HttpFixture {
  headers: Record<string, string>;
  raw_body: string;
  signing_secret: string;
  verify_with_now_unix: number;
}

export const SECRET = 'frontdesk-test-signing-secret';
export const BOT_USER = 'UFRONTDESK';
export const TEAM = 'T123ABC456';

let sequence = 0;
/** A fresh Slack message timestamp ("seconds.sequence"), unique within the run. */
export const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

/** Headers that sign `body` the way Slack does, now (or at `at` seconds). */
export function slackHeaders(body: string, options: { at?: number; secret?: string } = {}) {
  const timestamp = String(options.at ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    // Signed here with node:crypto, independently of the code under test (vectors.json pins the algorithm).
    'x-slack-signature': `v0=${createHmac('sha256', options.secret ?? SECRET)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex')}`,
  };
}

/** An Events API body from the docs' message example, with our bot user in authorizations and `event` changed. */
export function eventBody(
  event: Record<string, unknown>,
  eventId = `Ev${nextTs().replace('.', '')}`,
): string {
  const base = fixture('events/event_callback_message.json');
  return JSON.stringify({
    ...base,
    authed_users: undefined,
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    event_id: eventId,
    event: { ...(base.event as object), ...event },
  });
}

/** A block_actions body (form-encoded `payload=`) from the docs' example, with our own fields over it. */
export function clickBody(fields: {
  user: string;
  actionId: string;
  value: string;
  label?: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
  responseUrl?: string;
}): string {
  const base = fixture('interactivity/block_actions.payload.json');
  const payload = {
    ...base,
    user: {
      id: fields.user,
      username: fields.user.toLowerCase(),
      name: fields.user.toLowerCase(),
      team_id: TEAM,
    },
    container: {
      type: 'message',
      message_ts: fields.messageTs,
      channel_id: fields.channel,
      is_ephemeral: fields.ephemeral ?? false,
      ...(fields.threadTs && { thread_ts: fields.threadTs }),
    },
    channel: fields.channel ? { id: fields.channel, name: 'somewhere' } : undefined,
    message: fields.messageTs
      ? { type: 'message', ts: fields.messageTs, thread_ts: fields.threadTs }
      : undefined,
    // Never the fixture's hooks.slack.com URL: a test must not reach the real Slack.
    response_url: fields.responseUrl,
    trigger_id: `trigger-${nextTs()}`,
    actions: [
      {
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: fields.label ?? fields.value, emoji: true },
        value: fields.value,
        type: 'button',
        action_ts: nextTs(),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A slash command body from the docs' worked example, with our own text and user. */
export function commandBody(fields: { text: string; user: string; responseUrl: string; command?: string }) {
  const base = new URLSearchParams(fixture<HttpFixture>('http/slash_command.json').raw_body);
  base.set('team_id', TEAM);
  base.set('command', fields.command ?? '/frontdesk');
  base.set('text', fields.text);
  base.set('user_id', fields.user);
  base.set('response_url', fields.responseUrl);
  base.set('trigger_id', `trigger-${nextTs()}`);
  return base.toString();
}
