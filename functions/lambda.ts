import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { type ApiGatewayHub, createApiGatewayHub } from '../channels/web/api-gateway-hub.js';
import type { Config } from './core/config.js';

/** Structured JSON logs; the service name comes from POWERTOOLS_SERVICE_NAME, which the stack sets per function. */
export const logger = new Logger();
/** CloudWatch metrics in the embedded metric format (no API calls, nothing to flush over the network). */
export const metrics = new Metrics({ namespace: 'frontdesk' });

// Secrets Manager is read through Powertools' cache: a changed secret (a channel turned on) reaches running
// functions within this many seconds, without a redeploy.
const SECRET_MAX_AGE_SECONDS = 300;

/** The Lambda-only settings the stack passes to every function. */
const LambdaEnv = z.object({
  /** ARNs of the secrets this function may read, comma-separated; each holds a JSON object of variables. */
  FRONTDESK_SECRET_ARNS: z
    .string()
    .default('')
    .transform((list) => list.split(',').filter(Boolean)),
  /** The WebSocket stage's management endpoint, set only where widgets are pushed to (the delivery function). */
  FRONTDESK_LIVE_ENDPOINT: z.url().optional(),
});
const lambdaEnv = LambdaEnv.parse(process.env);

// A secret holds environment variables by name, e.g. {"SLACK_SIGNING_SECRET": "…", "SLACK_BOT_TOKEN": "…"}.
const SecretVariables = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string());

async function readSecret(id: string): Promise<Record<string, string>> {
  const raw = await getSecret(id, { maxAge: SECRET_MAX_AGE_SECONDS });
  try {
    return SecretVariables.parse(JSON.parse(String(raw)));
  } catch {
    // One mistyped channel secret must not take every function down: that channel stays off, and the log says why.
    logger.error(
      'secret is not a JSON object of variable names to strings; ignoring it (see docs/deploy.md)',
      { secret: id },
    );
    return {};
  }
}

/**
 * Builds what a function needs from the environment plus its secrets, once per cold start, and again only when
 * a secret's value changed. The result is shared by every invocation of the execution environment.
 */
export function fromSecrets<T>(build: (env: NodeJS.ProcessEnv) => T): () => Promise<T> {
  let current: { key: string; value: T } | undefined;
  return async () => {
    const secrets = await Promise.all(lambdaEnv.FRONTDESK_SECRET_ARNS.map(readSecret));
    const variables: Record<string, string> = Object.assign({}, ...secrets);
    const key = JSON.stringify(variables);
    if (current?.key !== key) current = { key, value: build({ ...process.env, ...variables }) };
    return current.value;
  };
}

/** Wraps a handler with Powertools: Lambda context in every log line, a cold-start metric, metrics flushed. */
export function lambdaHandler<E, R>(handle: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    metrics.captureColdStartMetric();
    try {
      return await handle(event, context);
    } catch (error) {
      logger.error('invocation failed', error as Error);
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** An SQS handler around a worker: the worker reports failed records, and their count becomes a metric. */
export function sqsHandler(worker: () => Promise<(event: SQSEvent) => Promise<SQSBatchResponse>>) {
  return lambdaHandler(async (event: SQSEvent) => {
    const response = await (await worker())(event);
    metrics.addMetric('failedRecords', MetricUnit.Count, response.batchItemFailures.length);
    return response;
  });
}

/** The WebSocket hub over the configured table; it can publish only where FRONTDESK_LIVE_ENDPOINT is set. */
export function liveHub(
  config: Pick<Config, 'tableName' | 'region' | 'dynamoEndpoint'>,
  dynamo = new DynamoDBClient({ region: config.region, endpoint: config.dynamoEndpoint }),
): ApiGatewayHub {
  return createApiGatewayHub({
    doc: DynamoDBDocumentClient.from(dynamo),
    tableName: config.tableName,
    endpoint: lambdaEnv.FRONTDESK_LIVE_ENDPOINT,
    region: config.region,
  });
}
