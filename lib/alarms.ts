import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Queues } from './queues.js';

// A backlog this deep for three periods in a row means the workers fail or fall behind.
const BACKLOG_MESSAGES = 100;
const PERIOD = Duration.minutes(5);
// SQS publishes its metrics every minute: a dead letter raises the alarm within a few minutes.
const DEAD_LETTER_PERIOD = Duration.minutes(1);

/** Queue-depth alarms: any message in a dead-letter queue, or a lasting backlog on a work queue; one topic for all. */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { queues: Queues; email: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'topic', { enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason:
        'CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key costs money ' +
        'while idle; an alarm names a queue and a count, never customer data.',
    });
    const action = new SnsAction(this.topic);

    for (const [name, { queue, deadLetters }] of Object.entries(props.queues.byName)) {
      const failed = new Alarm(this, `${name}-dead-letters`, {
        alarmDescription: `frontdesk: ${name} messages failed every retry and wait in the dead-letter queue`,
        // The highest count in the minute: the first dead letter is enough.
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({
          period: DEAD_LETTER_PERIOD,
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      const backlog = new Alarm(this, `${name}-backlog`, {
        alarmDescription: `frontdesk: more than ${BACKLOG_MESSAGES} ${name} messages waiting for 15 minutes`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
        threshold: BACKLOG_MESSAGES,
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      failed.addAlarmAction(action);
      backlog.addAlarmAction(action);
    }
  }
}
