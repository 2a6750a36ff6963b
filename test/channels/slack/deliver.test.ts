import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApi } from '../../../channels/slack/api.js';
import { deliverToSlack } from '../../../channels/slack/deliver.js';
import type { ConversationRef, DeliveryAttempt, OutboundMessage } from '../../../channels/types.js';
import { createChannelStore } from '../../../functions/core/channel-store.js';
import { createDb } from '../../../functions/core/db.js';
import { dynamoLocalTable } from '../../support/aws.js';
import type { Recorded } from '../../support/recording-server.js';
import { slackAnswer, startSlackApi } from './slack-api-stub.js';
import { nextTs } from './slack-fixtures.js';

let slack: Awaited<ReturnType<typeof startSlackApi>>;
let send: (to: ConversationRef, message: OutboundMessage, delivery?: DeliveryAttempt) => Promise<void>;

beforeAll(async () => {
  slack = await startSlackApi();
  const { client, tableName } = await dynamoLocalTable();
  const store = createChannelStore(createDb(client, tableName));
  const api = createSlackApi({ botToken: 'xoxb-test-token', apiUrl: slack.apiUrl }, fetch);
  send = (to, message, delivery) => deliverToSlack(api, store, to, message, delivery);
});
afterAll(() => slack.close());

const to = (address: Record<string, string>): ConversationRef => ({
  channel: 'slack',
  conversationId: 'T:C:U1',
  userId: 'U1',
  address,
});
const later = () => String(Date.now() + 60_000);

