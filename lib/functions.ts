import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  copyCommands,
  ESBUILD_SETTINGS,
  FUNCTIONS,
  type FunctionName,
  PROJECT_ROOT,
  RUNTIME_NODE_OPTIONS,
} from './bundle-options.js';
import { ACCESS, grantAccess } from './access.js';
import type { Data } from './data.js';
import type { Queues } from './queues.js';

/** NodejsFunction's bundling, from the settings the bundle tests and the bench use too. */
function bundling(name: FunctionName): BundlingOptions {
  const { target, minify, sourcemap, sourcesContent, mainFields, banner, external } = ESBUILD_SETTINGS;
  return {
    target,
    minify,
    sourceMap: sourcemap,
    sourcesContent,
    banner,
    mainFields: [...mainFields],
    format: OutputFormat.ESM,
    externalModules: [...external],
    // esbuild's size summary is noise in `cdk synth`; warnings and errors still show.
    logLevel: LogLevel.WARNING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir, outputDir) => copyCommands(name, outputDir),
    },
  };
}

/** The Lambda functions, each with its own role, log group and least-privilege policy. */
export class Functions extends Construct {
  readonly byName: Record<FunctionName, NodejsFunction>;
  /** The functions that build all services and so read the full configuration. */
  readonly withServices: NodejsFunction[];

  constructor(
    scope: Construct,
    id: string,
    props: { data: Data; queues: Queues; logRetentionDays: number; retain: boolean },
  ) {
    super(scope, id);
    const { data, queues } = props;
    const { table } = data;
    const queueUrls = {
      FRONTDESK_INBOUND_QUEUE_URL: queues.byName.inbound.queue.queueUrl,
      FRONTDESK_TICKETS_QUEUE_URL: queues.byName.tickets.queue.queueUrl,
      FRONTDESK_OUTBOUND_QUEUE_URL: queues.byName.outbound.queue.queueUrl,
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_QUEUE_URL: queues.byName['outbound-botframework'].queue.queueUrl,
    };
    const deadLetterUrls = {
      FRONTDESK_INBOUND_DLQ_URL: queues.byName.inbound.deadLetters.queueUrl,
      FRONTDESK_TICKETS_DLQ_URL: queues.byName.tickets.deadLetters.queueUrl,
      FRONTDESK_OUTBOUND_DLQ_URL: queues.byName.outbound.deadLetters.queueUrl,
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_DLQ_URL: queues.byName['outbound-botframework'].deadLetters.queueUrl,
    };

    const make = (name: FunctionName): NodejsFunction => {
      const access = ACCESS[name];
      // A role of its own with no managed policy: only what is granted below, logs to its own group included.
      const role = new Role(this, `${name}-role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      });
      const logGroup = new LogGroup(this, `${name}-logs`, {
        retention: props.logRetentionDays,
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, name, {
        entry: join(PROJECT_ROOT, FUNCTIONS[name].entry),
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
        handler: 'handler',
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: access.memoryMb,
        timeout: access.timeout,
        role,
        logGroup,
        bundling: bundling(name),
        environment: {
          FRONTDESK_TABLE: table.tableName,
          FRONTDESK_SECRET_ARNS: access
            .secrets(data)
            .map((secret) => secret.secretArn)
            .join(','),
          POWERTOOLS_SERVICE_NAME: `frontdesk-${name}`,
          NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
          ...(access.services && queueUrls),
          ...(access.deadLetters && deadLetterUrls),
        },
      });
      grantAccess(fn, access, props);
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions::AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime frontdesk is built and tested for; move to a newer one deliberately.',
      });
      return fn;
    };
    this.byName = Object.fromEntries(
      Object.keys(FUNCTIONS).map((name) => [name, make(name as FunctionName)]),
    ) as Record<FunctionName, NodejsFunction>;

    this.withServices = (Object.keys(ACCESS) as FunctionName[])
      .filter((name) => ACCESS[name].services)
      .map((name) => this.byName[name]);

    // Timed work: transfers nobody claimed in time get a leave-a-message offer (functions/schedule/handler.ts).
    new Rule(this, 'every-minute', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.byName.schedule, { retryAttempts: 0 })],
    });
  }
}
