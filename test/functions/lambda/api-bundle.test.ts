import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { startTestStack } from '../../support/local-stack.js';
import { buildBundle, type RunningBundle, startBundle, storageEnv } from './bundle.js';
import { answers, normalize } from './answers.js';
import { fixture, httpEvent, type TestRequest } from './events.js';
import { fakeSecretsManager } from './fake-aws.js';

// The api function as CDK uploads it, in plain Node, next to the local server: both on the same DynamoDB Local
// table and fauxqs queues, so every answer can be compared with the local one.
let stack: Awaited<ReturnType<typeof startTestStack>>;
let secrets: Awaited<ReturnType<typeof fakeSecretsManager>>;
let bundle: RunningBundle;

const SECRET = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:frontdesk/${name}`;

beforeAll(async () => {
  const [local, dir] = await Promise.all([startTestStack(), buildBundle('api')]);
  stack = local;
  secrets = await fakeSecretsManager({
    [SECRET('web')]: JSON.stringify({ FRONTDESK_WEB_SECRET: 'w'.repeat(48) }),
    [SECRET('admin')]: JSON.stringify({ FRONTDESK_ADMIN_TOKEN: 'a'.repeat(48) }),
    [SECRET('slack')]: '{}',
    [SECRET('wechat')]: 'not json: an operator typo',
  });
  bundle = await startBundle(dir, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    FRONTDESK_SECRET_ARNS: ['web', 'admin', 'slack', 'wechat'].map(SECRET).join(','),
    ...storageEnv(stack.services.config),
    POWERTOOLS_SERVICE_NAME: 'frontdesk-api',
  });
}, 60_000);
afterAll(async () => {
  bundle?.stop();
  await secrets?.close();
  await stack?.stop();
});

const { viaLambda, viaLocal } = answers(
  (event) => bundle.invoke<APIGatewayProxyStructuredResultV2>(event),
  () => stack.url,
);
const both = async (request: TestRequest) =>
  [await viaLambda(httpEvent(request)), await viaLocal(request)] as const;

/** A conversation opened on one side, with the bearer header that opens it. */
async function open(side: 'lambda' | 'local', lang: 'zh' | 'en') {
  const request = {
    method: 'POST',
    path: '/web/conversations',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lang }),
  };
  const answer = side === 'lambda' ? await viaLambda(httpEvent(request)) : await viaLocal(request);
  const { conversationId, token } = answer.body as { conversationId: string; token: string };
  return {
    id: conversationId,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

describe('the bundled api function, invoked with API Gateway v2 events', () => {
  it('answers the captured curl fixture (GET /) with the same demo page', async () => {
    const lambda = await viaLambda(fixture('apigw_http_v2_no_authorizer.json'));
    expect(lambda).toEqual(await viaLocal({ method: 'GET', path: '/' }));
    expect(lambda.body).toContain('widget.js');
  });

  it('answers the JWT-authorizer fixture (capitalised headers, repeated query keys, cookies) with the same 404', async () => {
    const lambda = await viaLambda(fixture('apigw_http_v2_jwt_authorizer.json'));
    const local = await viaLocal({
      method: 'GET',
      path: '/my/path?parameter1=value1&parameter1=value2&parameter2=value',
    });
    expect(lambda).toEqual(local);
    expect(lambda.status).toBe(404);
  });

  it('answers every route of the OpenAPI document exactly as the local server does', async () => {
    const doc = (await viaLocal({ method: 'GET', path: '/openapi.json' })).body as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
    };
    const sides = { lambda: await open('lambda', 'en'), local: await open('local', 'en') };
    const agent = { authorization: `Bearer ${stack.agentToken}`, 'content-type': 'application/json' };
    const bodies: Record<string, unknown> = {
      '/web/conversations': { lang: 'en' },
      '/web/conversations/{id}/messages': { text: 'how much is shipping' },
    };
    let compared = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const request = (side: keyof typeof sides): TestRequest => {
          const web = path.startsWith('/web/');
          const auth = op.security?.some((s) => 'agent' in s) ? agent : web ? sides[side].headers : {};
          const body = method === 'get' ? undefined : JSON.stringify(bodies[path] ?? {});
          const id = web ? sides[side].id : 'no-such-ticket';
          return { method: method.toUpperCase(), path: path.replace('{id}', id), headers: auth, body };
        };
        const lambda = await viaLambda(httpEvent(request('lambda')));
        const local = await viaLocal(request('local'));
        const ids = [sides.lambda.id, sides.local.id];
        expect(normalize(lambda, ids), `${method.toUpperCase()} ${path}`).toEqual(normalize(local, ids));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('answers Chinese and English FAQ questions from the bundle, also from a base64-encoded body', async () => {
    const sides = { lambda: await open('lambda', 'zh'), local: await open('local', 'zh') };
    for (const [text, base64] of [
      ['退款多久到账', false],
      ['退款多久到帳？', true],
      ['how long will shipping take?', false],
    ] as const) {
      const send = (side: keyof typeof sides): TestRequest => ({
        method: 'POST',
        path: `/web/conversations/${sides[side].id}/messages`,
        headers: sides[side].headers,
        body: JSON.stringify({ text }),
        base64,
      });
      const lambda = await viaLambda(httpEvent(send('lambda')));
      const ids = [sides.lambda.id, sides.local.id];
      expect(normalize(lambda, ids)).toEqual(normalize(await viaLocal(send('local')), ids));
      expect(JSON.stringify(lambda.body), text).toMatch(text.startsWith('how') ? /working days/i : /工作日/);
    }
  });

  it('refuses what the local server refuses, with the same status and error', async () => {
    const sides = { lambda: await open('lambda', 'en'), local: await open('local', 'en') };
    const stranger = await open('local', 'en');
    const post = (path: string, side: keyof typeof sides, body: string): TestRequest => ({
      method: 'POST',
      path,
      headers: sides[side].headers,
      body,
    });
    const own = (side: keyof typeof sides) => `/web/conversations/${sides[side].id}/messages`;
    const cases: Record<string, (side: keyof typeof sides) => TestRequest> = {
      'a token for another conversation': (side) =>
        post(`/web/conversations/${stranger.id}/messages`, side, '{"text":"hi"}'),
      'a body that is not JSON': (side) => post(own(side), side, '{"text":'),
      'a body over the size limit': (side) =>
        post(own(side), side, JSON.stringify({ text: 'x'.repeat(70_000) })),
      'an unknown agent token': () => ({
        method: 'GET',
        path: '/agent/tickets',
        headers: { authorization: 'Bearer x' },
      }),
      'a method no route has': () => ({ method: 'DELETE', path: '/health' }),
    };
    for (const [name, request] of Object.entries(cases)) {
      const lambda = await viaLambda(httpEvent(request('lambda')));
      expect(lambda, name).toEqual(await viaLocal(request('local')));
      expect(lambda.status, name).toBeGreaterThanOrEqual(400);
    }
  });

  it('serves the embeddable widget cross-origin, from the files shipped next to the bundle', async () => {
    const [lambda, local] = await both({ method: 'GET', path: '/widget.js' });
    expect(lambda).toEqual(local);
    expect([lambda.status, lambda.cors]).toEqual([200, '*']);
  });

  it('serves the admin page, its section scripts and its chart library from the files shipped with the bundle', async () => {
    for (const path of [
      '/admin',
      '/admin.js',
      '/admin-reports.js',
      '/admin-i18n.js',
      '/admin/vendor/uplot.js',
      '/admin/vendor/uplot.css',
    ]) {
      const [lambda, local] = await both({ method: 'GET', path });
      expect(lambda, path).toEqual(local);
      expect(lambda.status, path).toBe(200);
    }
  });

  it('reads each secret once per cold start, and a malformed channel secret only turns that channel off', async () => {
    await viaLambda(httpEvent({ method: 'GET', path: '/health' }));
    expect(secrets.reads.filter((id) => id === SECRET('web'))).toHaveLength(1);
    expect(bundle.output()).toContain('secret is not a JSON object');
    expect(bundle.output()).toContain(SECRET('wechat'));
  });
});
