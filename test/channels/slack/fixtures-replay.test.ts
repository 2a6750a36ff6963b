import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../support/local-stack.js';
import { startSlackApi } from './slack-api-stub.js';
import { fixture, type HttpFixture } from './slack-fixtures.js';

// Slack's own requests, replayed byte for byte at the moment they were signed (the stack's clock).
const http = (name: string) => fixture<HttpFixture & { method: string }>(`http/${name}`);
const mention = http('event_callback_app_mention.json');

let slack: Awaited<ReturnType<typeof startSlackApi>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  slack = await startSlackApi();
  stack = await startTestStack({
    clock: () => new Date(mention.verify_with_now_unix * 1000),
    env: {
      SLACK_SIGNING_SECRET: mention.signing_secret,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await slack.close();
});

const replay = (f: HttpFixture & { method: string }) =>
  fetch(`${stack.url}/webhooks/slack`, { method: f.method, headers: f.headers, body: f.raw_body });

describe('replaying the Slack fixtures through /webhooks/slack', () => {
  it('answers the url_verification challenge', async () => {
    const res = await replay(http('url_verification.json'));
    expect([res.status, await res.text()]).toEqual([200, fixture('events/url_verification.json').challenge]);
  });

  it('answers an app_mention once in its thread, though Slack retried it', async () => {
    expect((await replay(mention)).status).toBe(200);
    expect((await replay(http('event_callback_app_mention.retry.json'))).status).toBe(200);
    const thread = (fixture('events/event_callback_app_mention.json').event as { ts: string }).ts;
    await vi.waitFor(
      () => expect(slack.calls('chat.postMessage').filter((c) => c.thread_ts === thread)).toHaveLength(1),
      {
        timeout: 10_000,
      },
    );
    const lines = await stack.services.conversations.transcript('slack#T123ABC456:C123ABC456:U061F7AUR');
    expect(lines.map((l) => [l.role, l.role === 'user' ? l.text : '…'])).toEqual([
      ['user', 'is it everything a river should be?'],
      ['bot', '…'],
    ]);
  });

  it('acks the bot message, the edit, the foreign button and the empty slash command without answering', async () => {
    for (const name of [
      'event_callback_bot_message.json',
      'event_callback_message_changed.json',
      'block_actions.json',
    ])
      expect([name, (await replay(http(name))).status]).toEqual([name, 200]);
    const command = await replay(http('slash_command.json'));
    expect(JSON.parse(await command.text())).toMatchObject({ response_type: 'ephemeral' });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });
});
