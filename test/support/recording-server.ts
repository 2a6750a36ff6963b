import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the recording server received. */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };

/**
 * A local HTTP server standing in for a platform API (Slack Web API, WeChat, DingTalk, Bot Connector): it records
 * every request and answers with `respond(request)` (default: 200 `{"ok":true}`). Point the channel's base-URL
 * variable at `url`.
 */
export async function startRecordingServer(
  respond: (req: Recorded) => Answer | Promise<Answer> = () => ({}),
) {
  const requests: Recorded[] = [];
  let handler = respond;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://recording');
    const recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const answer = await handler(recorded);
    const body = answer.body === undefined ? { ok: true } : answer.body;
    res.writeHead(answer.status ?? 200, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
      ...answer.headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Replaces the answering function (e.g. to return a 429 once). */
    answerWith(next: typeof respond) {
      handler = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
