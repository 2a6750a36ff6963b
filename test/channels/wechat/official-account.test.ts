import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../channels/wechat/xml.js';
import { startTestStack } from '../../support/local-stack.js';
import { fixtureJson, fixtureText } from './fixtures.js';
import { plainQuery, postPush, pushXml, wechatApi } from './wechat-support.js';

// Plain mode (明文模式) with the Token of the doc examples, so their signatures can be replayed as they are.
const TOKEN = 'AAAAA';
let now = new Date();
let stack: Awaited<ReturnType<typeof startTestStack>>;
let api: Awaited<ReturnType<typeof wechatApi>>;

beforeAll(async () => {
  api = await wechatApi();
  stack = await startTestStack({
    clock: () => now,
    env: { WECHAT_TOKEN: TOKEN, WECHAT_APP_ID: 'wxplain', WECHAT_APP_SECRET: 's', WECHAT_API_URL: api.url },
  });
});
afterAll(async () => {
  await stack.stop();
  await api.close();
});

let msgId = 5_000_000_000_000;
const at = (timestamp: string | number) => (now = new Date(Number(timestamp) * 1000));
const push = (xml: string, query = plainQuery(TOKEN, now)) => postPush(stack.url, 'wechat', query, xml);
const content = (reply: { text: string }) => String(parseXml(reply.text).Content);
const transcript = (openId: string) => stack.services.conversations.transcript(`wechat#${openId}`);

