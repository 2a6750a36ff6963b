import { fileURLToPath } from 'node:url';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { fromSecrets, lambdaHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';
import { createApp } from './app.js';

// The bundle carries ui/ next to itself (lib/bundle-options.ts).
const uiDir = fileURLToPath(new URL('ui', import.meta.url));
const api = fromSecrets((env) => handle(createApp({ ...lambdaServices(env), uiDir })));

// API Gateway passes a body sent with GET or HEAD; fetch's Request refuses one (hono answers 400) while the local
// Node server ignores it, so it is dropped here and both answer alike.
const withoutReadBody = (event: LambdaEvent): LambdaEvent =>
  'requestContext' in event &&
  'http' in event.requestContext &&
  /^(GET|HEAD)$/.test(event.requestContext.http.method)
    ? { ...event, body: '' }
    : event;

/** API Gateway HTTP API (payload format 2.0) → the same Hono app the local server runs. */
export const handler = lambdaHandler(async (event: LambdaEvent, context) =>
  (await api())(withoutReadBody(event), context),
);
