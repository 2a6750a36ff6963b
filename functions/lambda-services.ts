import type { Channel } from '../channels/types.js';
import { createWebChannel } from '../channels/web/web-channel.js';
import { configFromEnv } from './core/config.js';
import { liveHub } from './lambda.js';
import { createClients, createServices, type Services } from './services.js';

/**
 * frontdesk's services inside a Lambda function: the local server's composition root, with the web chat pushing
 * over API Gateway's WebSocket API, and the platform channels turned on by the variables in the function's secrets.
 */
export function lambdaServices(env: NodeJS.ProcessEnv, channels: Channel[] = []): Services {
  const config = configFromEnv(env);
  const clients = createClients(config);
  return createServices(config, clients, {
    channels: [createWebChannel(liveHub(config, clients.dynamo)), ...channels],
    env,
  });
}
