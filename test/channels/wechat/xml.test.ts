import { describe, expect, it } from 'vitest';
import { PayloadError } from '../../../channels/types.js';
import { buildXml, parseXml } from '../../../channels/wechat/xml.js';
import { fixtureText } from './fixtures.js';

const refusal = (body: string) => {
  try {
    parseXml(body);
  } catch (error) {
    return error instanceof PayloadError ? error.status : error;
  }
  return 'accepted';
};

describe('parseXml', () => {
  it('reads the doc fixtures, keeping 64-bit ids and numbers as strings', () => {
    expect(parseXml(fixtureText('oa/text_message.xml'))).toMatchObject({
      ToUserName: 'toUser',
      FromUserName: 'fromUser',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: 'this is a test',
      MsgId: '1234567890123456',
    });
    expect(parseXml(fixtureText('oa/voice_recognition.xml'))).toMatchObject({ Recognition: '腾讯微信团队' });
    expect(parseXml(fixtureText('oa/event_subscribe.xml'))).toMatchObject({ Event: 'subscribe' });
    expect(parseXml(fixtureText('oa/encrypted_compat_sample.decrypted.xml')).MsgId).toBe(
      '6054768590064713728',
    );
    expect(parseXml(fixtureText('wecom/text_message.decrypted.xml'))).toMatchObject({
      Content: 'this is a test',
      AgentID: '1',
    });
  });

  it('refuses an entity bomb without expanding it', () => {
    const lol = ['<!ENTITY a0 "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE xml [${lol.join('')}]><xml><Content>&a9;</Content></xml>`;
    expect(refusal(bomb)).toBe(400);
  });

  it('refuses external entities', () => {
    const xxe = '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>';
    expect(refusal(xxe)).toBe(400);
    expect(refusal('<!doctype xml SYSTEM "http://127.0.0.1/evil.dtd"><xml><Content>a</Content></xml>')).toBe(
      400,
    );
  });

  it('never expands an undeclared entity reference', () => {
    expect(parseXml('<xml><Content>&lol;</Content></xml>').Content).toBe('&lol;');
  });

  it('lets a user mention a DOCTYPE inside CDATA', () => {
    const body = '<xml><Content><![CDATA[what is <!DOCTYPE html>?]]></Content></xml>';
    expect(parseXml(body).Content).toBe('what is <!DOCTYPE html>?');
  });

  it('refuses huge, malformed, deeply nested and foreign documents', () => {
    expect(refusal(`<xml><Content>${'a'.repeat(40_000)}</Content></xml>`)).toBe(413);
    expect(refusal('<xml><Content>unclosed</xml>')).toBe(400);
    expect(refusal('{"MsgType":"text"}')).toBe(400);
    expect(refusal(`<xml>${'<a>'.repeat(50)}${'</a>'.repeat(50)}</xml>`)).toBe(400);
    expect(refusal('<xml>text only</xml>')).toBe(400);
    expect(refusal('<xml><__proto__>x</__proto__></xml>')).toBe(400);
  });
});

describe('buildXml', () => {
  it('builds the passive reply of the doc example, and survives "]]>" in the text', () => {
    const reply = { ToUserName: 'toUser', FromUserName: 'fromUser', CreateTime: 12345678, MsgType: 'text' };
    const fields = parseXml(fixtureText('oa/passive_reply_text.xml'));
    expect(parseXml(buildXml({ ...reply, Content: '你好' }))).toEqual(fields);
    expect(parseXml(buildXml({ ...reply, Content: 'a]]>b' })).Content).toBe('a]]>b');
  });
});
