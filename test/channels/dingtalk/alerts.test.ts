import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDingTalkAlerts } from '../../../channels/dingtalk/alerts.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { startTestStack } from '../../support/local-stack.js';
import { startRecordingServer } from '../../support/recording-server.js';
import { webClient } from '../../support/web-client.js';
import { dingTalkStandIn, webCryptoSign } from './dingtalk-fixtures.js';

const ALERT_SECRET = 'SECc0ffee5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7';
let dingtalk: Awaited<ReturnType<typeof startRecordingServer>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  dingtalk = await startRecordingServer(dingTalkStandIn);
  stack = await startTestStack({
    env: {
      DINGTALK_ALERT_WEBHOOK: `${dingtalk.url}/robot/send?access_token=alert-token`,
      DINGTALK_ALERT_SECRET: ALERT_SECRET,
      FRONTDESK_PUBLIC_URL: 'https://desk.example.com',
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await dingtalk.close();
});

type Card = { msgtype: string; actionCard: { title: string; text: string; singleURL: string } };
const cards = () =>
  dingtalk.requests.filter((r) => r.path === '/robot/send').map((r) => JSON.parse(r.body) as Card);

describe('agent alerts in a DingTalk group (custom robot)', () => {
  it('announces a new ticket, signed with the robot’s secret, with a link to the agent console', async () => {
    const chat = await webClient(stack.url).open('zh');
    await chat.say('我的猫把快递盒子吃了一半');
    await chat.say('转人工');
    const post = await vi.waitFor(
      () => {
        const found = dingtalk.requests.find((r) => r.path === '/robot/send');
        if (!found) throw new Error('no alert yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const timestamp = post.query.get('timestamp')!;
    expect(post.query.get('access_token')).toBe('alert-token');
    expect(post.query.get('sign')).toBe(await webCryptoSign(timestamp, ALERT_SECRET));
    expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(60 * 60_000);
    const card = JSON.parse(post.body) as Card;
    expect(card.msgtype).toBe('actionCard');
    expect(card.actionCard.singleURL).toBe('https://desk.example.com/agent');
    expect(card.actionCard.text).toContain('我的猫把快递盒子吃了一半');
  });

  it('announces a transfer nobody claimed in time, once', async () => {
    const [ticket] = await stack.services.tickets.list('queued');
    const later = new Date(ticket!.createdAt + 10 * 60_000);
    await stack.services.desk.offerUnclaimed(later);
    await stack.services.desk.offerUnclaimed(later);
    const overdue = cards().filter((card) => card.actionCard.text.includes(ticket!.id));
    expect(overdue.map((card) => card.actionCard.title)).toEqual([
      '新的转人工 · New transfer',
      '转人工无人认领 · Transfer waiting',
    ]);
    expect(overdue[1]!.actionCard.text).toMatch(/已等待 10 分钟/);
  });

  it('keeps to 20 messages a minute: a burst becomes single alerts plus one digest', async () => {
    const posted: string[] = [];
    let now = Date.UTC(2026, 0, 5, 9, 0, 30);
    const alerts = createDingTalkAlerts({
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=burst',
      secret: ALERT_SECRET,
      consoleUrl: 'https://desk.example.com/agent',
      store: createChannelStore(stack.services.db),
      fetch: async (url, init) => {
        posted.push(`${url} ${init?.body}`);
        return Response.json({ errcode: 0, errmsg: 'ok' });
      },
      now: () => now,
    });
    const ticket = (n: number) => ({
      id: `t${n}`,
      kind: 'message' as const,
      question: `q${n}`,
      createdAt: now,
    });
    await Promise.all(Array.from({ length: 14 }, (_, n) => alerts.ticketCreated(ticket(n))));
    expect(posted).toHaveLength(10);
    expect(posted.filter((line) => line.includes('More tickets'))).toHaveLength(1);
    now += 60_000;
    await alerts.ticketCreated(ticket(99));
    expect(posted).toHaveLength(11);

    // The sign goes into the URL encoded (base64's + / = escaped), as the doc's urlEncode step asks.
    const url = new URL(posted[10]!.split(' ')[0]!);
    const sign = await webCryptoSign(String(now), ALERT_SECRET);
    expect(url.search).toContain(`&sign=${encodeURIComponent(sign)}`);
    expect(url.searchParams.get('sign')).toBe(sign);
  });
});
