import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dingTalkFromEnv } from '../../../channels/dingtalk/channel.js';
import { openApiTemplate, sessionWebhookBody } from '../../../channels/dingtalk/render.js';
import { type InboundMessage, PayloadError, type WebhookChannel } from '../../../channels/types.js';
import { dingTalkEnv, groupCallback, oneToOneCallback } from './dingtalk-fixtures.js';

const unused = () => {
  throw new Error('not used when parsing');
};
const channel = dingTalkFromEnv({
  env: dingTalkEnv('https://api.dingtalk.com'),
  store: { get: unused, put: unused, putIfAbsent: unused, delete: unused },
  fetch: unused,
  log: unused,
}) as WebhookChannel;
const parse = (body: unknown) =>
  channel.parse({ method: 'POST', headers: {}, query: {}, body: JSON.stringify(body) });
const message = (body: unknown) => {
  const parsed = parse(body);
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${parsed.kind}`);
  return parsed.message as InboundMessage;
};
const shared = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/platform/dingtalk', name), 'utf8'));

describe('parsing robot callbacks', () => {
  it('reads the doc’s group message: the asker’s own conversation in the group, and what replies need', () => {
    const msg = message(groupCallback({}));
    expect(msg).toMatchObject({
      id: 'msg0xxxxx',
      text: '你好',
      from: { channel: 'dingtalk', userId: 'user123' },
    });
    expect(msg.from.conversationId).toBe('xxx:user123');
    expect(msg.from.address).toMatchObject({
      conversationType: '2',
      openConversationId: 'xxx',
      staffId: 'user123',
      sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx',
    });
  });

  it('strips the @-mention from a group question, but leaves a one-to-one message as written', () => {
    expect(message(groupCallback({ text: { content: '@枫巷客服 运费多少' } })).text).toBe('运费多少');
    expect(message(groupCallback({ text: { content: ' @Maple @Ann how much is shipping' } })).text).toBe(
      'how much is shipping',
    );
    const direct = message(
      oneToOneCallback({ conversationId: 'cid-1', text: { content: ' @home delivery? ' } }),
    );
    expect([direct.text, direct.from.conversationId]).toEqual(['@home delivery?', 'cid-1']);
  });

  it('ignores what is not a question in text: pictures, and a bare mention', () => {
    expect(parse(oneToOneCallback({ msgtype: 'picture', text: undefined })).kind).toBe('ignore');
    expect(parse(groupCallback({ text: { content: ' @枫巷客服 ' } })).kind).toBe('ignore');
  });

  it('refuses a body whose sessionWebhook is not DingTalk’s, since the sign does not cover the body', () => {
    expect(() => parse(groupCallback({ sessionWebhook: 'http://169.254.169.254/latest' }))).toThrow(
      /sessionWebhook/,
    );
    expect(() => parse(groupCallback({ sessionWebhook: 'https://dingtalk.com.evil.example/x' }))).toThrow();
    expect(() => parse(groupCallback({ sessionWebhook: 'not a url' }))).toThrow(PayloadError);
    expect(() => parse(groupCallback({ sessionWebhook: 'http://oapi.dingtalk.com/robot' }))).toThrow(
      /allowed hosts: oapi\.dingtalk\.com, api\.dingtalk\.com/,
    );
  });

  it('takes the session webhook hosts from DINGTALK_WEBHOOK_HOSTS when set', () => {
    const proxied = dingTalkFromEnv({
      env: { ...dingTalkEnv('https://api.dingtalk.com'), DINGTALK_WEBHOOK_HOSTS: 'dingtalk.proxy.example' },
      store: { get: unused, put: unused, putIfAbsent: unused, delete: unused },
      fetch: unused,
      log: unused,
    }) as WebhookChannel;
    const read = (sessionWebhook: string) =>
      proxied.parse({
        method: 'POST',
        headers: {},
        query: {},
        body: JSON.stringify(groupCallback({ sessionWebhook })),
      });
    expect(read('https://dingtalk.proxy.example/robot/sendBySession?session=1').kind).toBe('message');
    expect(() => read('https://oapi.dingtalk.com/robot/sendBySession?session=1')).toThrow(PayloadError);
  });
});

describe('rendering replies', () => {
  it('shapes sessionWebhook bodies as the official SDK does', () => {
    expect(sessionWebhookBody({ text: '你好，这是回复' }, 'user123')).toEqual(
      shared('reply_text.sessionwebhook.json').body,
    );
    expect(sessionWebhookBody({ text: '你好' })).toEqual({ msgtype: 'text', text: { content: '你好' } });
  });

  it('turns choices into a numbered markdown list with a prompt in the message’s language', () => {
    const choices = [
      { id: 'faq:a', label: 'How long does a refund take?' },
      { id: 'faq:b', label: 'How do I return an item?' },
    ];
    const body = sessionWebhookBody({ text: 'Did you mean:', choices });
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Did you mean:' } });
    expect((body as { markdown: { text: string } }).markdown.text).toBe(
      'Did you mean:\n\n1. How long does a refund take?\n2. How do I return an item?\n\nReply with a number to choose.',
    );
    const zh = openApiTemplate({ text: '您是想问：', choices });
    expect(zh.msgKey).toBe('sampleMarkdown');
    expect(JSON.parse(zh.msgParam).text).toMatch(/1\. How long[\s\S]*回复数字即可选择/);
    expect(openApiTemplate({ text: 'hi' })).toEqual({ msgKey: 'sampleText', msgParam: '{"content":"hi"}' });
  });
});
