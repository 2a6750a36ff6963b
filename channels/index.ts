import { dingTalkFromEnv } from './dingtalk/channel.js';
import { createSlackChannel } from './slack/slack-channel.js';
import type { Channel, ChannelContext, ChannelFactory, WebhookChannel } from './types.js';
import { wechatFromEnv } from './wechat/official-account.js';
import { wecomFromEnv } from './wechat/wecom.js';
import { wechatyFromEnv } from './wechaty/wechaty-channel.js';

/**
 * The platforms frontdesk can serve, one line each. A factory returns its channel when its environment variables
 * are set; the web chat is always on and is added by the runtime, since it needs the live hub.
 */
const FACTORIES: ChannelFactory[] = [
  dingTalkFromEnv,
  createSlackChannel,
  wechatFromEnv,
  wecomFromEnv,
  wechatyFromEnv,
];

/** The channels this deployment has turned on, by name. The only place that knows them all. */
export interface ChannelRegistry {
  get(name: string): Channel | undefined;
  /** The channel behind `/webhooks/{name}`, if it is on and takes webhooks. */
  webhook(name: string): WebhookChannel | undefined;
  /** False for channels with anonymous users (see Channel.anonymousUsers). */
  identifiesUser(name: string): boolean;
}

/** Every channel whose environment variables are set. */
export function channelsFromEnv(context: ChannelContext): Channel[] {
  return FACTORIES.map((factory) => factory(context)).filter((channel) => channel !== undefined);
}

/** A registry over the enabled channels. */
export function createChannelRegistry(channels: Channel[]): ChannelRegistry {
  const byName = new Map(channels.map((channel) => [channel.name, channel]));
  return {
    get: (name) => byName.get(name),
    webhook: (name) => {
      const channel = byName.get(name);
      return channel && 'verify' in channel ? (channel as WebhookChannel) : undefined;
    },
    identifiesUser: (name) => !byName.get(name)?.anonymousUsers,
  };
}