describe('/webhooks/wechat in plain mode', () => {
  it('answers URL verification with the echostr of the doc example, and refuses it forged or stale', async () => {
    const { query, expected_response_body } = fixtureJson('oa/url_verification.json');
    const verify = async (q: Record<string, string>) => {
      const res = await fetch(`${stack.url}/webhooks/wechat?${new URLSearchParams(q)}`);
      return { status: res.status, text: await res.text() };
    };
    at(query.timestamp);
    expect(await verify(query)).toEqual({ status: 200, text: expected_response_body });
    expect((await verify({ ...query, signature: '0'.repeat(40) })).status).toBe(401);
    at(Number(query.timestamp) + 301);
    expect((await verify(query)).status).toBe(401);
  });

  it('takes a push signed as in the doc example and answers it passively', async () => {
    const { query } = fixtureJson('oa/plain_push_debug_demo.json');
    at(query.timestamp);
    const reply = await push(fixtureText('oa/text_message.xml'), query);
    expect(reply.status).toBe(200);
    expect(parseXml(reply.text)).toMatchObject({
      ToUserName: 'fromUser',
      FromUserName: 'toUser',
      MsgType: 'text',
    });
    expect(content(reply)).not.toBe('');
  });

  it('answers a FAQ question passively, and WeChat’s retry gets "success" and no second answer', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({ from: 'o-ann', at: now, Content: '运费多少', msgId: '9000000000000000001' });
    expect(content(await push(xml))).toMatch(/99/);
    expect(await push(xml)).toEqual({ status: 200, text: 'success' });
    expect((await transcript('o-ann')).map((line) => line.role)).toEqual(['user', 'bot']);
  });

  it('refuses forged and stale pushes with 401 and stores nothing', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({ from: 'o-forger', at: now, Content: '运费多少', msgId: '9000000000000000002' });
    const forged = { ...plainQuery(TOKEN, now), signature: 'f'.repeat(40) };
    expect((await push(xml, forged)).status).toBe(401);
    const stale = plainQuery(TOKEN, new Date(now.getTime() - 10 * 60_000));
    expect((await push(xml, stale)).status).toBe(401);
    expect((await push(xml, plainQuery('another-token', now))).status).toBe(401);
    expect(await transcript('o-forger')).toEqual([]);
  });

  it('refuses a captured signature replayed with another body, and lets WeChat’s identical retry through', async () => {
    at(Date.now() / 1000);
    const query = plainQuery(TOKEN, now);
    const xml = pushXml({ from: 'o-bea', at: now, Content: '运费多少', msgId: '9000000000000000010' });
    expect(content(await push(xml, query))).toMatch(/99/);
    // WeChat's retries resend the same request: they reach the dedupe and get the plain ack, not a 401.
    expect(await push(xml, query)).toEqual({ status: 200, text: 'success' });
    expect(await push(xml, query)).toEqual({ status: 200, text: 'success' });
    const forged = pushXml({ from: 'o-mallory', at: now, Content: '转人工', msgId: '9000000000000000011' });
    const replayed = await push(forged, query);
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.text).error.code).toBe('replayed');
    expect(await transcript('o-mallory')).toEqual([]);
    const tickets = await stack.services.tickets.list('queued');
    expect(tickets.map((ticket) => ticket.ref.userId)).not.toContain('o-mallory');
  });

  it('answers a voice message from its recognized text', async () => {
    at(Date.now() / 1000);
    const voice = { MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '运费多少' };
    expect(
      content(await push(pushXml({ from: 'o-voice', at: now, msgId: '9000000000000000003', ...voice }))),
    ).toMatch(/99/);
  });

  it('welcomes a follower with the most asked questions, and a number picks one', async () => {
    at(Date.now() / 1000);
    for (const [i, from] of ['o-q1', 'o-q2'].entries())
      await push(pushXml({ from, at: now, Content: '运费多少', msgId: `900000000000000001${i}` }));
    // The schedule writes the turns out, and adds their answers to the most asked counts a few minutes later.
    await stack.services.conversations.writeDueTurns(new Date(now.getTime() + 60_000));
    await stack.services.reports.rollUp(new Date(now.getTime() + 4 * 60_000));
    const { best } = await stack.services.faq.match('运费多少');
    const asked = (await stack.services.faq.entry(best!.id))!.questions[0];

    const follow = fixtureText('oa/event_subscribe.xml'); // FromUser follows at CreateTime 123456789
    const welcome = content(await push(follow));
    expect(welcome).toContain(`\n1. ${asked}\n`);
    expect(await push(follow)).toEqual({ status: 200, text: 'success' });
    const pick = pushXml({ from: 'FromUser', at: now, Content: '1', msgId: '9000000000000000020' });
    expect(content(await push(pick))).toMatch(/99/);
  });

  it('acks an unfollow without answering', async () => {
    at(Date.now() / 1000);
    const xml = pushXml({ from: 'o-gone', at: now, MsgType: 'event', Event: 'unsubscribe' });
    expect(await push(xml)).toEqual({ status: 200, text: 'success' });
    expect(await transcript('o-gone')).toEqual([]);
  });

  it.each([
    ['image', { PicUrl: 'http://mmbiz.qpic.cn/x', MediaId: 'm' }],
    ['location', { Location_X: '23.1', Location_Y: '113.3', Scale: '20', Label: '广州' }],
    ['link', { Title: 'A page', Description: 'd', Url: 'https://example.com' }],
  ])('answers a %s politely, in the conversation’s language: only text can be read', async (type, fields) => {
    at(Date.now() / 1000);
    const xml = (from: string) =>
      pushXml({ from, at: now, MsgType: type, msgId: String(++msgId), ...fields });
    expect(content(await push(xml(`o-${type}`)))).toMatch(/只能识别文字/);
    await push(
      pushXml({
        from: `o-en-${type}`,
        at: now,
        Content: 'How long does shipping take?',
        msgId: String(++msgId),
      }),
    );
    expect(content(await push(xml(`o-en-${type}`)))).toMatch(/only read text/);
    expect((await transcript(`o-${type}`))[0]?.text).toMatch(/^\[.+\]$/);
  });

  it('answers hostile or malformed XML with a 4xx and keeps serving', async () => {
    at(Date.now() / 1000);
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`);
    const bomb = `<!DOCTYPE xml [<!ENTITY a0 "lol">${entities.join('')}]><xml><Content>&a9;</Content></xml>`;
    const xxe = '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>';
    expect((await push(bomb)).status).toBe(400);
    expect((await push(xxe)).status).toBe(400);
    expect((await push('<xml><Content>unclosed')).status).toBe(400);
    expect((await push(`<xml><Content>${'x'.repeat(40_000)}</Content></xml>`)).status).toBe(413);
    expect((await push(`<xml><Content>${'x'.repeat(100_000)}</Content></xml>`)).status).toBe(413);
    expect((await push('<xml><MsgType>text</MsgType></xml>')).status).toBe(400);
    const xml = pushXml({ from: 'o-after', at: now, Content: '运费多少', msgId: '9000000000000000030' });
    expect(content(await push(xml))).toMatch(/99/);
  });
});
