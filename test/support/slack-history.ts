import type { Recorded } from './recording-server.js';

/** The fields of a Web API call, form-encoded (as @slack/web-api sends them) or JSON. */
export function slackFields(req: Recorded): Record<string, string> {
  if (req.headers['content-type']?.includes('json')) return JSON.parse(req.body);
  return Object.fromEntries(new URLSearchParams(req.body));
}

/**
 * What Slack answers to conversations.history and conversations.replies, made from the chat.postMessage calls a
 * stand-in received and `accepted`: the messages of the channel (or of the thread `ts`), with their metadata only
 * when `include_all_metadata` asks for it, as Slack does. Undefined for any other method.
 */
export function slackHistoryAnswer(
  req: Recorded,
  received: readonly Recorded[],
  accepted: (post: Recorded) => boolean = () => true,
): { body: unknown } | undefined {
  const method = req.path.split('/').at(-1);
  if (method !== 'conversations.history' && method !== 'conversations.replies') return undefined;
  const args = slackFields(req);
  const withMetadata = String(args.include_all_metadata) === 'true';
  const messages = received
    .filter((r) => r.path.endsWith('/chat.postMessage') && accepted(r))
    .map(slackFields)
    .filter((post) => post.channel === args.channel)
    .filter((post) => method === 'conversations.history' || post.thread_ts === args.ts)
    .map((post) => ({
      type: 'message',
      text: post.text,
      ...(withMetadata && post.metadata && { metadata: JSON.parse(post.metadata) }),
    }));
  return { body: { ok: true, messages } };
}
