import { describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../../channels/slack/slack-channel.js';
import type { ChannelStore, Parsed, RawRequest, WebhookChannel } from '../../../channels/types.js';
import {
  BOT_USER,
  clickBody,
  commandBody,
  eventBody,
  fixture,
  type HttpFixture,
  TEAM,
} from './slack-fixtures.js';

const unused: ChannelStore = {
  get: () => Promise.reject(new Error('parse must not touch the store')),
  put: () => Promise.reject(new Error('parse must not touch the store')),
  putIfAbsent: () => Promise.reject(new Error('parse must not touch the store')),
  delete: () => Promise.reject(new Error('parse must not touch the store')),
};

function slack(env: Record<string, string> = {}) {
  const logged: string[] = [];
  const channel = createSlackChannel({
    env: { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_AGENT_CHANNEL: 'CDESK', ...env },
    store: unused,
    fetch: () => Promise.reject(new Error('parse must not call out')),
    log: (line) => logged.push(line),
  }) as WebhookChannel;
  return {
    parse: (body: string, headers: Record<string, string> = {}) => channel.parse(raw(body, headers)),
    logged,
  };
}
const raw = (body: string, headers: Record<string, string> = {}): RawRequest => ({
  method: 'POST',
  headers,
  query: {},
  body,
});
const http = (name: string) => fixture<HttpFixture>(`http/${name}`);
const messageOf = (parsed: Parsed) => {
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${parsed.kind}`);
  return parsed.message;
};

describe('parsing the fixtures', () => {
  it('answers url_verification with the challenge as text', () => {
    expect(slack().parse(http('url_verification.json').raw_body)).toEqual({
      kind: 'handshake',
      reply: {
        status: 200,
        body: fixture('events/url_verification.json').challenge,
        headers: { 'content-type': 'text/plain' },
      },
    });
  });

  it('takes an app_mention, without the mention, to be answered in its thread; a retry is the same message', () => {
    const first = messageOf(slack().parse(http('event_callback_app_mention.json').raw_body));
    expect(first).toEqual({
      id: 'Ev123ABC456',
      from: {
        channel: 'slack',
        conversationId: 'T123ABC456:C123ABC456:U061F7AUR',
        userId: 'U061F7AUR',
        address: { channel: 'C123ABC456', thread_ts: '1515449522.000016' },
      },
      text: 'is it everything a river should be?',
      receivedAt: 1515449522000,
    });
    expect(messageOf(slack().parse(http('event_callback_app_mention.retry.json').raw_body))).toEqual(first);
  });

  it('answers plain channel messages only in the channels it listens to', () => {
    const body = http('event_callback_message.json').raw_body;
    expect(slack().parse(body).kind).toBe('ignore');
    const message = messageOf(slack({ SLACK_LISTEN_CHANNELS: 'C999, C123ABC456' }).parse(body));
    expect([message.id, message.text, message.from.address]).toEqual([
      'Ev123ABC456',
      'Hello world',
      { channel: 'C123ABC456', thread_ts: '1355517523.000005' },
    ]);
    expect(messageOf(slack({ SLACK_LISTEN_CHANNELS: '*' }).parse(body)).text).toBe('Hello world');
    // There the message event carries the mention too, so the app_mention would answer twice.
    expect(
      slack({ SLACK_LISTEN_CHANNELS: '*' }).parse(http('event_callback_app_mention.json').raw_body).kind,
    ).toBe('ignore');
  });

  it('ignores bot messages and edits', () => {
    expect(slack().parse(http('event_callback_bot_message.json').raw_body)).toEqual({
      kind: 'ignore',
      reply: { status: 200, body: '' },
    });
    expect(
      slack({ SLACK_LISTEN_CHANNELS: '*' }).parse(http('event_callback_message_changed.json').raw_body).kind,
    ).toBe('ignore');
  });

  it('acks app_rate_limited and logs it', () => {
    const { parse, logged } = slack();
    expect(parse(JSON.stringify(fixture('events/app_rate_limited.json'))).kind).toBe('ignore');
    expect(logged.join()).toMatch(/app_rate_limited/);
  });

  it("ignores clicks on buttons that are not frontdesk's", () => {
    expect(slack().parse(http('block_actions.json').raw_body).kind).toBe('ignore');
  });

  it('answers an empty slash command with how to use it, privately', () => {
    const parsed = slack().parse(http('slash_command.json').raw_body, http('slash_command.json').headers);
    expect(parsed.kind).toBe('ignore');
    const reply = (parsed as { reply: { body: string } }).reply;
    expect(JSON.parse(reply.body)).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^Ask a question privately: \/webhook-collect /),
    });
  });

  it('answers ssl_check with an empty 200', () => {
    expect(slack().parse('ssl_check=1&token=x')).toEqual({
      kind: 'handshake',
      reply: { status: 200, body: '' },
    });
  });
});

describe('parsing fresh payloads', () => {
  it('gives a direct message one private conversation per user and decodes the text', () => {
    const body = eventBody({
      channel: 'D024BE91L',
      channel_type: 'im',
      user: 'U1',
      text: 'is &lt;b&gt; ok? <https://x.example|this> <#C1|general>',
      ts: '1700000000.000100',
    });
    const message = messageOf(slack().parse(body));
    expect(message.from.conversationId).toBe(`${TEAM}:U1`);
    expect(message.text).toBe('is <b> ok? this #general');
  });

  it('ignores our own messages, bot ids and empty mentions', () => {
    const { parse } = slack();
    expect(parse(eventBody({ channel: 'D1', channel_type: 'im', user: BOT_USER })).kind).toBe('ignore');
    expect(parse(eventBody({ channel: 'D1', channel_type: 'im', user: 'U1', bot_id: 'B1' })).kind).toBe(
      'ignore',
    );
    expect(
      parse(eventBody({ type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UFRONTDESK>' })).kind,
    ).toBe('ignore');
  });

  it("turns a click on a choice into the user's pick, answered in place of the buttons", () => {
    const body = clickBody({
      user: 'U1',
      actionId: 'fd_choice_0',
      value: 'human',
      label: 'Talk to a person',
      channel: 'C1',
      messageTs: '1700000000.000200',
      threadTs: '1700000000.000100',
    });
    const message = messageOf(slack().parse(body));
    expect([message.text, message.choice, message.from.conversationId]).toEqual([
      'Talk to a person',
      'human',
      `${TEAM}:C1:U1`,
    ]);
    expect(message.from.address).toEqual({
      channel: 'C1',
      thread_ts: '1700000000.000100',
      replace_ts: '1700000000.000200',
    });
  });

  it('keeps private clicks and slash commands private, with a response_url only from Slack', () => {
    const hooks = 'https://hooks.slack.com/actions/T1/1/abc';
    const click = messageOf(
      slack().parse(
        clickBody({
          user: 'U1',
          actionId: 'fd_choice_1',
          value: 'faq:x',
          channel: 'C1',
          ephemeral: true,
          responseUrl: hooks,
        }),
      ),
    );
    expect(click.from.conversationId).toBe(`${TEAM}:U1`);
    expect(click.from.address).toMatchObject({ user: 'U1', response_url: hooks, replace: '1' });
    const command = commandBody({
      text: ' how long is shipping ',
      user: 'U2',
      responseUrl: 'https://evil.example/steal',
    });
    const asked = messageOf(slack().parse(command, { 'x-slack-request-timestamp': '1700000000' }));
    expect([asked.text, asked.from.conversationId, asked.receivedAt]).toEqual([
      'how long is shipping',
      `${TEAM}:U2`,
      1700000000000,
    ]);
    expect(asked.from.address).toEqual({ user: 'U2' });
  });

  it('hands agent-channel thread replies, card buttons and the FAQ modal to the desk', () => {
    const { parse } = slack();
    expect(
      parse(
        eventBody(
          { channel: 'CDESK', user: 'UA', text: 'On its way', ts: '2.0', thread_ts: '1.0' },
          'EvReply',
        ),
      ),
    ).toEqual({
      kind: 'desk',
      id: 'EvReply',
      action: {
        type: 'reply',
        agent: { userId: 'UA', name: 'UA' },
        channel: 'CDESK',
        threadTs: '1.0',
        text: 'On its way',
      },
    });
    expect(parse(eventBody({ channel: 'CDESK', user: 'UA', text: 'chatting', ts: '3.0' })).kind).toBe(
      'ignore',
    );
    const claim = parse(
      clickBody({
        user: 'UA',
        actionId: 'fd_desk_claim',
        value: 'ticket-1',
        channel: 'CDESK',
        messageTs: '1.0',
      }),
    );
    expect(claim).toMatchObject({
      kind: 'desk',
      action: {
        type: 'claim',
        ticketId: 'ticket-1',
        agent: { userId: 'UA', name: 'ua' },
        channel: 'CDESK',
        messageTs: '1.0',
      },
    });
    const view = {
      type: 'view_submission',
      user: { id: 'UA', name: 'ann' },
      view: {
        id: 'V1',
        callback_id: 'fd_desk_faq',
        private_metadata: 'ticket-1',
        state: { values: { question: { question: { value: ' Q? ' } }, answer: { answer: { value: 'A.' } } } },
      },
    };
    expect(parse(new URLSearchParams({ payload: JSON.stringify(view) }).toString())).toEqual({
      kind: 'desk',
      action: {
        type: 'save-faq',
        ticketId: 'ticket-1',
        agent: { userId: 'UA', name: 'ann' },
        question: 'Q?',
        answer: 'A.',
      },
    });
  });
});
