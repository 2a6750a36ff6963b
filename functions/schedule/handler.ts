import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { fromSecrets, lambdaHandler, metrics } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

const services = fromSecrets(lambdaServices);

/** EventBridge, every minute → offer leave-a-message on transfers nobody claimed in time, and alert agents. */
export const handler = lambdaHandler(async () => {
  const { desk, clock } = await services();
  const offered = await desk.offerUnclaimed(clock());
  metrics.addMetric('leaveMessageOffers', MetricUnit.Count, offered);
  return { offered };
});
