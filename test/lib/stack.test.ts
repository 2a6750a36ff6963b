import { Match, type Template } from 'aws-cdk-lib/assertions';
import { MAX_RECEIVE_COUNT, RETRY_WINDOW_SECONDS } from '../../lib/queues.js';
import { RETRY_SCHEDULE } from '../../functions/workers/retry-schedule.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, webhookPath } from '../../lib/channel-catalog.js';
import { synth } from './synth.js';

// One region's template (bundling skipped: these tests read the template, bundling.test.ts proves the bundles).
let template: Template;
beforeAll(() => {
  const app = synth({ 'frontdesk:regions': ['us-east-1'] });
  template = app.templates['us-east-1']!;
  app.remove();
});

/** The logical id CDK gave the construct at this path (path segments joined, then 8 hex digits of hash). */
const ref = (path: string) => {
  const id = Object.keys(template.toJSON().Resources).find((key) =>
    new RegExp(`^${path}[0-9A-F]{8}$`).test(key),
  );
  if (!id) throw new Error(`no resource for ${path}`);
  return id;
};
const fn = (name: string) =>
  template.findResources('AWS::Lambda::Function')[ref(`functions${name}`)]!.Properties;

describe('functions', () => {
  it('are seven, on Node.js 22, arm64, ESM bundles with a log group of their own and no secret in the environment', () => {
    template.resourceCountIs('AWS::Lambda::Function', 7);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^functions\\w+logs') } },
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          FRONTDESK_SECRET_ARNS: Match.anyValue(),
        }),
      },
    });
    const env = JSON.stringify(template.findResources('AWS::Lambda::Function'));
    expect(env).not.toMatch(
      /FRONTDESK_WEB_SECRET|FRONTDESK_ADMIN_TOKEN|SLACK_|WECHAT_|WECOM_|DINGTALK_|MICROSOFT_/,
    );
    // One per function, and the HTTP API's access log.
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 8);
  });

  it('give only the delivery worker the WebSocket management endpoint, and all but live the public URL', () => {
    expect(JSON.stringify(fn('delivery').Environment.Variables.FRONTDESK_LIVE_ENDPOINT)).toContain(
      ref('apislive'),
    );
    for (const name of ['api', 'inbound', 'tickets', 'schedule', 'live', 'botframework']) {
      expect(fn(name).Environment.Variables.FRONTDESK_LIVE_ENDPOINT, name).toBeUndefined();
    }
    for (const name of ['api', 'inbound', 'tickets', 'delivery', 'schedule', 'botframework']) {
      expect(JSON.stringify(fn(name).Environment.Variables.FRONTDESK_PUBLIC_URL), name).toContain(
        ref('apishttp'),
      );
    }
    expect(fn('live').Environment.Variables.FRONTDESK_PUBLIC_URL).toBeUndefined();
  });

  it('tell only the api function where the dead-letter queues are, for listing and redriving them', () => {
    for (const name of ['inbound', 'tickets', 'outbound']) {
      const variable = `FRONTDESK_${name.toUpperCase()}_DLQ_URL`;
      expect(fn('api').Environment.Variables[variable]).toEqual({ Ref: ref(`queues${name}dlq`) });
      for (const other of ['inbound', 'tickets', 'delivery', 'schedule', 'live', 'botframework'])
        expect(fn(other).Environment.Variables[variable], other).toBeUndefined();
    }
  });

  it('tell the api function where the widget’s live socket is', () => {
    expect(JSON.stringify(fn('api').Environment.Variables.FRONTDESK_LIVE_URL)).toContain(ref('apislive'));
  });

  it('consume each queue in batches with per-record failure reporting', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    for (const [queue, worker] of [
      ['inbound', 'inbound'],
      ['tickets', 'tickets'],
      ['outbound', 'delivery'],
      // Replies to Teams: sent by the function that carries botbuilder.
      ['outboundbotframework', 'botframework'],
    ]) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^queues${queue}[0-9A-F]{8}$`), 'Arn'] },
        FunctionName: { Ref: ref(`functions${worker}`) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 10,
      });
    }
  });

  it('run the timed work every minute from EventBridge', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [ref('functionsschedule'), 'Arn'] } })],
    });
  });
});

describe('storage and queues', () => {
  it('keep everything in one on-demand table with TTL, point-in-time recovery and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('let deletion protection be turned off in cdk.json', () => {
    const unprotected = synth({
      'frontdesk:regions': ['us-east-1'],
      'frontdesk:deletionProtection': 'false',
    });
    unprotected.templates['us-east-1']!.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    unprotected.remove();
  });

  it('retry a failed message for more than an hour before it is dead-lettered', () => {
    expect(MAX_RECEIVE_COUNT).toBe(RETRY_SCHEDULE.maxReceiveCount);
    expect(RETRY_WINDOW_SECONDS).toBeGreaterThanOrEqual(3600);
  });

  it('give every queue a dead-letter queue, encryption, TLS only, and alarms on depth', () => {
    template.resourceCountIs('AWS::SQS::Queue', 8);
    for (const name of ['inbound', 'tickets', 'outbound', 'outboundbotframework']) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: 180,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [ref(`queues${name}dlq`), 'Arn'] },
          maxReceiveCount: MAX_RECEIVE_COUNT,
        },
      });
      // The first dead letter is enough to alarm.
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ref(`queues${name}dlq`), 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      for (const queue of [ref(`queues${name}dlq`), ref(`queues${name}`)]) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
          AlarmActions: [{ Ref: ref('alarmstopic') }],
        });
      }
    }
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
  });

  it('create a secret per channel, holding {} until the operator sets it, and generate frontdesk’s own', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', CHANNEL_NAMES.length + 2);
    for (const name of CHANNEL_NAMES) {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `Frontdesk-us-east-1/${name}`,
        SecretString: '{}',
      });
    }
    for (const [name, variable] of [
      ['web', 'FRONTDESK_WEB_SECRET'],
      ['admin', 'FRONTDESK_ADMIN_TOKEN'],
    ]) {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `Frontdesk-us-east-1/${name}`,
        GenerateSecretString: Match.objectLike({ GenerateStringKey: variable, SecretStringTemplate: '{}' }),
      });
    }
  });
});

describe('APIs', () => {
  it('send every HTTP route to the api function (payload 2.0), with access logs and throttling', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    // Bot Framework webhooks go to their own function, so botbuilder never weighs on the api function.
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationUri: { 'Fn::GetAtt': [ref('functionsbotframework'), 'Arn'] } },
    });
    const [integration] = Object.keys(integrations);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /webhooks/botframework',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: ref('apishttp') },
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [ref('functionsapi'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: ref('apishttp') },
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });

  it('route WebSocket $connect and $disconnect to the live function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' });
    for (const key of ['$connect', '$disconnect']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        ApiId: { Ref: ref('apislive') },
        RouteKey: key,
      });
    }
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { ApiId: { Ref: ref('apislive') } },
    });
    expect(Object.keys(integrations)).toHaveLength(1);
    expect(JSON.stringify(integrations)).toContain(ref('functionslive'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: ref('apislive') },
      StageName: 'live',
    });
  });

  it('output every channel’s webhook URL and secret, the widget script and the live socket', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of CHANNEL_NAMES) {
      const key = name[0]!.toUpperCase() + name.slice(1);
      expect(JSON.stringify(outputs[`Webhook${key}`]?.Value)).toContain(webhookPath(name));
      expect(outputs[`Secret${key}`]).toBeDefined();
    }
    expect(JSON.stringify(outputs.WidgetScript?.Value)).toContain('widget.js');
    expect(JSON.stringify(outputs.LiveUrl?.Value)).toContain('wss://');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'TableName', 'AlarmTopic', 'DeadLettersInbound']),
    );
  });
});
