import { setTimeout as sleep } from 'node:timers/promises';
import { type Frontdesk, until } from './child.js';
import { slackEvent, type startPlatforms } from './platforms.js';
import type { Row } from './report.js';

type Platforms = Awaited<ReturnType<typeof startPlatforms>>;

/**
 * Slack's API answers 500 for `seconds` while users write; once it is back, every reply must be delivered (the
 * outbound queue retries, backing off, instead of dead-lettering during the outage), and each exactly once.
 */
export async function outageFault(
  frontdesk: Frontdesk,
  platforms: Platforms,
  options: { seconds: number; messages: number; settleSeconds: number },
): Promise<Row> {
  const channels = Array.from({ length: options.messages }, (_, i) => `DOUTAGE${i}`);
  platforms.setDown(true);
  const acked: string[] = [];
  for (const channel of channels) {
    const res = await slackEvent(frontdesk.url, channel, `Ev${channel}`, 'how long does shipping take?');
    if (res.status === 200) acked.push(channel);
  }
  await sleep(options.seconds * 1000); // the outage itself
  platforms.setDown(false);
  const delivered = () => acked.filter((channel) => platforms.slackPosts().get(channel)).length;
  await until(async () => delivered() === acked.length, options.settleSeconds, 1000);
  await sleep(3000);
  const posts = platforms.slackPosts();
  return {
    fault: `Slack API down (HTTP 500) for ${options.seconds} s`,
    sent: channels.length,
    acknowledged: acked.length,
    lost: acked.filter((channel) => !posts.get(channel)).length,
    duplicated: acked.filter((channel) => (posts.get(channel) ?? 0) > 1).length,
    note: `every reply delivered within ${options.settleSeconds} s after it`,
  };
}
