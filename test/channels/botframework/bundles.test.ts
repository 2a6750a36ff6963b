import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../../lib/bundle-options.js';
import { buildBundle, type RunningBundle, startBundle, storageEnv } from '../../functions/lambda/bundle.js';
import { httpEvent, sqsEvent } from '../../functions/lambda/events.js';
import { startTestStack } from '../../support/local-stack.js';
import { activity, startBotConnector, textOf } from './bot-connector.js';

// The functions as CDK bundles them (lib/bundle-options.ts), run in plain Node processes on the test stack's
// table and queues: botbuilder must stay out of the api and delivery bundles and work inside the one that carries it.
const BOTBUILDER = /node_modules\/(botbuilder|botframework-)|channels\/botframework\/botframework-channel/;
// Issue 12: the delivery function was 3.3 MB with botbuilder inlined.
const DELIVERY_MAX_BYTES = 1.2 * 1024 * 1024;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let connector: Awaited<ReturnType<typeof startBotConnector>>;
let webhook: RunningBundle;
let deliveryDir: string;

beforeAll(async () => {
  let webhookDir: string;
  [webhookDir, deliveryDir] = await Promise.all([buildBundle('botframework'), buildBundle('delivery')]);
  [stack, connector] = await Promise.all([startTestStack(), startBotConnector()]);
  const { config } = stack.services;
  const env = {
    BOTFRAMEWORK_NO_AUTH: 'true',
    FRONTDESK_WEB_SECRET: config.webSecret,
    ...storageEnv(config),
  };
  webhook = await startBundle(webhookDir, { ...env, POWERTOOLS_SERVICE_NAME: 'frontdesk-botframework' });
}, 120_000);
afterAll(async () => {
  webhook?.stop();
  await stack?.stop();
  await connector?.close();
});

describe('Lambda bundles', () => {
  it('keeps botbuilder out of the api function', async () => {
    const { metafile } = await build(esbuildOptions('api', mkdtempSync(join(tmpdir(), 'frontdesk-api-'))));
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.some((path) => path.endsWith('functions/api/app.ts'))).toBe(true);
    expect(inputs.filter((path) => BOTBUILDER.test(path))).toEqual([]);
  });

  it('keeps botbuilder out of the delivery function, which stays within its 1.2 MB budget', async () => {
    const { metafile } = await build({ ...esbuildOptions('delivery', deliveryDir), write: false });
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.some((path) => path.endsWith('functions/workers/delivery.ts'))).toBe(true);
    expect(inputs.filter((path) => BOTBUILDER.test(path))).toEqual([]);
    expect(statSync(join(deliveryDir, 'index.mjs')).size).toBeLessThanOrEqual(DELIVERY_MAX_BYTES);
  });

  it('answers a Teams message from the botframework function, then sends an agent reply from its queue', async () => {
    const message = activity('teams-personal-message', connector.serviceUrl);
    const request = { method: 'POST', path: '/webhooks/botframework', body: JSON.stringify(message) };
    const answer = await webhook.invoke<APIGatewayProxyStructuredResultV2>(
      httpEvent({ ...request, headers: { 'content-type': 'application/json' } }),
    );
    expect(answer.statusCode).toBe(200);
    expect(textOf(connector.sentTo(message.conversation.id)[0]!)).toMatch(/99/);

    // What the agent desk queues for a reply: the user's conversation as the bot stored it, and the text.
    const key = `botframework#msteams:${message.conversation.id}`;
    const to = (await stack.services.conversations.find(key))!.ref;
    const body = JSON.stringify({ to, message: { text: 'An agent writes back later.' } });
    const result = await webhook.invoke<SQSBatchResponse>(sqsEvent([{ messageId: 'd-1', body }]));
    expect(result.batchItemFailures).toEqual([]);
    expect(connector.sentTo(message.conversation.id).map(textOf).at(-1)).toBe('An agent writes back later.');
  });
});
