import type { SQSEvent } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createBotFrameworkChannel } from '../../channels/botframework/botframework-channel.js';
import { botFrameworkSettings } from '../../channels/botframework/settings.js';
import { fromSecrets, lambdaHandler, logger, sqsHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';
import { createBotFrameworkApp } from './app.js';

// A function of its own, so neither the api nor the delivery bundle carries botbuilder. Here it is imported
// statically and loads in the init phase: serving the Bot Framework is all this function does.
const built = fromSecrets((env) => {
  const log = (message: string) => logger.info(message);
  const settings = botFrameworkSettings(env, log);
  const channel = settings && createBotFrameworkChannel(settings, { log });
  const services = lambdaServices(env, channel ? [channel] : []);
  return {
    app: handle(createBotFrameworkApp({ ...services, channel })),
    delivery: services.workers.botframeworkDelivery,
  };
});

const webhook = lambdaHandler(async (event: LambdaEvent, context) => (await built()).app(event, context));
const deliveries = sqsHandler(async () => (await built()).delivery);

/**
 * API Gateway HTTP API (payload format 2.0) `POST /webhooks/botframework` → the Bot Framework channel, and the
 * `outbound-botframework` queue (an SQS event) → replies sent to Teams.
 */
export const handler = (event: LambdaEvent | SQSEvent, context: Parameters<typeof webhook>[1]) =>
  'Records' in event ? deliveries(event, context) : webhook(event, context);
