import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { PROJECT_ROOT } from '../../../lib/bundle-options.js';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'platform', 'aws');

/** A fixture from test/fixtures/platform/aws, parsed afresh each time (tests change their copies). */
export const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;

/** A request as a test writes it; `base64` sends the body the way API Gateway passes binary or non-UTF-8 bodies. */
export interface TestRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
}

/**
 * An HTTP API payload 2.0 event for `request`, built on the captured curl fixture: query strings joined with
 * commas, header names lower-cased and content-length matching the body, as API Gateway sends them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export function httpEvent(request: TestRequest): APIGatewayProxyEventV2 {
  const event = fixture<APIGatewayProxyEventV2>('apigw_http_v2_no_authorizer.json');
  const url = new URL(request.path, 'https://example.test');
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const bytes = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  const now = Date.now();
  return {
    ...event,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(url.search && { queryStringParameters: query }),
    headers: { ...event.headers, ...headers, 'content-length': String(bytes) },
    requestContext: {
      ...event.requestContext,
      http: { ...event.requestContext.http, method: request.method, path: url.pathname },
      requestId: randomUUID(),
      timeEpoch: now,
    },
    ...(request.body !== undefined && {
      body: request.base64 ? Buffer.from(request.body).toString('base64') : request.body,
    }),
    isBase64Encoded: Boolean(request.base64 && request.body !== undefined),
  };
}

/** An SQS event whose records are the fixture's record with each given id and body (as Lambda's poller builds). */
export function sqsEvent(records: { messageId: string; body: string }[]): SQSEvent {
  const template = fixture<SQSEvent>('sqs_event.json').Records[0]!;
  return {
    Records: records.map(({ messageId, body }): SQSRecord => ({
      ...template,
      messageId,
      body,
      receiptHandle: `handle-${messageId}`,
    })),
  };
}

/** A WebSocket $connect or $disconnect event as API Gateway sends it to a Lambda integration. */
export function socketEvent(
  eventType: 'CONNECT' | 'DISCONNECT',
  connectionId: string,
  query?: Record<string, string>,
) {
  return {
    headers: { Host: 'example.execute-api.us-east-1.amazonaws.com', 'Sec-WebSocket-Version': '13' },
    ...(query && { queryStringParameters: query }),
    requestContext: {
      routeKey: eventType === 'CONNECT' ? '$connect' : '$disconnect',
      eventType,
      connectionId,
      stage: 'live',
      apiId: 'example',
      domainName: 'example.execute-api.us-east-1.amazonaws.com',
      requestId: randomUUID(),
      connectedAt: Date.now(),
      requestTimeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}
