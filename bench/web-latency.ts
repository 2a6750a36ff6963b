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

const ROUNDS = 300;
const QUESTIONS = [
  'how much is shipping',
  '退款多久到账',
  'can I get an invoice',
  '怎么取消订单',
  'do you ship internationally',
];

async function time(rounds: number, call: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await call(i);
    latencies.push(performance.now() - start);
  }
  return latencies;
}

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
  let requests = 0;
  local.services.db.doc.middlewareStack.add((next) => (args) => (requests++, next(args)), {
    step: 'initialize',
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${local.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    }).then((res) => res.json());
  // A fresh conversation per 10 messages keeps the rate limit and transcript sizes realistic.
  let conversation = { conversationId: '', token: '' };
  const ask = async (i: number) => {
    if (i % 10 === 0) conversation = await post('/web/conversations', {});
    const reply = await post(
      `/web/conversations/${conversation.conversationId}/messages`,
      { text: QUESTIONS[i % QUESTIONS.length] },
      conversation.token,
    );
    if (!reply.replies?.length) throw new Error(`no reply: ${JSON.stringify(reply)}`);
  };
  await time(20, ask);
  const before = requests;
  const web = await time(ROUNDS, ask);
  // Opening conversations (its rate limit and first save, 2 requests) is not part of answering; count it out.
  const perMessage = (requests - before) / ROUNDS - 2 / 10;

  const bare = new Hono().post('/bare', async (c) => {
    const { doc, table } = local.services.db;
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'BENCH', sk: 'x' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'BENCH', sk: 'x', at: Date.now() } }));
    return c.json({ ok: true });
  });
  const server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const bareUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/bare`;
  const hit = () => fetch(bareUrl, { method: 'POST' }).then((res) => res.json());
  await time(20, hit);
  const baseline = await time(ROUNDS, hit);
  server.close();
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `\n## Web chat latency (local stack, ${ROUNDS} sequential messages, FAQ answers in zh and en)\n`,
  );
  console.log('| route | median ms | p95 ms |');
  console.log('|---|---|---|');
  console.log(
    `| POST /web/conversations/{id}/messages (full bot) | ${ms(quantile(web, 0.5))} | ${ms(quantile(web, 0.95))} |`,
  );
  console.log(
    `| bare Hono route: 1 DynamoDB read + 1 write | ${ms(quantile(baseline, 0.5))} | ${ms(quantile(baseline, 0.95))} |`,
  );
  console.log(`\nDynamoDB requests per answered message: ${perMessage.toFixed(1)}`);
}
