import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../../support/local-stack.js';
import { webClient } from '../../../support/web-client.js';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
type Client = ReturnType<typeof webClient>;

const faqAnswers = new Set(
  readFileSync('data/demo-faq.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { answer: string }).answer),
);

/** The ticket of a conversation, once the tickets worker has stored it. */
function ticketOf(stack: Stack, client: Client, conversationId: string) {
  return vi.waitFor(
    async () => {
      const found = (await client.agent(stack.agentToken).tickets()).find(
        (t) => t.ref.conversationId === conversationId,
      );
      if (!found) throw new Error('ticket not stored yet');
      return found;
    },
    { timeout: 10_000 },
  );
}

describe('conversation in staffed hours', () => {
  let stack: Stack;
  let client: Client;
  beforeAll(async () => {
    stack = await startTestStack({ hours: 'always' });
    client = webClient(stack.url);
  });
  afterAll(() => stack.stop());

  it.each([
    [
      'en',
      [
        'okay thank you',
        'got it',
        'hi there',
        'anybody there?',
        'are you a machine',
        'who am i speaking with',
      ],
    ],
    ['zh', ['嗯嗯好的', '知道了谢谢', '您好呀', '有人在吗', '你是人工智能吗', '你是干什么的']],
  ] as const)(
    'answers %s acks, greetings, presence checks and identity questions as small talk',
    async (lang, texts) => {
      for (const text of texts) {
        const chat = await client.open(lang);
        const [reply] = await chat.say(text);
        expect(reply?.text.length, text).toBeGreaterThan(0);
        expect(faqAnswers.has(reply!.text), `${text} → ${reply?.text}`).toBe(false);
      }
    },
  );

  it.each([
    ['en', 'I need some help', /what/i],
    ['zh', '我需要帮忙', /什么/],
  ] as const)('asks what a bare %s request for help is about', async (lang, text, asks) => {
    const [reply] = await (await client.open(lang)).say(text);
    expect(reply?.text).toMatch(asks);
  });

  it.each([
    ['en', 'will it snow in Beijing tomorrow'],
    ['en', 'do you have any internships for students'],
    ['zh', '明天杭州会下雨吗'],
    ['zh', '你们还招实习生吗'],
  ] as const)(
    'says honestly that it cannot help with a %s subject out of scope, and offers a person',
    async (lang, text) => {
      const chat = await client.open(lang);
      const [reply] = await chat.say(text);
      expect(faqAnswers.has(reply!.text)).toBe(false);
      expect(reply?.choices?.map((c) => c.id)).toEqual(['human']);
      const [queued] = await chat.say(lang === 'en' ? 'yes please' : '好的');
      expect(queued?.text).toMatch(/queue|排在/);
    },
  );

  it.each([
    ['en', 'Do you offer gift cards?', 'Do you offer gift wrap?'],
    ['zh', '可以买礼品卡吗', '能礼品包装吗'],
  ] as const)(
    'does not answer a %s question about gift cards with gift wrapping, but answers gift wrapping',
    async (lang, card, wrap) => {
      const wrapping = readFileSync('data/demo-faq.jsonl', 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; answer: string })
        .find((entry) => entry.id === `gift-wrapping.${lang}`)!.answer;
      const [reply] = await (await client.open(lang)).say(card);
      expect(reply?.text).not.toBe(wrapping);
      const [answer] = await (await client.open(lang)).say(wrap);
      expect(answer?.text).toBe(wrapping);
    },
  );

  it.each([
    ['en', 'could someone from your team call me back'],
    ['en', 'this is absolutely unacceptable'],
    ['zh', '我想找你们负责人谈谈'],
    ['zh', '你们的服务太差劲了'],
  ] as const)('hands a %s request for a person or a complaint to the queue', async (lang, text) => {
    const chat = await client.open(lang);
    const [queued] = await chat.say(text);
    expect(queued?.text).toMatch(/queue|排在/);
    expect((await ticketOf(stack, client, chat.conversationId)).question).toBe(text);
  });

  it.each([
    ['en', 'my cat chewed through the parcel box', ['thanks', '2'], 'get me a human'],
    ['zh', '我的猫把快递盒子咬坏了', ['好的谢谢', '2'], '转人工'],
  ] as const)(
    'gives a %s ticket the last real question, not an ack or a number',
    async (lang, question, after, ask) => {
      const chat = await client.open(lang);
      await chat.say(question);
      for (const text of after) await chat.say(text);
      await chat.say(ask);
      expect((await ticketOf(stack, client, chat.conversationId)).question).toBe(question);
    },
  );

  it('understands "keep waiting" in words when nobody claims in time', async () => {
    const chat = await client.open('zh');
    await chat.say('人工');
    await ticketOf(stack, client, chat.conversationId);
    expect(
      await stack.services.desk.offerUnclaimed(new Date(Date.now() + 10 * 60_000)),
    ).toBeGreaterThanOrEqual(1);
    const [waiting] = await chat.say('不用，我继续等');
    expect(waiting?.text).toMatch(/排在第 \d+ 位/);
  });
});

