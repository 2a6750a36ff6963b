import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { startDingTalkBridge } from '../../bridges/dingtalk-stream/bridge.js';
import {
  APP_SECRET,
  dingTalkEnv,
  dingTalkStandIn,
  oneToOneCallback,
  sessionPosts,
} from '../channels/dingtalk/dingtalk-fixtures.js';
import { startTestStack } from '../support/local-stack.js';
import { startRecordingServer } from '../support/recording-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dingtalk: Awaited<ReturnType<typeof startRecordingServer>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let gateway: WebSocketServer;
const connections: WebSocket[] = [];
const frames: { code: number; headers: { messageId: string }; data: string }[] = [];

beforeAll(async () => {
  dingtalk = await startRecordingServer(dingTalkStandIn);
  stack = await startTestStack({ env: dingTalkEnv(dingtalk.url) });
  // A stand-in for DingTalk's stream gateway: it pushes frames to the client and records what comes back.
  gateway = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => gateway.once('listening', resolve));
  gateway.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  });
});
afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await stack.stop();
  await dingtalk.close();
});

/** The official SDK client, told to connect to the stand-in (its gateway lookup is a fixed https URL). */
async function connectedClient(appSecret: string, log: (line: string) => void = () => {}) {
  const client = new DWClient({ clientId: 'dingtestkey', clientSecret: appSecret });
  const { port } = gateway.address() as { port: number };
  client.getEndpoint = async () => {
    (client as unknown as { dw_url: string }).dw_url = `ws://127.0.0.1:${port}/connect?ticket=test`;
    return client;
  };
  startDingTalkBridge({ client, frontdeskUrl: stack.url, appSecret, log });
  const before = connections.length;
  await client.connect();
  await vi.waitFor(() => expect(connections.length).toBe(before + 1));
  return { client, socket: connections.at(-1)! };
}

const push = (socket: WebSocket, messageId: string, data: unknown) =>
  socket.send(
    JSON.stringify({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: { messageId, topic: TOPIC_ROBOT, contentType: 'application/json', time: String(Date.now()) },
      data: JSON.stringify(data),
    }),
  );

describe('the DingTalk Stream-mode bridge', () => {
  it('acks a robot message from the stream and answers it like an HTTP callback', async () => {
    const { client, socket } = await connectedClient(APP_SECRET);
    const message = oneToOneCallback({
      msgId: 'msg-stream',
      conversationId: 'cid-stream',
      senderStaffId: 'hana',
      text: { content: '运费多少' },
      sessionWebhook: `${dingtalk.url}/robot/sendBySession?session=stream`,
    });
    push(socket, 'frame-1', message);
    const ack = await vi.waitFor(() => {
      const found = frames.find((frame) => frame.headers.messageId === 'frame-1');
      if (!found) throw new Error('no ack yet');
      return found;
    });
    expect([ack.code, JSON.parse(ack.data)]).toEqual([200, { response: 'OK' }]);
    const answer = await vi.waitFor(
      () => {
        const [post] = sessionPosts(dingtalk.requests, 'stream');
        if (!post) throw new Error('no answer yet');
        return JSON.parse(post.body);
      },
      { timeout: 10_000 },
    );
    expect(answer.text.content).toMatch(/99/);
    client.disconnect();
  });

  it('leaves a message frontdesk refused unacked, so DingTalk pushes it again', async () => {
    const lines: string[] = [];
    const { client, socket } = await connectedClient('not-the-app-secret', (line) => lines.push(line));
    push(socket, 'frame-2', oneToOneCallback({ msgId: 'msg-refused', text: { content: '运费多少' } }));
    await vi.waitFor(() => expect(lines.join()).toMatch(/answered 401 to frame-2/));
    expect(frames.map((frame) => frame.headers.messageId)).not.toContain('frame-2');
    client.disconnect();
  });

  it('stays out of the Lambda code: nothing under functions/ or channels/ imports it or the Stream SDK', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join(dir, file));
    const offenders = [...sources('functions'), ...sources('channels')].filter((file) =>
      /from '(dingtalk-stream|[./]+\/bridges\/)/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
