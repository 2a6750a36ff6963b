import * as z from 'zod';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Slack's environment variables (docs/channels/slack.md); the two secrets turn the channel on. */
export const SlackSettings = z
  .object({
    SLACK_SIGNING_SECRET: z.string().min(1),
    SLACK_BOT_TOKEN: z.string().min(1),
    /** The agent desk's channel id (C… or G…); unset: no desk. Events carry ids, never names. */
    SLACK_AGENT_CHANNEL: z.string().min(1).optional(),
    /** The Web API base; tests point it at a recording server. */
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    /** Channel ids where every message is answered (`*`: every channel the bot is in); elsewhere only mentions. */
    SLACK_LISTEN_CHANNELS: list,
  })
  .transform((env) => ({
    signingSecret: env.SLACK_SIGNING_SECRET,
    botToken: env.SLACK_BOT_TOKEN,
    agentChannel: env.SLACK_AGENT_CHANNEL,
    apiUrl: env.SLACK_API_URL,
    listenChannels: env.SLACK_LISTEN_CHANNELS,
  }));
export type SlackSettings = z.infer<typeof SlackSettings>;

/** The settings when both secrets are set, else undefined; other bad values throw with the variable's name. */
export function slackSettings(env: Record<string, string | undefined>): SlackSettings | undefined {
  if (!env.SLACK_SIGNING_SECRET || !env.SLACK_BOT_TOKEN) return undefined;
  return SlackSettings.parse(env);
}
