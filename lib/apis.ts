import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  WebSocketApi,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Functions } from './functions.js';

// Generous for a support desk, and a ceiling on what a flood can cost.
const THROTTLE = { rateLimit: 50, burstLimit: 100 };

const APP_AUTH =
  'Every route authenticates inside the app: platform signatures on webhooks, bearer tokens on /web, /agent and ' +
  '/admin, a conversation token on $connect. API Gateway authorizers cannot check signatures over the raw body.';

/** The public endpoints: the HTTP API (every route of the Hono app) and the WebSocket API the widget listens on. */
export class Apis extends Construct {
  readonly http: HttpApi;
  readonly httpStage: HttpStage;
  readonly liveStage: WebSocketStage;

  constructor(scope: Construct, id: string, props: { functions: Functions; logRetentionDays: number }) {
    super(scope, id);
    const { api, live, delivery, botframework } = props.functions.byName;

    // A catch-all route: the app routes (and answers 404) exactly as the local server does. Bot Framework
    // webhooks, the one more specific route, go to their own function.
    this.http = new HttpApi(this, 'http', {
      defaultIntegration: new HttpLambdaIntegration('app', api),
      createDefaultStage: false,
    });
    this.http.addRoutes({
      path: '/webhooks/botframework',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('botframework', botframework),
    });
    this.httpStage = new HttpStage(this, 'http-stage', {
      httpApi: this.http,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'http-access-logs', { retention: props.logRetentionDays }),
        ),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    Validations.of(this.http).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: APP_AUTH });

    const liveIntegration = new WebSocketLambdaIntegration('live', live);
    const socket = new WebSocketApi(this, 'live', {
      connectRouteOptions: { integration: liveIntegration },
      disconnectRouteOptions: { integration: liveIntegration },
    });
    this.liveStage = new WebSocketStage(this, 'live-stage', {
      webSocketApi: socket,
      stageName: 'live',
      autoDeploy: true,
      throttle: THROTTLE,
    });
    Validations.of(socket).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: APP_AUTH });
    Validations.of(this.liveStage).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG1',
      reason:
        'WebSocket access logs need the account-wide API Gateway CloudWatch role, which one stack must not own; ' +
        'the live function logs every $connect and $disconnect instead.',
    });

    // Only the delivery worker pushes to widgets: POST @connections on this stage, nothing else.
    delivery.addEnvironment('FRONTDESK_LIVE_ENDPOINT', this.liveStage.callbackUrl);
    this.liveStage.grantManagementApiAccess(delivery);
    const stack = Stack.of(this);
    const apiId = stack.resolve(stack.getLogicalId(socket.node.defaultChild as CfnElement));
    Validations.of(delivery.role!).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${stack.region}:<AWS::AccountId>:<${apiId}>/live/*/@connections/*]`,
      reason:
        'Connection ids exist only at run time, so PostToConnection is granted on this stage’s @connections/*.',
    });
  }
}
