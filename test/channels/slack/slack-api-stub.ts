import { type Recorded, startRecordingServer } from '../../support/recording-server.js';
import { slackFields, slackHistoryAnswer } from '../../support/slack-history.js';
import { nextTs } from './slack-fixtures.js';

/**
 * One Web API call as Slack would read it: the form fields, with `blocks`/`view` decoded from their JSON, and
 * `posted_ts`, the ts the stub answered a chat.postMessage with (the new message's id).
 */
export interface SlackCall {
  [field: string]: unknown;
  channel?: string;
  text?: string;
  thread_ts?: string;
  ts?: string;
  posted_ts?: string;
}

/** What Slack answers by default: ok, and a fresh `ts` for posted messages (as chat.postMessage does). */
export function slackAnswer(req: Recorded): Answer {
  if (req.path.endsWith('/chat.postMessage')) return { body: { ok: true, channel: 'C', ts: nextTs() } };
  return { body: { ok: true } };
}

type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };

/**
 * A recording server standing in for the Web API (at `${url}/api/`) and for response_urls (at `${url}/respond/…`);
 * conversations.history and conversations.replies list the messages posted to it.
 */
export async function startSlackApi() {
  const answered = new WeakMap<Recorded, { ok?: boolean; ts?: string }>();
  let answer: (req: Recorded) => Answer | Promise<Answer> = slackAnswer;
  const server = await startRecordingServer(async (req) => {
    // The history is always what was posted, whatever the test answers to the other calls.
    const accepted = (post: Recorded) => answered.get(post)?.ok === true;
    const reply = slackHistoryAnswer(req, server.requests, accepted) ?? (await answer(req));
    answered.set(req, (reply.body ?? {}) as { ok?: boolean; ts?: string });
    return reply;
  });
  const decode = (req: Recorded): SlackCall => {
    const fields: Record<string, unknown> = slackFields(req);
    for (const key of ['blocks', 'view'])
      if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key] as string);
    return { ...fields, posted_ts: answered.get(req)?.ts };
  };
  return {
    ...server,
    apiUrl: `${server.url}/api/`,
    /** Replaces the answering function (e.g. a 429 once); `slackAnswer` is the default. */
    answerWith(next: (req: Recorded) => Answer | Promise<Answer>) {
      answer = next;
    },
    /** The calls made to one Web API method (`chat.postMessage`) or response_url path prefix (`/respond`). */
    calls(method: string): SlackCall[] {
      const path = method.startsWith('/') ? method : `/api/${method}`;
      return server.requests.filter((r) => r.path.startsWith(path)).map(decode);
    },
    /** The request behind a call (headers, raw body). */
    raw(method: string): Recorded[] {
      return server.requests.filter((r) => r.path === `/api/${method}`);
    },
  };
}

/** Everything a call shows a reader: its text and every text inside its blocks. */
export function shown(call: SlackCall | undefined): string {
  return call ? JSON.stringify([call.text, call.blocks ?? null]) : '';
}
