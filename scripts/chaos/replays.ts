import { setTimeout as sleep } from 'node:timers/promises';
import type { Frontdesk } from './child.js';
import { ticketConversations } from './table.js';
import { dingTalkCallback, slackEvent, type startPlatforms, wechatPush, wechatQuery } from './platforms.js';
import type { Row } from './report.js';

type Platforms = Awaited<ReturnType<typeof startPlatforms>>;

/**
 * Replays: a captured WeChat plain-mode signature and a DingTalk timestamp/sign with a forged "转人工" body must be
 * refused (no ticket), while the platforms' own retries (the same body again) are still acknowledged; a Slack
 * retry storm is answered once.
 */
export async function replayFaults(frontdesk: Frontdesk, platforms: Platforms): Promise<Row[]> {
  const base = frontdesk.url;
  const query = wechatQuery(`${Date.now()}`);
  const first = await wechatPush(base, query, 'o-chaos-ann', '运费多少', '7000000000000000001');
  const retries = await Promise.all(
    [1, 2, 3].map(() => wechatPush(base, query, 'o-chaos-ann', '运费多少', '7000000000000000001')),
  );
  const forgedWechat = await wechatPush(base, query, 'o-chaos-mallory', '转人工', '7000000000000000002');

  const stamp = Date.now() - 10 * 60_000;
  const ding = await dingTalkCallback(base, platforms.url, stamp, 'ding-ann', '运费多少');
  const dingRetry = await dingTalkCallback(base, platforms.url, stamp, 'ding-ann', '运费多少');
  const forgedDing = await dingTalkCallback(base, platforms.url, stamp, 'ding-mallory', '转人工');

  const storm = await Promise.all(
    Array.from({ length: 12 }, (_, n) =>
      slackEvent(base, 'DSTORM', 'EvStorm', 'how long does shipping take?', n),
    ),
  );
  await sleep(5000); // queued work (tickets, Slack delivery) settles within the pollers' next rounds
  const tickets = await ticketConversations(frontdesk);
  const stormPosts = platforms.slackPosts().get('DSTORM') ?? 0;
  const wechatAcks = [first, ...retries].filter((res) => res.status === 200).length;
  return [
    {
      fault: 'WeChat plain: captured signature + forged body',
      sent: 1,
      acknowledged: forgedWechat.status === 200 ? 1 : 0,
      lost: forgedWechat.status === 200 || tickets.has('o-chaos-mallory') ? 1 : 0,
      duplicated: 0,
      note: `forged answered ${forgedWechat.status}; the genuine push and its 3 retries: ${wechatAcks}/4 acked`,
    },
    {
      fault: 'WeChat plain: retries of a genuine push',
      sent: 4,
      acknowledged: wechatAcks,
      lost: 4 - wechatAcks,
      duplicated: 0,
    },
    {
      fault: 'DingTalk: timestamp/sign reused with a forged body',
      sent: 1,
      acknowledged: forgedDing.status === 200 ? 1 : 0,
      lost: forgedDing.status === 200 || tickets.has('cid-ding-mallory') ? 1 : 0,
      duplicated: 0,
      note: `forged answered ${forgedDing.status}; genuine ${ding.status}, its retry ${dingRetry.status}`,
    },
    {
      fault: 'DingTalk: genuine callback and its retry',
      sent: 2,
      acknowledged: [ding, dingRetry].filter((res) => res.status === 200).length,
      lost: platforms.dingTalkPosts('ding-ann') === 0 ? 1 : 0,
      duplicated: platforms.dingTalkPosts('ding-ann') > 1 ? 1 : 0,
    },
    {
      fault: 'Slack retry storm (1 event, 12 deliveries)',
      sent: 12,
      acknowledged: storm.filter((res) => res.status === 200).length,
      lost: stormPosts === 0 ? 1 : 0,
      duplicated: Math.max(0, stormPosts - 1),
      note: 'answered once',
    },
  ];
}
