import { fromSecrets, sqsHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

/** The inbound queue → the bot; replies go to the outbound queue. */
export const handler = sqsHandler(fromSecrets((env) => lambdaServices(env).workers.inbound));
