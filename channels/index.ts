import type { Channel } from './types.js';

/** The channels this deployment has turned on, by name. The only place that knows them all. */
export interface ChannelRegistry {
  get(name: string): Channel | undefined;
  /** False for channels with anonymous users (see Channel.anonymousUsers). */
  identifiesUser(name: string): boolean;
}

/** A registry over the enabled channels. */
export function createChannelRegistry(channels: Channel[]): ChannelRegistry {
  const byName = new Map(channels.map((channel) => [channel.name, channel]));
  return {
    get: (name) => byName.get(name),
    identifiesUser: (name) => !byName.get(name)?.anonymousUsers,
  };
}
