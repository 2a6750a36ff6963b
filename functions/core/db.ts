import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The document client and the one table frontdesk keeps everything in. */
export interface Db {
  doc: DynamoDBDocumentClient;
  table: string;
}

/** Wraps a DynamoDB client; undefined values are dropped so optional fields need no special casing. */
export function createDb(client: DynamoDBClient, table: string): Db {
  return {
    doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    table,
  };
}

/** True when a conditional write lost its race (the one error frontdesk expects from DynamoDB). */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Epoch milliseconds as a fixed-width string, so that sort keys built on it sort by time. */
export const sortableTime = (ms: number) => String(ms).padStart(14, '0');

/** Epoch seconds `days` from `now`, for the TTL attribute. */
export function expiresIn(now: Date, days: number): number {
  return Math.floor(now.getTime() / 1000) + days * 86_400;
}
