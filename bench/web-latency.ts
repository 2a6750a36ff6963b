import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { startLocal } from '../functions/local/start-local.js';
import { ms, quantile } from './stats.js';

// Web chat on the local stack (embedded dynalite + fauxqs, real HTTP): message → reply latency, next to a bare Hono
// route that does one DynamoDB read and one write on the same store, and DynamoDB requests per answered message.
// The two alternate message by message, so that a busy machine slows both alike.

const ROUNDS = 300;
const QUESTIONS = [
  'how much is shipping',
  '退款多久到账',
  'can I get an invoice',
  '怎么取消订单',
  'do you ship internationally',
];

// Runs a call and adds its time to `latencies`; warm-up calls pass none.
const timed = async (latencies: number[] | undefined, call: () => Promise<void>) => {
  const start = performance.now();
  await call();
  latencies?.push(performance.now() - start);
};

/** Prints the table. */
export async function run(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-'));
  const local = await startLocal({
    port: 0,
    dataDir,
    quiet: true,
    env: { FRONTDESK_MESSAGES_PER_MINUTE: '100000', FRONTDESK_CONVERSATIONS_PER_MINUTE: '100000' },
  });
  // Requests while a message is being answered, and the time with at least one of them in flight (requests sent
  // side by side count once).
  const tally = () => ({ requests: 0, ms: 0 });
  const counts = { web: tally(), bare: tally() };
  const dynamo: { inFlight: number; since: number; counting?: keyof typeof counts } = {
    inFlight: 0,
    since: 0,
  };
  local.services.db.doc.middlewareStack.add(
    (next) => async (args) => {
      const counting = dynamo.counting && counts[dynamo.counting];
      if (!counting) return next(args);
      counting.requests++;
      if (dynamo.inFlight++ === 0) dynamo.since = performance.now();
      try {
        return await next(args);
      } finally {
        if (--dynamo.inFlight === 0) counting.ms += performance.now() - dynamo.since;
      }
    },
    { step: 'initialize' },
  );

  const post = (url: string, body: unknown, token?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    }).then((res) => res.json());
  // A fresh conversation per 10 messages keeps the rate limit and transcript sizes realistic; opening one is not
  // part of answering, so it is not timed.
  let conversation = { conversationId: '', token: '' };
  const ask = async (i: number, latencies?: number[]) => {
    if (i % 10 === 0) conversation = await post(`${local.url}/web/conversations`, {});
    const url = `${local.url}/web/conversations/${conversation.conversationId}/messages`;
    dynamo.counting = latencies && 'web';
    await timed(latencies, async () => {
      const reply = await post(url, { text: QUESTIONS[i % QUESTIONS.length] }, conversation.token);
      if (!reply.replies?.length) throw new Error(`no reply: ${JSON.stringify(reply)}`);
    });
    dynamo.counting = undefined;
  };

  const bare = new Hono().post('/bare', async (c) => {
    const { doc, table } = local.services.db;
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'BENCH', sk: 'x' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'BENCH', sk: 'x', at: Date.now() } }));
    return c.json({ ok: true });
  });
  const server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const bareUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/bare`;
  const hit = async (latencies?: number[]) => {
    dynamo.counting = latencies && 'bare';
    await timed(latencies, () => post(bareUrl, {}).then(() => {}));
    dynamo.counting = undefined;
  };

  for (let i = 0; i < 20; i++) {
    await ask(i);
    await hit();
  }
  const web: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await ask(i, web);
    await hit(baseline);
  }
  server.close();
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `\n## Web chat latency (local stack, ${ROUNDS} messages, FAQ answers in zh and en, each followed by a bare request)\n`,
  );
  console.log('| route | median ms | p95 ms |');
  console.log('|---|---|---|');
  console.log(
    `| POST /web/conversations/{id}/messages (full bot) | ${ms(quantile(web, 0.5))} | ${ms(quantile(web, 0.95))} |`,
  );
  console.log(
    `| bare Hono route: 1 DynamoDB read + 1 write | ${ms(quantile(baseline, 0.5))} | ${ms(quantile(baseline, 0.95))} |`,
  );
  const ratio = quantile(web, 0.5) / quantile(baseline, 0.5);
  console.log(`\nfull bot / bare route, median: ${ratio.toFixed(2)}× (goal ≤ 2×)`);
  console.log(
    `DynamoDB requests per answered message: ${(counts.web.requests / ROUNDS).toFixed(1)}; waiting for ` +
      `DynamoDB (mean, the stand-in runs in this process): ${ms(counts.web.ms / ROUNDS)} ms of a message, ` +
      `${ms(counts.bare.ms / ROUNDS)} ms of a bare request`,
  );
}
