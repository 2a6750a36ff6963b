import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createBotFrameworkChannel } from '../../channels/botframework/botframework-channel.js';
import { botFrameworkSettings } from '../../channels/botframework/settings.js';
import { fromSecrets, lambdaHandler, logger } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';
import { createBotFrameworkApp } from './app.js';

// A function of its own, so the api bundle never carries botbuilder. Here it is imported statically and loads in
// the init phase: serving the Bot Framework is all this function does.
const app = fromSecrets((env) => {
  const log = (message: string) => logger.info(message);
  const settings = botFrameworkSettings(env, log);
  const channel = settings && createBotFrameworkChannel(settings, { log });
  return handle(createBotFrameworkApp({ ...lambdaServices(env, channel ? [channel] : []), channel }));
});

/** API Gateway HTTP API (payload format 2.0) `POST /webhooks/botframework` → the Bot Framework channel. */
export const handler = lambdaHandler(async (event: LambdaEvent, context) => (await app())(event, context));
