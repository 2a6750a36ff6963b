import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type startTestStack, startTestStack as start } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let client: ReturnType<typeof webClient>;

beforeAll(async () => {
  stack = await start({ env: { FRONTDESK_LIVE_URL: 'wss://live.example/prod' } });
  client = webClient(stack.url);
});
afterAll(() => stack.stop());

describe('web chat with the demo FAQ', () => {
  it('answers an English question from the FAQ', async () => {
    const chat = await client.open('en');
    const [reply] = await chat.say('how long will shipping take?');
    expect(reply?.text).toMatch(/working days/i);
  });

  it('answers a Chinese question, in traditional characters too', async () => {
    const chat = await client.open('zh');
    expect((await chat.say('退款多久到账'))[0]?.text).toMatch(/工作日/);
    expect((await chat.say('退款多久到帳？'))[0]?.text).toMatch(/工作日/);
  });

  it('offers choices for a vague question and a numbered reply picks one', async () => {
    const chat = await client.open('en');
    const [offer] = await chat.say('returns');
    expect(offer?.choices?.length).toBeGreaterThanOrEqual(2);
    const first = offer!.choices![0]!;
    expect(first.id).toMatch(/^faq:/);
    const [picked] = await chat.say('1');
    const viaButton = await (await client.open('en')).say('returns');
    expect(picked?.text.length).toBeGreaterThan(20);
    expect(viaButton[0]?.choices?.[0]?.id).toBe(first.id);
  });

  it('answers shop questions from the FAQ even when they share words with small talk', async () => {
    const chat = await client.open('en');
    expect((await chat.say('where is my order'))[0]?.text).toMatch(/track/i);
    expect((await chat.say('how much is shipping'))[0]?.text).toMatch(/99/);
    const zh = await client.open('zh');
    expect((await zh.say('怎么申请退款'))[0]?.text).toMatch(/退/);
  });

  it('chats politely when the message is small talk', async () => {
    const chat = await client.open('zh');
    const [hello] = await chat.say('你好');
    expect(hello?.text).toMatch(/您好|你好/);
    const [thanks] = await (await client.open('en')).say('thanks a lot');
    expect(thanks?.text).toMatch(/welcome|pleasure|glad/i);
  });

  it('falls back, then offers a person after repeated misses', async () => {
    const chat = await client.open('en');
    const [first] = await chat.say('qwxz plorb vented quasar');
    expect(first?.choices).toBeUndefined();
    const [second] = await chat.say('zorp flange morbid tarantula');
    expect(second?.choices?.map((c) => c.id)).toEqual(['human']);
  });

  it('keeps the transcript for the widget to restore', async () => {
    const chat = await client.open('en');
    await chat.say('hello');
    const transcript = await chat.transcript();
    expect(transcript.map((line) => line.role)).toEqual(['user', 'bot']);
    expect(transcript[0]?.text).toBe('hello');
  });
});

