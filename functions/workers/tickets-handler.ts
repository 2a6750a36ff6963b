import { fromSecrets, sqsHandler } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

/** The tickets queue → stored tickets and agent notifications. */
export const handler = sqsHandler(fromSecrets((env) => lambdaServices(env).workers.tickets));
