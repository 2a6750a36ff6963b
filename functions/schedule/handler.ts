import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { fromSecrets, lambdaHandler, metrics } from '../lambda.js';
import { lambdaServices } from '../lambda-services.js';

const services = fromSecrets(lambdaServices);

/**
 * EventBridge, every minute → write out the bot turns held with conversation states (held-turns.ts); offer
 * leave-a-message on transfers nobody claimed in time, and alert agents; roll up the report events of days that are
 * over (one read when there is none).
 */
export const handler = lambdaHandler(async () => {
  const { conversations, desk, reports, clock } = await services();
  const turns = await conversations.writeDueTurns(clock());
  metrics.addMetric('heldTurnsWritten', MetricUnit.Count, turns);
  const offered = await desk.offerUnclaimed(clock());
  metrics.addMetric('leaveMessageOffers', MetricUnit.Count, offered);
  const rolledUp = await reports.rollUp(clock());
  return { turns, offered, rolledUp };
});
