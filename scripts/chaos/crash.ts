import { setTimeout as sleep } from 'node:timers/promises';
import { type Frontdesk, until } from './child.js';
import { slackEvent, type startPlatforms } from './platforms.js';
import { progress, type Row } from './report.js';
import { recordedTurns, ticketConversations } from './table.js';

type Platforms = Awaited<ReturnType<typeof startPlatforms>>;

/**
 * kill -9 at random points while web customers ask for a person and Slack users ask questions (inbound queue,
 * bot, outbound queue, delivery), then a restart. A request that got no answer is retried as the platform (or
 * the widget) would, with the same ids; afterwards every acknowledged customer must have a ticket, and every
 * acknowledged Slack message exactly one answer, one line in its transcript and one count in the reports.
 */
export async function crashFault(
  frontdesk: Frontdesk,
  platforms: Platforms,
  options: { handoffs: number; slack: number; kills: number; settleSeconds: number },
): Promise<Row[]> {
  const started = Date.now();
  const web = Array.from({ length: options.handoffs }, (_, i) => ({ i, id: '', token: '', acked: false }));
  const slack = Array.from({ length: options.slack }, (_, i) => ({ channel: `DCRASH${i}`, acked: false }));
  const work = [...web.map((c) => () => handOff(c)), ...slack.map((s) => () => ask(s))].sort(
    () => Math.random() - 0.5,
  );
  const total = work.length;
  // Distinct random points between 10 % and 90 % of the work.
  const killAt = new Set<number>();
  while (killAt.size < Math.min(options.kills, total))
    killAt.add(Math.floor(total * (0.1 + 0.8 * Math.random())));
  let done = 0;
  let restart: Promise<void> | undefined;

  const alive = async () => {
    while (restart) await restart;
  };
  // Retried until answered, for up to two minutes: a server restarting, or busy finishing a claim (409).
  async function attempt(call: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await alive();
      if (await call().catch(() => false)) return;
      await sleep(1000);
    }
  }
  async function handOff(customer: (typeof web)[number]) {
    await attempt(async () => {
      if (!customer.id) {
        const res = await post('/web/conversations', { lang: 'en' });
        if (res.status !== 201) return false;
        ({ conversationId: customer.id, token: customer.token } = await res.json());
      }
      const res = await post(
        `/web/conversations/${customer.id}/messages`,
        {
          text: 'agent',
          clientMessageId: `handoff-${customer.i}`,
        },
        customer.token,
      );
      customer.acked = res.status === 200;
      return customer.acked;
    });
  }
  async function ask(user: (typeof slack)[number]) {
    let retry = 0;
    await attempt(async () => {
      const res = await slackEvent(
        frontdesk.url,
        user.channel,
        `Ev${user.channel}`,
        'how long does shipping take?',
        retry++,
      );
      user.acked = res.status === 200;
      return user.acked;
    });
  }
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${frontdesk.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });

  const workers = Array.from({ length: 8 }, async () => {
    for (let next = work.shift(); next; next = work.shift()) {
      await next();
      done++;
      if (killAt.has(done) && !restart) {
        restart = (async () => {
          progress(`kill -9 after ${done} of ${total} requests, then a restart on the same data`);
          await frontdesk.kill();
          await frontdesk.start();
        })().finally(() => (restart = undefined));
      }
    }
  });
  await Promise.all(workers);
  await alive();

  const ackedWeb = web.filter((c) => c.acked);
  const ackedSlack = slack.filter((s) => s.acked);
  const answered = () => ackedSlack.filter((s) => (platforms.slackPosts().get(s.channel) ?? 0) > 0).length;
  const ticketed = async () => {
    const held = await ticketConversations(frontdesk);
    return ackedWeb.filter((c) => held.has(c.id)).length;
  };
  const settled = () =>
    until(async () => answered() === ackedSlack.length && (await ticketed()) === ackedWeb.length, 45, 1000);
  await settled();
  // A customer whose hand-off a crash cut short writes again, as people do when nothing happens: that message must
  // bring the ticket (or an answer), never silence.
  const held = await ticketConversations(frontdesk);
  const waiting = ackedWeb.filter((c) => !held.has(c.id));
  for (const customer of waiting)
    await attempt(async () => {
      const path = `/web/conversations/${customer.id}/messages`;
      const res = await post(path, { text: 'agent', clientMessageId: `again-${customer.i}` }, customer.token);
      return res.status === 200;
    });
  await until(
    async () => answered() === ackedSlack.length && (await ticketed()) === ackedWeb.length,
    options.settleSeconds,
    1000,
  );
  await sleep(3000); // a late duplicate would show up within the pollers' next rounds
  const posts = platforms.slackPosts();
  const slackKey = (user: (typeof slack)[number]) => `slack#TCHAOS:U${user.channel}`;
  const recorded = await recordedTurns(frontdesk, ackedSlack.map(slackKey), started);
  const records = ackedSlack.map((user) => recorded.get(slackKey(user))!);
  return [
    {
      fault: `kill -9 ×${options.kills} during ${options.handoffs} web hand-offs`,
      sent: web.length,
      acknowledged: ackedWeb.length,
      lost: ackedWeb.length - (await ticketed()),
      duplicated: 0,
      note: `acknowledged "agent" without a ticket is lost; ${waiting.length} had none until they wrote again`,
    },
    {
      fault: `kill -9 ×${options.kills} during ${options.slack} Slack messages (inbound → delivery)`,
      sent: slack.length,
      acknowledged: ackedSlack.length,
      lost: ackedSlack.filter((s) => !posts.get(s.channel)).length,
      duplicated: ackedSlack.filter((s) => (posts.get(s.channel) ?? 0) > 1).length,
      note: `answered exactly once; ${platforms.slackHistoryReads()} retried deliveries read the history first`,
    },
    {
      fault: `kill -9 ×${options.kills}: transcripts and report counts of those Slack messages`,
      sent: slack.length,
      acknowledged: ackedSlack.length,
      lost: records.filter((r) => r.lines === 0 || r.counted === 0).length,
      duplicated: records.filter((r) => r.lines > 1 || r.counted > 1).length,
      note: 'in the transcript once and counted once as a message, after the held turns are written out',
    },
  ];
}
