import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadLetter, fauxqsClient } from '../../support/aws.js';
import { startTestStack } from '../../support/local-stack.js';
import { shown, slackAnswer, startSlackApi } from './slack-api-stub.js';
import {
  clickBody,
  commandBody,
  eventBody,
  fixture,
  nextTs,
  SECRET,
  slackHeaders,
} from './slack-fixtures.js';

let slack: Awaited<ReturnType<typeof startSlackApi>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;
const sqs = fauxqsClient();

beforeAll(async () => {
  slack = await startSlackApi();
  stack = await startTestStack({
    maxReceiveCount: 2,
    env: {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      SLACK_LISTEN_CHANNELS: 'CHELP',
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await slack.close();
});

const post = (body: string, headers: Record<string, string> = slackHeaders(body)) =>
  fetch(`${stack.url}/webhooks/slack`, { method: 'POST', headers, body });
const inThread = (ts: string) => slack.calls('chat.postMessage').filter((c) => c.thread_ts === ts);
/** A DM to the bot; waits for the answer in its thread and returns it. */
async function ask(text: string, user = 'UASKER') {
  const ts = nextTs();
  expect((await post(eventBody({ channel: 'DASKER', channel_type: 'im', user, text, ts }))).status).toBe(200);
  return vi.waitFor(
    () => {
      const [answer] = inThread(ts);
      if (!answer) throw new Error(`no answer to "${text}" yet`);
      return answer;
    },
    { timeout: 10_000 },
  );
}
const queued = async (url: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
};

describe('/webhooks/slack for end users', () => {
  it('answers url_verification and ssl_check', async () => {
    const challenge = fixture('events/url_verification.json');
    const res = await post(JSON.stringify(challenge));
    expect([res.status, await res.text()]).toEqual([200, challenge.challenge]);
    const ssl = await post('ssl_check=1&token=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([ssl.status, await ssl.text()]).toEqual([200, '']);
  });

  it('refuses forged and stale requests with 401 and queues nothing', async () => {
    const ts = nextTs();
    const body = eventBody({
      channel: 'DFORGED',
      channel_type: 'im',
      user: 'UFORGER',
      text: 'How long does shipping take?',
      ts,
    });
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      slackHeaders(body, { secret: 'not-the-secret' }),
      slackHeaders(body, { at: now - 330 }),
      // A margin over the 300 s, since the server's clock runs on while this test does; the exact edges are
      // tested with an injected clock in verify.test.ts.
      slackHeaders(body, { at: now + 330 }),
      { 'content-type': 'application/json' },
    ];
    for (const headers of attempts) expect((await post(body, headers)).status).toBe(401);
    expect(await queued(stack.services.config.inboundQueueUrl)).toBe(0);
    await ask('How long does shipping take?'); // the pipeline works, and the forged one never went through it
    expect(inThread(ts)).toEqual([]);
    expect(await stack.services.conversations.transcript('slack#T123ABC456:UFORGER')).toEqual([]);
  });

  it('answers a direct message in its thread', async () => {
    const answer = await ask('How long does shipping take?');
    expect(answer.channel).toBe('DASKER');
    expect(answer.text).toBe((await stack.services.faqStore.get('shipping-time.en'))!.answer);
  });

  it('answers a retry storm once', async () => {
    const ts = nextTs();
    const body = eventBody({
      channel: 'DSTORM',
      channel_type: 'im',
      user: 'USTORM',
      text: 'Do you sell gift wrapping?',
      ts,
    });
    const deliveries = [1, 2, 3].map((n) => ({
      ...slackHeaders(body),
      'x-slack-retry-num': String(n),
      'x-slack-retry-reason': 'http_timeout',
    }));
    const acks = await Promise.all([post(body), ...deliveries.map((headers) => post(body, headers))]);
    expect(acks.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await vi.waitFor(() => expect(inThread(ts)).toHaveLength(1), { timeout: 10_000 });
    await ask('What is your returns policy?'); // later work is done, so no second answer is on its way
    expect(inThread(ts)).toHaveLength(1);
  });

  it('answers a retry whose first attempt died after claiming the event, before queueing it', async () => {
    const ts = nextTs();
    const eventId = `Ev${ts.replace('.', '')}dead`;
    const body = eventBody(
      { channel: 'DDEAD', channel_type: 'im', user: 'UDEAD', text: 'Do you sell gift wrapping?', ts },
      eventId,
    );
    // The dead attempt: it claimed the event and never finishes (its process was killed).
    void stack.services.dedupe.once(`slack#${eventId}`, new Date(), () => new Promise(() => {}));
    const retry = { ...slackHeaders(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await post(body, retry)).status).toBe(200);
    const [answer] = await vi.waitFor(
      () => {
        const posted = inThread(ts);
        if (posted.length === 0) throw new Error('no answer yet');
        return posted;
      },
      { timeout: 10_000 },
    );
    expect(answer!.text).toBe((await stack.services.faqStore.get('gift-wrapping.en'))!.answer);
    await ask('What is your returns policy?');
    expect(inThread(ts)).toHaveLength(1);
  });

  it('answers mentions anywhere, every message where it listens, and never bots or edits', async () => {
    const [mention, listened, unlistened, bot, own, edit] = [
      nextTs(),
      nextTs(),
      nextTs(),
      nextTs(),
      nextTs(),
      nextTs(),
    ];
    const events = [
      {
        type: 'app_mention',
        channel: 'CELSE',
        user: 'U1',
        text: '<@UFRONTDESK> How long does shipping take?',
        ts: mention,
      },
      {
        channel: 'CHELP',
        channel_type: 'channel',
        user: 'U1',
        text: 'How long does shipping take?',
        ts: listened,
      },
      {
        channel: 'CELSE',
        channel_type: 'channel',
        user: 'U1',
        text: 'How long does shipping take?',
        ts: unlistened,
      },
      {
        channel: 'DASKER',
        channel_type: 'im',
        user: 'U1',
        bot_id: 'B1',
        text: 'How long does shipping take?',
        ts: bot,
      },
      {
        channel: 'DASKER',
        channel_type: 'im',
        user: 'UFRONTDESK',
        text: 'How long does shipping take?',
        ts: own,
      },
      {
        channel: 'DASKER',
        channel_type: 'im',
        subtype: 'message_changed',
        user: 'U1',
        text: 'How long?',
        ts: edit,
      },
    ];
    for (const event of events) expect((await post(eventBody(event))).status).toBe(200);
    await vi.waitFor(() => expect([inThread(mention).length, inThread(listened).length]).toEqual([1, 1]), {
      timeout: 10_000,
    });
    await ask('Do you sell gift wrapping?');
    expect([unlistened, bot, own, edit].flatMap(inThread)).toEqual([]);
  });

  it('offers choices as buttons, and a click answers in place of them', async () => {
    await ask('qwzx vbnm');
    const offer = await ask('zzkq plmo');
    const button = (
      offer.blocks as {
        type: string;
        elements?: { action_id: string; value: string; text: { text: string } }[];
      }[]
    ).find((b) => b.type === 'actions')!.elements![0]!;
    expect(button.value).toBe('human');
    const click = clickBody({
      user: 'UASKER',
      actionId: button.action_id,
      value: button.value,
      label: button.text.text,
      channel: 'DASKER',
      messageTs: offer.posted_ts,
      threadTs: offer.thread_ts,
    });
    expect((await post(click)).status).toBe(200);
    const replaced = await vi.waitFor(
      () => {
        const call = slack.calls('chat.update').find((c) => c.ts === offer.posted_ts);
        if (!call) throw new Error('not answered yet');
        return call;
      },
      { timeout: 10_000 },
    );
    expect([replaced.channel, shown(replaced)]).toEqual(['DASKER', expect.stringMatching(/queue/)]);
  });

  it('answers /frontdesk privately through the response_url', async () => {
    const responseUrl = `${slack.url}/respond/${nextTs()}`;
    const res = await post(
      commandBody({ text: 'How long does shipping take?', user: 'UPRIVATE', responseUrl }),
    );
    expect([res.status, await res.text()]).toEqual([200, '']);
    const [answer] = await vi.waitFor(
      () => {
        const calls = slack.calls(responseUrl.slice(slack.url.length));
        if (!calls.length) throw new Error('not answered yet');
        return calls;
      },
      { timeout: 10_000 },
    );
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      text: (await stack.services.faqStore.get('shipping-time.en'))!.answer,
    });
  });

  it('retries an answer Slack refuses and then dead-letters it', async () => {
    slack.answerWith((req) =>
      req.path.endsWith('/chat.postMessage')
        ? { body: { ok: false, error: 'channel_not_found' } }
        : slackAnswer(req),
    );
    const ts = nextTs();
    await post(
      eventBody({
        channel: 'DGONE',
        channel_type: 'im',
        user: 'UGONE',
        text: 'How long does shipping take?',
        ts,
      }),
    );
    const dead = await deadLetter(stack.dlq.outbound);
    slack.answerWith(slackAnswer);
    expect(dead.to.address).toEqual({ channel: 'DGONE', thread_ts: ts });
    expect(inThread(ts).length).toBeGreaterThanOrEqual(2);
  });
});
