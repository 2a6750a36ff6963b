import { fromSecrets, sqsHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

/**
 * The outbound queue → the user's channel (the web chat: a push to the widget's WebSocket). Replies to Teams have
 * a queue of their own that the botframework function sends (functions/core/outbound-queues.ts), so this bundle
 * never carries botbuilder.
 */
export const handler = sqsHandler(fromSecrets((env) => lambdaServices(env).workers.delivery));
