/**
 * The messaging platforms the stack prepares for: each gets a Secrets Manager secret (a JSON object of the
 * platform's variables, docs/deploy.md) and a webhook URL in the outputs.
 */
export const CHANNEL_NAMES = ['slack', 'wechat', 'wecom', 'dingtalk', 'botframework'] as const;

/** A platform channel with a webhook and a secret. */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The route the platform calls (functions/api/webhook-routes.ts). */
export const webhookPath = (name: ChannelName) => `webhooks/${name}`;
