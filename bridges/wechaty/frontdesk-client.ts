import {
  type BridgeMessage,
  OutboxPage,
  SIGNATURE_HEADER,
  signBridgeRequest,
  TIMESTAMP_HEADER,
} from '../../channels/wechaty/protocol.js';

/** Frontdesk refused a message for good (a 4xx other than 401/429): retrying the same message cannot help. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** Signed calls from the bridge to `/webhooks/wechaty` (see channels/wechaty/protocol.ts). */
export function frontdeskClient(options: { url: string; secret: string; fetch?: typeof fetch }) {
  const fetchImpl = options.fetch ?? fetch;
  const endpoint = new URL('webhooks/wechaty', options.url.endsWith('/') ? options.url : `${options.url}/`);

  async function call(
    method: 'GET' | 'POST',
    query: Record<string, string>,
    body: string,
  ): Promise<Response> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const res = await fetchImpl(url, {
      method,
      headers: {
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signBridgeRequest(options.secret, { timestamp, method, query, body }),
        ...(method === 'POST' && { 'content-type': 'application/json' }),
      },
      body: method === 'POST' ? body : undefined,
    });
    if (res.ok) return res;
    const detail = `frontdesk answered ${method} ${url.pathname} with ${res.status}: ${await res.text()}`;
    // 401 is a wrong secret or clock (fixable, so the message is kept); 429 and 5xx are passing.
    if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429)
      throw new RefusedError(detail);
    throw new Error(detail);
  }

  return {
    /** Hands one WeChat message to frontdesk, which answers it through the outbox. */
    async forward(message: BridgeMessage): Promise<void> {
      await call('POST', {}, JSON.stringify(message));
    },
    /** The replies to say, from outbox number `after` on. */
    async outbox(after: number): Promise<OutboxPage> {
      const res = await call('GET', { after: String(after) }, '');
      return OutboxPage.parse(await res.json());
    },
  };
}