describe('web chat input handling', () => {
  it('refuses a token for another conversation with 401 and answers nothing', async () => {
    const mine = await client.open();
    const theirs = await client.open();
    const res = await client.call(
      'POST',
      `/web/conversations/${theirs.conversationId}/messages`,
      mine.token,
      { text: 'hi' },
    );
    expect(res.status).toBe(401);
    expect(await theirs.transcript()).toEqual([]);
  });

  it('rejects empty, too long, malformed and oversized messages with 4xx', async () => {
    const chat = await client.open();
    const path = `/web/conversations/${chat.conversationId}/messages`;
    expect((await client.call('POST', path, chat.token, { text: '   ' })).status).toBe(400);
    const long = await client.call('POST', path, chat.token, { text: 'x'.repeat(1001) });
    expect([long.status, long.body.error.code]).toEqual([400, 'too_long']);
    const bad = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(bad.status).toBe(400);
    const huge = await client.call('POST', path, chat.token, { text: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(await chat.transcript()).toEqual([]);
  });

  it('answers a retried message (same clientMessageId) once: the retry gets the same answer again', async () => {
    const chat = await client.open('en');
    const path = `/web/conversations/${chat.conversationId}/messages`;
    const body = { text: 'how much is shipping', clientMessageId: 'm-1' };
    const first = await client.call('POST', path, chat.token, body);
    const retry = await client.call('POST', path, chat.token, body);
    expect(first.body.replies).toHaveLength(1);
    expect(retry.body).toEqual(first.body);
    expect((await chat.transcript()).map((l) => l.role)).toEqual(['user', 'bot']);
  });

  it('refuses bodies not sent as JSON with 415: a cross-site simple request opens nothing', async () => {
    const before = await stack.services.conversations.transcript('web#none');
    const plain = await fetch(`${stack.url}/web/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      body: '{"lang":"en"}',
    });
    expect([plain.status, (await plain.json()).error.code]).toEqual([415, 'unsupported_media_type']);
    const bare = await fetch(`${stack.url}/web/conversations`, { method: 'POST' });
    expect(bare.status).toBe(415);
    const chat = await client.open('en');
    const form = await fetch(`${stack.url}/web/conversations/${chat.conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hi',
    });
    expect(form.status).toBe(415);
    expect(await chat.transcript()).toEqual([]);
    expect(before).toEqual([]);
  });

  it('serves health, the OpenAPI document and the pages', async () => {
    expect((await client.call('GET', '/health')).body).toEqual({ ok: true });
    const doc = (await client.call('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toContain('/web/conversations/{id}/messages');
    expect(doc.components.schemas.PostMessage.properties.text.type).toBe('string');
    const console = await fetch(`${stack.url}/agent`);
    expect([console.status, console.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('refuses a malformed body when opening a conversation', async () => {
    const res = await fetch(`${stack.url}/web/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"lang":',
    });
    expect(res.status).toBe(400);
    expect((await client.call('POST', '/web/conversations', undefined, { lang: 'fr' })).status).toBe(400);
  });

  it('tells the widget where the live socket is when it is served elsewhere (API Gateway)', async () => {
    const { body } = await client.call('POST', '/web/conversations', undefined, {});
    const live = new URL(body.liveUrl);
    expect(live.origin + live.pathname).toBe('wss://live.example/prod');
    expect([live.searchParams.get('conversationId'), live.searchParams.get('token')]).toEqual([
      body.conversationId,
      body.token,
    ]);
  });

  it('lets a widget on another site call the web API (CORS preflight)', async () => {
    const res = await fetch(`${stack.url}/web/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});

describe('the message rate', () => {
  let pinned: Awaited<ReturnType<typeof startTestStack>>;
  // The limiter's window is the clock's minute: a clock that stays inside one minute keeps all 21 in one window.
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  let ticks = 0;
  beforeAll(async () => {
    pinned = await start({ clock: () => new Date(minute + ticks++) });
  });
  afterAll(() => pinned.stop());

  it('is limited per conversation with 429', async () => {
    const pinnedClient = webClient(pinned.url);
    const chat = await pinnedClient.open('en');
    const path = `/web/conversations/${chat.conversationId}/messages`;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await pinnedClient.call('POST', path, chat.token, { text: `hi ${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const next = await pinnedClient.call('POST', path, chat.token, { text: 'hi', clientMessageId: 'later' });
    expect(next.body.error.code).toBe('rate_limited');
    ticks += 60_000;
    expect(
      (await pinnedClient.call('POST', path, chat.token, { text: 'hi', clientMessageId: 'later' })).status,
    ).toBe(200);
  });
});

describe('opening conversations', () => {
  let limited: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    limited = await start({ env: { FRONTDESK_CONVERSATIONS_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.stop());

  it('limits new conversations per client address with 429 (FRONTDESK_CONVERSATIONS_PER_MINUTE)', async () => {
    const opener = webClient(limited.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await opener.call('POST', '/web/conversations', undefined, {})).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await opener.call('POST', '/web/conversations', undefined, {});
    expect(refused.body.error.code).toBe('rate_limited');
  });
});