describe('conversation out of staffed hours', () => {
  // Sunday 29 November 2026, 12:00 in Shanghai: the demo shop is closed on Sundays.
  const sunday = new Date('2026-11-29T04:00:00Z');
  let stack: Stack;
  let client: Client;
  beforeAll(async () => {
    stack = await startTestStack({ hours: 'demo', clock: () => sunday });
    client = webClient(stack.url);
  });
  afterAll(() => stack.stop());

  it.each([
    [
      'en',
      'can I speak to someone',
      'sure, go ahead',
      'My parcel came without the charger',
      'jane@example.com',
    ],
    ['zh', '我要找客服', '好的', '收到的包裹里少了充电器', '13812345678'],
  ] as const)(
    'takes a %s "yes" in words, the message, then the contact',
    async (lang, ask, yes, message, contact) => {
      const chat = await client.open(lang);
      const [offer] = await chat.say(ask);
      expect(offer?.choices?.map((c) => c.id)).toEqual(['leave:yes', 'leave:no']);
      const [askMessage] = await chat.say(yes);
      expect(askMessage?.text).toMatch(/message|留言/i);
      await chat.say(message);
      await chat.say(contact);
      const ticket = await ticketOf(stack, client, chat.conversationId);
      expect([ticket.kind, ticket.message, ticket.contact, ticket.question]).toEqual([
        'message',
        message,
        contact,
        message,
      ]);
    },
  );

  it.each([
    [
      'en',
      'I want to talk to a person',
      'The rug I ordered has a stain on it and I want a new one',
      'me@example.com',
    ],
    ['zh', '转人工', '我买的地毯上有一块污渍，想换一条新的', '13900001111'],
  ] as const)('takes a %s message typed straight away at the offer', async (lang, ask, message, contact) => {
    const chat = await client.open(lang);
    await chat.say(ask);
    const [askContact] = await chat.say(message);
    expect(askContact?.text).toMatch(/phone|手机/i);
    await chat.say(contact);
    const ticket = await ticketOf(stack, client, chat.conversationId);
    expect([ticket.message, ticket.contact]).toEqual([message, contact]);
    expect(ticket.question).not.toBe(contact);
  });

  it.each([
    ['en', 'no thanks', /no message/i],
    ['zh', '不用了谢谢', /不留言/],
  ] as const)('takes a %s "no" in words to the offer', async (lang, no, declined) => {
    const chat = await client.open(lang);
    await chat.say(lang === 'en' ? 'human please' : '人工');
    const [reply] = await chat.say(no);
    expect(reply?.text).toMatch(declined);
  });

  it.each([
    ['en', 'I need a human please', 'How much is shipping?', 'cancel'],
    ['zh', '客服', '运费多少', '取消'],
  ] as const)(
    'keeps a %s customer’s further messages with the open message until it is withdrawn',
    async (lang, ask, question, cancel) => {
      const chat = await client.open(lang);
      await chat.say(ask);
      await chat.say(lang === 'en' ? 'yes' : '是');
      await chat.say(lang === 'en' ? 'My order 1234 arrived broken' : '我的订单 1234 到货就坏了');
      await chat.say(lang === 'en' ? 'me@example.com' : '13812345678');
      const ticket = await ticketOf(stack, client, chat.conversationId);

      const [held] = await chat.say(question);
      expect(faqAnswers.has(held!.text)).toBe(false);
      expect(held?.text).toMatch(/cancel|取消/);
      const stored = await stack.services.tickets.get(ticket.id);
      expect(stored?.followUps?.map((f) => f.text)).toEqual([question]);

      const [withdrawn] = await chat.say(cancel);
      expect(withdrawn?.text).toMatch(/withdrawn|撤回/);
      expect((await stack.services.tickets.get(ticket.id))?.status).toBe('cancelled');
      const [answer] = await chat.say(question);
      expect(answer?.text).toMatch(/99/);
    },
  );

  it.each([
    ['a follow-up', 'How much is shipping?', 'queued'],
    ['a withdrawal', 'cancel', 'cancelled'],
  ] as const)(
    'keeps %s written before the tickets worker stored the left message with it',
    async (_, text, status) => {
      // The tickets worker is slow: nothing is stored until the customer has written again.
      const { tickets } = stack.services;
      const create = tickets.create;
      let store!: () => void;
      const stored = new Promise<void>((resolve) => (store = resolve));
      tickets.create = async (ticket) => (await stored, create(ticket));
      const chat = await client.open('en');
      try {
        await chat.say('I need a human please');
        await chat.say('yes');
        await chat.say('My order 1234 arrived broken');
        await chat.say('me@example.com');
        const [reply] = await chat.say(text);
        expect(faqAnswers.has(reply!.text)).toBe(false);
        expect(reply?.text).toMatch(status === 'queued' ? /cancel/ : /withdrawn/);
      } finally {
        tickets.create = create;
        store();
      }
      // The draft stays in the state until a later message sees the ticket stored.
      const state = await stack.services.conversations.find(`web#${chat.conversationId}`);
      const id = state!.handoff!.ticket.id;
      await vi.waitFor(
        async () => {
          const ticket = await tickets.get(id);
          expect(ticket?.status).toBe(status);
          if (status === 'queued') expect(ticket?.followUps?.map((f) => f.text)).toEqual([text]);
        },
        { timeout: 10_000 },
      );
    },
  );
});
