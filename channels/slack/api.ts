import type { KnownBlock, ModalView, WebClient } from '@slack/web-api';
import type { SlackSettings } from './settings.js';

/** The Web API calls frontdesk makes (https://api.slack.com/methods); each throws when Slack refuses. */
export interface SlackApi {
  postMessage(args: {
    channel: string;
    text: string;
    blocks?: KnownBlock[];
    thread_ts?: string;
    reply_broadcast?: boolean;
  }): Promise<{ ts: string }>;
  update(args: { channel: string; ts: string; text: string; blocks?: KnownBlock[] }): Promise<void>;
  postEphemeral(args: { channel: string; user: string; text: string; thread_ts?: string }): Promise<void>;
  /** Adds a reaction; one that is already there counts as added. */
  react(args: { channel: string; timestamp: string; name: string }): Promise<void>;
  openView(triggerId: string, view: ModalView): Promise<void>;
  /** Posts to an interaction's response_url; false when Slack no longer takes it (expired or used up). */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<boolean>;
}

const TIMEOUT_MS = 10_000;

/** The Web API through @slack/web-api, with a short retry policy: the queue does the long retries. */
export function createSlackApi(
  settings: Pick<SlackSettings, 'botToken' | 'apiUrl'>,
  fetchFn: typeof fetch,
): SlackApi {
  // The SDK is loaded on the first call, not at import: the api function's cold start need not evaluate it when
  // no Slack message is being sent (the bundle inlines it; esbuild turns the import() into a lazy init).
  let loading: Promise<WebClient> | undefined;
  const client = () =>
    (loading ??= import('@slack/web-api').then(
      ({ LogLevel, WebClient }) =>
        new WebClient(settings.botToken, {
          slackApiUrl: settings.apiUrl,
          fetch: fetchFn,
          timeout: TIMEOUT_MS,
          // On HTTP 429 the SDK waits the Retry-After seconds, then retries (https://api.slack.com/docs/rate-limits);
          // other failures get two quick retries, then throw so SQS redelivers the message and finally dead-letters it.
          retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
          // The bot token is only ever sent to the configured API, never to an absolute URL.
          allowAbsoluteUrls: false,
          logLevel: LogLevel.WARN,
        }),
    ));
  return {
    async postMessage({ channel, text, blocks, thread_ts, reply_broadcast }) {
      const thread = thread_ts ? { thread_ts, reply_broadcast: reply_broadcast ?? false } : {};
      const result = await (
        await client()
      ).chat.postMessage({ channel, text, ...(blocks && { blocks }), ...thread });
      return { ts: String(result.ts) };
    },
    async update({ blocks, ...args }) {
      await (await client()).chat.update({ ...args, ...(blocks && { blocks }) });
    },
    async postEphemeral(args) {
      await (await client()).chat.postEphemeral(args);
    },
    async react(args) {
      try {
        await (await client()).reactions.add(args);
      } catch (error) {
        if (platformError(error) !== 'already_reacted') throw error;
      }
    },
    async openView(triggerId, view) {
      await (await client()).views.open({ trigger_id: triggerId, view });
    },
    async respond(responseUrl, body) {
      const res = await fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.ok) return true;
      // A response_url takes 5 posts within 30 minutes (https://api.slack.com/interactivity/handling#message_responses);
      // a refusal (4xx) is final, anything else is worth the queue's retry.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return false;
      throw new Error(`Slack response_url answered HTTP ${res.status}`);
    },
  };
}

/** The `error` code of a Web API call Slack answered with `ok: false`. */
function platformError(error: unknown): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } };
  // ErrorCode.PlatformError of @slack/web-api, spelled out so that this module does not load the SDK.
  return coded.code === 'slack_webapi_platform_error' ? coded.data?.error : undefined;
}

/** True for response_urls we may post to: Slack's hooks host, or the configured API's origin (a test stand-in). */
export function trustedResponseUrl(url: string, apiUrl: string): boolean {
  try {
    const { origin } = new URL(url);
    return origin === 'https://hooks.slack.com' || origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}
