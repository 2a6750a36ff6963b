import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRecordingServer } from '../../support/recording-server.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/botframework');

/** An Activity as JSON; tests read and change its fields freely. */
export type Activity = Record<string, any>;

let conversations = 0;

/**
 * A fixture Activity (test/fixtures/botframework: real Teams and Emulator shapes) sent through `serviceUrl`, in a
 * conversation of its own so that tests sharing a stack do not share conversation state.
 */
export function activity(name: string, serviceUrl: string, changes: Activity = {}): Activity {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Activity;
  const conversation = { ...fixture.conversation, id: `${fixture.conversation.id}-${++conversations}` };
  return { ...fixture, serviceUrl, conversation, ...changes };
}

/** POSTs an Activity to frontdesk as the Bot Connector service does. */
export function post(baseUrl: string, body: Activity | string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/webhooks/botframework`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The text a reply shows: its own, or its hero card's. */
export const textOf = (sent: Activity): string => sent.text ?? sent.attachments?.[0]?.content?.text ?? '';

/** The buttons of a reply's hero card. */
export const buttonsOf = (sent: Activity): Activity[] => sent.attachments?.[0]?.content?.buttons ?? [];

/**
 * A recording server standing in for the Bot Connector service: the Activities' serviceUrl points at it (with a
 * regional path like Teams' https://smba.trafficmanager.net/amer/), and it records every Activity the bot sends.
 */
export async function startBotConnector() {
  let sent = 0;
  let failures = 0;
  const server = await startRecordingServer(() =>
    failures-- > 0
      ? { status: 503, body: { error: { code: 'ServiceError', message: 'Service is unavailable' } } }
      : { body: { id: `sent-${++sent}` } },
  );
  const prefix = '/amer/v3/conversations/';
  return {
    ...server,
    serviceUrl: `${server.url}/amer/`,
    /** Answers the next `count` requests with 503, as the Bot Connector does when it is unavailable. */
    failNext(count: number) {
      failures = count;
    },
    /** What the bot sent to one conversation, in order, with the path it was posted to. */
    sentTo(conversationId: string): Activity[] {
      return server.requests
        .filter((r) => r.method === 'POST' && r.path.startsWith(prefix))
        .map((r) => ({ ...(JSON.parse(r.body) as Activity), path: decodeURIComponent(r.path) }))
        .filter((a) => a.path.startsWith(`${prefix}${conversationId}/activities`));
    },
  };
}
