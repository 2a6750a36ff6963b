import type { ChannelStore } from '../types.js';

/**
 * A custom robot may post 20 messages a minute and is muted for 10 minutes beyond that (自定义机器人接入). Ten
 * per clock minute keeps any 60 seconds, across a minute's edge too, at or under 20.
 */
const PER_MINUTE = 10;

/** What the budget allows the next message: its own post, the minute's one digest, or nothing. */
export type Allowance = 'post' | 'digest' | 'none';

/**
 * A per-minute message budget shared by every process through the channel store: each message claims a numbered
 * slot of the current minute with a conditional write, the last slot being the digest that stands for the rest.
 */
export function createMinuteBudget(store: ChannelStore, key: string, now: () => number) {
  return {
    async claim(): Promise<Allowance> {
      const minute = Math.floor(now() / 60_000);
      for (let slot = 0; slot < PER_MINUTE - 1; slot++) {
        if (await store.putIfAbsent(`${key}#${minute}#${slot}`, 'sent', 120)) return 'post';
      }
      return (await store.putIfAbsent(`${key}#${minute}#digest`, 'sent', 120)) ? 'digest' : 'none';
    },
  };
}