describe('delivering to Slack', () => {
  it('does not post a retried delivery again that an attempt which then died had posted, in a thread or a DM', async () => {
    const thread = nextTs();
    const posts = () => slack.calls('chat.postMessage').filter((c) => c.text === 'Your refund is on its way');
    for (const [where, id] of [
      [{ channel: 'C1', thread_ts: thread }, 'reply#slack#Ev1#0'],
      [{ channel: 'D1' }, 'reply#slack#Ev2#0'],
    ] as const) {
      const before = posts().length;
      // The first attempt posts (its delivery id rides in the message's metadata) and its process dies.
      await send(to(where), { text: 'Your refund is on its way' }, { id });
      const since = Date.now() - 5_000;
      await send(to(where), { text: 'Your refund is on its way' }, { id, since });
      expect(posts().length - before).toBe(1);
      expect(JSON.parse(String(posts().at(-1)!.metadata))).toEqual({
        event_type: 'frontdesk_delivery',
        event_payload: { id },
      });
    }
    // Slack was asked for the thread's replies and the DM's history, with the metadata.
    expect(slack.calls('conversations.replies').at(-1)).toMatchObject({ channel: 'C1', ts: thread });
    expect(slack.calls('conversations.history').at(-1)).toMatchObject({ channel: 'D1' });
  });

  it('posts a retried delivery that no earlier attempt got through, after looking', async () => {
    const thread = nextTs();
    const down = (req: Recorded) =>
      req.path.endsWith('/chat.postMessage') ? { status: 500, body: { ok: false } } : slackAnswer(req);
    slack.answerWith(down);
    const id = 'reply#slack#Ev3#0';
    await expect(
      send(to({ channel: 'C1', thread_ts: thread }), { text: 'Back soon' }, { id }),
    ).rejects.toThrow();
    slack.answerWith(slackAnswer);
    await send(
      to({ channel: 'C1', thread_ts: thread }),
      { text: 'Back soon' },
      { id, since: Date.now() - 5_000 },
    );
    const accepted = slack.calls('chat.postMessage').filter((c) => c.thread_ts === thread && c.posted_ts);
    expect(accepted.map((c) => c.text)).toEqual(['Back soon']);
  });

  it('posts in the thread of the question, escaped, with the bot token', async () => {
    const thread = nextTs();
    await send(to({ channel: 'C1', thread_ts: thread }), { text: 'Use <b> & <!channel>' });
    const call = slack.calls('chat.postMessage').find((c) => c.thread_ts === thread);
    expect(call).toMatchObject({ channel: 'C1', text: 'Use &lt;b&gt; &amp; &lt;!channel&gt;' });
    expect(slack.raw('chat.postMessage').at(-1)!.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  it('renders choices as Block Kit buttons whose values are the choice ids', async () => {
    const thread = nextTs();
    await send(to({ channel: 'C1', thread_ts: thread }), {
      text: 'Did you mean one of these?',
      choices: [
        { id: 'faq:track-order.en', label: 'Where is my order?' },
        { id: 'human', label: 'Talk to a person' },
      ],
    });
    const call = slack.calls('chat.postMessage').find((c) => c.thread_ts === thread)!;
    const actions = (
      call.blocks as { type: string; elements?: { value: string; text: { text: string } }[] }[]
    ).find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => [e.text.text, e.value])).toEqual([
      ['Where is my order?', 'faq:track-order.en'],
      ['Talk to a person', 'human'],
    ]);
  });

  it('answers a click in place of the buttons once, then in the thread', async () => {
    const [thread, buttons] = [nextTs(), nextTs()];
    const clicked = to({ channel: 'C1', thread_ts: thread, replace_ts: buttons });
    await send(clicked, { text: 'Orders ship within 24 hours.' });
    await send(clicked, { text: 'Ann has joined the conversation.' });
    expect(
      slack
        .calls('chat.update')
        .filter((c) => c.ts === buttons)
        .map((c) => c.text),
    ).toEqual(['Orders ship within 24 hours.']);
    expect(
      slack
        .calls('chat.postMessage')
        .filter((c) => c.thread_ts === thread)
        .map((c) => c.text),
    ).toEqual(['Ann has joined the conversation.']);
  });

  it('answers privately through the response_url, in place first, and in the DM once Slack no longer takes it', async () => {
    const url = `${slack.url}/respond/${nextTs()}`;
    await send(to({ user: 'U1', response_url: url, response_until: later(), replace: '1' }), {
      text: 'first',
    });
    await send(to({ user: 'U1', response_url: url, response_until: later(), replace: '1' }), {
      text: 'second',
    });
    expect(
      slack.calls(url.slice(slack.url.length)).map((c) => [c.text, c.replace_original, c.response_type]),
    ).toEqual([
      ['first', true, 'ephemeral'],
      ['second', false, 'ephemeral'],
    ]);
    await send(to({ user: 'U7', response_url: url, response_until: String(Date.now() - 1) }), {
      text: 'expired',
    });
    slack.answerWith((req) =>
      req.path.startsWith('/respond/') ? { status: 404, body: 'used_url' } : slackAnswer(req),
    );
    await send(to({ user: 'U8', response_url: `${slack.url}/respond/spent`, response_until: later() }), {
      text: 'refused',
    });
    slack.answerWith(slackAnswer);
    const dms = slack.calls('chat.postMessage').filter((c) => c.channel === 'U7' || c.channel === 'U8');
    expect(dms.map((c) => [c.channel, c.text, c.thread_ts])).toEqual([
      ['U7', 'expired', undefined],
      ['U8', 'refused', undefined],
    ]);
  });

  it('waits the Retry-After of a 429 before trying again', async () => {
    const thread = nextTs();
    const attempts: number[] = [];
    slack.answerWith((req) => {
      if (!req.body.includes(thread)) return slackAnswer(req);
      attempts.push(Date.now());
      return attempts.length === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
        : slackAnswer(req);
    });
    await send(to({ channel: 'C1', thread_ts: thread }), { text: 'after the limit' });
    slack.answerWith(slackAnswer);
    expect(attempts).toHaveLength(2);
    // The second attempt may come no sooner than Slack asked (a lower bound, not a speed measurement).
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1000);
    expect(slack.calls('chat.postMessage').filter((c) => c.thread_ts === thread)).toHaveLength(2);
  });

  it('throws when Slack refuses, so the queue retries', async () => {
    slack.answerWith((req) =>
      req.path.endsWith('/chat.postMessage')
        ? { body: { ok: false, error: 'channel_not_found' } }
        : slackAnswer(req),
    );
    await expect(send(to({ channel: 'CGONE', thread_ts: nextTs() }), { text: 'lost?' })).rejects.toThrow(
      /channel_not_found/,
    );
    slack.answerWith(slackAnswer);
  });
});
