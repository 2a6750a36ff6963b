import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { TestRequest } from './events.js';

/** What a client sees: status, content type, the body (JSON parsed) and the header a cross-site widget needs. */
export interface Answer {
  status: number;
  type: string | undefined;
  body: unknown;
  cors?: string;
}

const parse = (type: string | undefined, text: string) =>
  type?.includes('json') && text ? JSON.parse(text) : text;

/** Reads answers the same way from a Lambda invocation and from the local server over HTTP. */
export function answers(
  invoke: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
  baseUrl: () => string,
) {
  return {
    async viaLambda(event: APIGatewayProxyEventV2): Promise<Answer> {
      const res = await invoke(event);
      const headers = Object.fromEntries(
        Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const text = res.isBase64Encoded
        ? Buffer.from(res.body ?? '', 'base64').toString('utf8')
        : (res.body ?? '');
      const type = headers['content-type'];
      return {
        status: res.statusCode ?? 200,
        type,
        body: parse(type, text),
        cors: headers['access-control-allow-origin'],
      };
    },
    async viaLocal(request: TestRequest): Promise<Answer> {
      const res = await fetch(`${baseUrl()}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const type = res.headers.get('content-type') ?? undefined;
      const cors = res.headers.get('access-control-allow-origin') ?? undefined;
      return { status: res.status, type, body: parse(type, await res.text()), cors };
    },
  };
}

// Conversation ids, tokens, times and cursors differ between the two sides by design.
const VOLATILE = new Set(['at', 'cursor', 'conversationId', 'token', 'createdAt', 'updatedAt']);
/** The answer with what differs between two sides by design (ids, tokens, times, cursors) masked. */
export const normalize = (answer: Answer, ids: string[]): Answer => {
  let text = JSON.stringify(answer.body, (key, value) => (VOLATILE.has(key) ? '<volatile>' : value));
  for (const id of ids) text = text.replaceAll(id, '<conversation>');
  return { ...answer, body: JSON.parse(text) };
};
