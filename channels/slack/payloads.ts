import * as z from 'zod';

/**
 * The parts of Slack's payloads frontdesk reads (unknown fields are dropped). Events API:
 * https://api.slack.com/apis/connections/events-api; interactivity: https://api.slack.com/reference/interaction-payloads.
 */

/** `message` (message.im/.channels/.groups) and `app_mention` events; bots carry `bot_id`, edits a `subtype`. */
export const SlackEvent = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
});
export type SlackEvent = z.infer<typeof SlackEvent>;

/** The outer body of a JSON post to the events URL. */
export const EventEnvelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({ type: z.literal('app_rate_limited'), team_id: z.string(), minute_rate_limited: z.number() }),
  z.object({
    type: z.literal('event_callback'),
    team_id: z.string(),
    event_id: z.string().min(1),
    event: z.unknown(),
    // Newer payloads list the installation's bot user here (is_bot: true): messages from it are our own.
    authorizations: z.array(z.object({ user_id: z.string().optional(), is_bot: z.boolean() })).optional(),
  }),
]);

const User = z.object({
  id: z.string().min(1),
  username: z.string().optional(),
  name: z.string().optional(),
  team_id: z.string().optional(),
});

/** A button click (https://api.slack.com/reference/interaction-payloads/block-actions). */
export const BlockActions = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullish(),
  user: User,
  trigger_id: z.string(),
  container: z.object({
    message_ts: z.string().optional(),
    channel_id: z.string().optional(),
    thread_ts: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        text: z.object({ text: z.string() }).optional(),
        action_ts: z.string(),
      }),
    )
    .min(1),
});
export type BlockActions = z.infer<typeof BlockActions>;

/** A submitted modal (https://api.slack.com/reference/interaction-payloads/views#view_submission). */
export const ViewSubmission = z.object({
  type: z.literal('view_submission'),
  user: User,
  /** A fresh one with every submission (a resubmission after a validation error too): the dedupe key. */
  trigger_id: z.string().optional(),
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
    }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmission>;

/** A slash command's form fields (https://api.slack.com/interactivity/slash-commands). */
export const SlashCommand = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string().min(1),
  response_url: z.string(),
  trigger_id: z.string(),
});
