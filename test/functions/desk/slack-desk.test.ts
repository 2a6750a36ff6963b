import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shown, type SlackCall, startSlackApi } from '../../channels/slack/slack-api-stub.js';
import {
  clickBody,
  eventBody,
  nextTs,
  SECRET,
  slackHeaders,
  TEAM,
} from '../../channels/slack/slack-fixtures.js';
import { startTestStack } from '../../support/local-stack.js';
import { webClient } from '../../support/web-client.js';

const DESK = 'CDESK';
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  slack = await startSlackApi();
  stack = await startTestStack({
    env: {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      SLACK_AGENT_CHANNEL: DESK,
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await slack.close();
});

const post = async (body: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${stack.url}/webhooks/slack`, {
    method: 'POST',
    headers: { ...slackHeaders(body), ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
};
const eventually = <T>(find: () => T | undefined, what: string) =>
  vi.waitFor(() => find() ?? Promise.reject(new Error(`still waiting for ${what}`)), { timeout: 10_000 });
type Block = {
  type: string;
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
};
const buttons = (call: SlackCall) =>
  ((call.blocks as Block[] | undefined) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements!.map((e) => e.action_id));
const context = (call: SlackCall) =>
  ((call.blocks as Block[]).find((b) => b.type === 'context')?.elements?.[0]?.text as string).split('\n');

/** Waits for the card of the ticket whose question is `question`. */
const cardOf = (question: string) =>
  eventually(
    () =>
      slack
        .calls('chat.postMessage')
        .find((c) => c.channel === DESK && !c.thread_ts && shown(c).includes(question)),
    'the card',
  );
const ticketIdOf = (card: SlackCall) =>
  (card.blocks as Block[]).find((b) => b.type === 'actions')!.elements![0]!.value!;
const click = (user: string, actionId: string, card: SlackCall) =>
  post(clickBody({ user, actionId, value: ticketIdOf(card), channel: DESK, messageTs: card.posted_ts }));
const threadReply = (user: string, card: SlackCall, text: string, eventId?: string) =>
  eventBody(
    { channel: DESK, channel_type: 'channel', user, text, ts: nextTs(), thread_ts: card.posted_ts },
    eventId,
  );
const ephemeralTo = (user: string) =>
  slack
    .calls('chat.postEphemeral')
    .filter((c) => c.user === user)
    .map((c) => c.text);

describe('the agent desk in Slack', () => {
  it('takes a web user from a request for a person to a new FAQ answer', async () => {
    const web = webClient(stack.url);
    const user = await web.open('en');
    for (const text of ['hello', 'Do you sell gift wrapping?', 'Are your candles vegan?', 'agent'])
      await user.say(text);

    const card = await cardOf('Are your candles vegan?');
    const ticketId = ticketIdOf(card);
    expect(shown(card)).toMatch(/A web user asks for a person.*Waiting for under a minute/);
    expect(buttons(card)).toEqual(['fd_desk_claim', 'fd_desk_resolve', 'fd_desk_faq']);
    expect(context(card)).toHaveLength(6);
    expect(context(card)).toContain('*User:* Are your candles vegan?');

    await post(threadReply('UBOB', card, 'anyone?'));
    await eventually(() => ephemeralTo('UBOB')[0], 'a private note to Bob');
    expect(ephemeralTo('UBOB')).toEqual(['Not sent to the user. Claim the ticket first.']);

    expect((await click('UALICE', 'fd_desk_claim', card)).status).toBe(200);
    expect(slack.calls('reactions.add')).toContainEqual(
      expect.objectContaining({ channel: DESK, timestamp: card.posted_ts, name: 'eyes' }),
    );
    const claimed = slack
      .calls('chat.update')
      .filter((c) => c.ts === card.posted_ts)
      .at(-1)!;
    expect(shown(claimed)).toContain('Claimed by <@UALICE>');
    expect(buttons(claimed)).toEqual(['fd_desk_resolve', 'fd_desk_faq']);
    expect((await user.transcript()).at(-1)!.text).toBe('ualice has joined the conversation.');

    await click('UBOB', 'fd_desk_claim', card);
    await post(threadReply('UBOB', card, 'I can take it'));
    expect(ephemeralTo('UBOB').slice(1)).toEqual([
      '<@UALICE> has claimed this ticket.',
      'Not sent to the user. <@UALICE> has claimed this ticket.',
    ]);
    expect((await stack.services.tickets.get(ticketId))!.agentId).toBe('slack:UALICE');

    const answer = 'Yes, all our candles are made of soy wax.';
    const reply = threadReply('UALICE', card, answer, 'EvAliceAnswer');
    await post(reply);
    await post(reply, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    const agentLines = async () => (await user.transcript()).filter((l) => l.role === 'agent');
    expect(await agentLines()).toEqual([expect.objectContaining({ text: answer, agentName: 'ualice' })]);
    expect(ephemeralTo('UALICE')).toEqual([]);

    await user.say('Great, and the wicks?');
    await eventually(
      () =>
        slack
          .calls('chat.postMessage')
          .find((c) => c.thread_ts === card.posted_ts && c.text?.includes('Great, and the wicks?')),
      'the user message in the thread',
    );

    expect((await click('UALICE', 'fd_desk_resolve', card)).status).toBe(200);
    expect(slack.calls('reactions.add')).toContainEqual(
      expect.objectContaining({ timestamp: card.posted_ts, name: 'white_check_mark' }),
    );
    const resolved = slack
      .calls('chat.update')
      .filter((c) => c.ts === card.posted_ts)
      .at(-1)!;
    expect([shown(resolved).includes('Resolved by <@UALICE>'), buttons(resolved)]).toEqual([
      true,
      ['fd_desk_faq'],
    ]);
    expect((await user.transcript()).at(-1)!.text).toMatch(/marked as resolved/);
    expect((await user.say('How long does shipping take?'))[0]!.text).toBe(
      (await stack.services.faqStore.get('shipping-time.en'))!.answer,
    );

    await click('UALICE', 'fd_desk_faq', card);
    const [opened] = slack.calls('views.open');
    const view = opened!.view as {
      private_metadata: string;
      blocks: { element: { initial_value?: string } }[];
    };
    expect(opened!.trigger_id).toMatch(/^trigger-/);
    expect(view.private_metadata).toBe(ticketId);
    expect(view.blocks.map((b) => b.element.initial_value)).toEqual(['Are your candles vegan?', answer]);

    const bodyOf = (question: string, faqAnswer: string, trigger: string) => {
      const values = {
        question: { question: { value: question } },
        answer: { answer: { value: faqAnswer } },
      };
      const payload = {
        type: 'view_submission',
        user: { id: 'UALICE', name: 'ualice' },
        trigger_id: trigger,
        view: { id: 'V1', callback_id: 'fd_desk_faq', private_metadata: ticketId, state: { values } },
      };
      return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    };
    let submissions = 0;
    const submit = (question: string, faqAnswer: string) =>
      post(bodyOf(question, faqAnswer, `trigger-submit-${++submissions}`));
    const refused = await submit('Are your candles vegan?', '  ');
    expect(JSON.parse(refused.text)).toEqual({
      response_action: 'errors',
      errors: { answer: expect.any(String) },
    });
    expect(await submit('Are your candles vegan?', `${answer} And paraffin-free.`)).toEqual({
      status: 200,
      text: '',
    });
    expect(
      slack
        .calls('chat.postMessage')
        .filter((c) => c.thread_ts === card.posted_ts)
        .at(-1)!.text,
    ).toMatch(/UALICE> saved this as an FAQ answer/);
    // The same signed body again (a replay within Slack's 5 minutes) saves nothing a second time.
    const saved = () =>
      slack.calls('chat.postMessage').filter((c) => /saved this as an FAQ/.test(String(c.text)));
    expect(saved()).toHaveLength(1);
    const replay = bodyOf(
      'Are your candles vegan?',
      `${answer} And paraffin-free.`,
      `trigger-submit-${submissions}`,
    );
    expect(await post(replay)).toEqual({ status: 200, text: '' });
    expect(saved()).toHaveLength(1);

    const next = await web.open('en');
    expect((await next.say('Are your candles vegan?'))[0]!.text).toBe(`${answer} And paraffin-free.`);
  });

  it('relays the owner to a Slack user in their thread, and takes their rating by button', async () => {
    const ts = nextTs();
    await post(
      eventBody({
        channel: 'DCUSTOMER',
        channel_type: 'im',
        user: 'UCUSTOMER',
        text: 'talk to a person',
        ts,
      }),
    );
    const card = await cardOf('talk to a person');
    expect(shown(card)).toContain('A slack user asks for a person');
    await click('UALICE', 'fd_desk_claim', card);
    await post(threadReply('UALICE', card, 'Hi, Alice here. How can I help?'));
    const relayed = await eventually(
      () =>
        slack
          .calls('chat.postMessage')
          .find((c) => c.channel === 'DCUSTOMER' && c.text === 'Hi, Alice here. How can I help?'),
      'the reply in the user thread',
    );
    expect(relayed.thread_ts).toBe(ts);

    await click('UALICE', 'fd_desk_resolve', card);
    const rating = await eventually(
      () => slack.calls('chat.postMessage').find((c) => c.channel === 'DCUSTOMER' && buttons(c).length === 5),
      'the rating buttons',
    );
    const five = (rating.blocks as Block[]).find((b) => b.type === 'actions')!.elements![4]!;
    await post(
      clickBody({
        user: 'UCUSTOMER',
        actionId: five.action_id!,
        value: five.value!,
        label: '5',
        channel: 'DCUSTOMER',
        messageTs: rating.posted_ts,
        threadTs: ts,
      }),
    );
    const thanks = await eventually(
      () => slack.calls('chat.update').find((c) => c.ts === rating.posted_ts),
      'the thanks in place',
    );
    expect(thanks.text).toMatch(/Thanks for your feedback/);
    expect((await stack.services.tickets.get(ticketIdOf(card)))!.csat).toBe(5);
    expect((await stack.services.conversations.find(`slack#${TEAM}:UCUSTOMER`))!.ticketId).toBeUndefined();
  });

  it('reminds the channel of a transfer nobody claimed in time', async () => {
    const user = await webClient(stack.url).open('en');
    await user.say('Can someone check my custom engraving?');
    await user.say('agent');
    const card = await cardOf('Can someone check my custom engraving?');
    await stack.services.desk.offerUnclaimed(new Date(Date.now() + 10 * 60_000));
    const reminder = slack
      .calls('chat.postMessage')
      .find((c) => c.thread_ts === card.posted_ts && c.reply_broadcast === 'true');
    expect(reminder!.text).toMatch(/Nobody has claimed this yet: the user has waited (9|10) min/);
  });
});
