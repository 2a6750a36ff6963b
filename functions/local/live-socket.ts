import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { createMemoryHub } from '../../channels/web/live.js';
import { verifyConversationToken } from '../../channels/web/token.js';

const LIVE_PATH = /^\/web\/conversations\/([\w-]+)\/live$/;

/**
 * Serves `GET /web/conversations/{id}/live?token=…` as a WebSocket on the local server: each watcher gets
 * `{"type":"message"}` when the conversation's transcript grows. In AWS, API Gateway's WebSocket API does this.
 */
export function attachLiveSockets(
  server: Server,
  hub: ReturnType<typeof createMemoryHub>,
  webSecret: string,
): void {
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const id = LIVE_PATH.exec(url.pathname)?.[1];
    if (!id || !verifyConversationToken(webSecret, id, url.searchParams.get('token') ?? '')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unwatch = hub.watch(id, () => ws.send(JSON.stringify({ type: 'message' })));
      ws.on('close', unwatch);
    });
  });
  server.on('close', () => sockets.close());
}
