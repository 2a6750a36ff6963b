import { botFrameworkChannel } from '../../channels/botframework/lazy-channel.js';
import { fromSecrets, logger, sqsHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

/** The outbound queue → the user's channel (the web chat: a push to the widget's WebSocket). */
export const handler = sqsHandler(
  fromSecrets((env) => {
    // Replies to Teams go out here too: this bundle carries botbuilder (the api bundle never does) and loads it
    // on the first such delivery, not at every cold start.
    const botframework = botFrameworkChannel({ env, log: (message) => logger.info(message) });
    return lambdaServices(env, botframework ? [botframework] : []).workers.delivery;
  }),
);
