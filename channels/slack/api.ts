import type { KnownBlock, ModalView, WebClient } from '@slack/web-api';
import type { SlackSettings } from './settings.js';

/** The Web API calls frontdesk makes (https://api.slack.com/methods); each throws when Slack refuses. */
export interface SlackApi {
  /** Posts a message; `deliveryId` goes into its metadata, where `posted` finds it again. */
  postMessage(args: {
    channel: string;
    text: string;
    blocks?: KnownBlock[];
    thread_ts?: string;
    reply_broadcast?: boolean;
    deliveryId?: string;
  }): Promise<{ ts: string }>;
  /**
   * Whether a message carrying `deliveryId` was posted in the channel (or the thread) since `since` (epoch ms): a
   * delivery whose earlier attempt died after calling Slack asks before posting again.
   */
  posted(args: { channel: string; thread_ts?: string; since: number; deliveryId: string }): Promise<boolean>;
  update(args: { channel: string; ts: string; text: string; blocks?: KnownBlock[] }): Promise<void>;
  postEphemeral(args: { channel: string; user: string; text: string; thread_ts?: string }): Promise<void>;
  /** Adds a reaction; one that is already there counts as added. */
  react(args: { channel: string; timestamp: string; name: string }): Promise<void>;
  openView(triggerId: string, view: ModalView): Promise<void>;
  /** Posts to an interaction's response_url; false when Slack no longer takes it (expired or used up). */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<boolean>;
}

const TIMEOUT_MS = 10_000;
/** The metadata event type of frontdesk's deliveries (https://api.slack.com/metadata). */
export const DELIVERY_EVENT = 'frontdesk_delivery';
/** How far before an attempt `posted` looks: Slack's clock and ours may differ a little. */
const CLOCK_MARGIN_SECONDS = 60;
/** One page of history: far more messages than a conversation gets while a delivery is retried. */
const HISTORY_PAGE = 200;

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
    async postMessage({ channel, text, blocks, thread_ts, reply_broadcast, deliveryId }) {
      const thread = thread_ts ? { thread_ts, reply_broadcast: reply_broadcast ?? false } : {};
      const metadata = deliveryId && { event_type: DELIVERY_EVENT, event_payload: { id: deliveryId } };
      const result = await (
        await client()
      ).chat.postMessage({
        channel,
        text,
        ...(blocks && { blocks }),
        ...thread,
        ...(metadata && { metadata }),
      });
      return { ts: String(result.ts) };
    },
    async posted({ channel, thread_ts, since, deliveryId }) {
      const web = await client();
      const page = {
        channel,
        oldest: (since / 1000 - CLOCK_MARGIN_SECONDS).toFixed(6),
        include_all_metadata: true,
        limit: HISTORY_PAGE,
      };
      const { messages = [] } = thread_ts
        ? await web.conversations.replies({ ...page, ts: thread_ts })
        : await web.conversations.history(page);
      // The SDK types event_payload as an empty object: it is whatever the poster put there.
      const idOf = (payload: unknown) => (payload as { id?: unknown } | undefined)?.id;
      return messages.some(
        ({ metadata }) =>
          metadata?.event_type === DELIVERY_EVENT && idOf(metadata.event_payload) === deliveryId,
      );
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
