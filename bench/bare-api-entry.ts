// The init peer of the api function in bench/bundles.ts: a Lambda with a Hono app and a DynamoDB document client,
// bundled like the api function, answering one route with one read. What any such function pays at import.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono().get('/item', async (c) =>
  c.json(await doc.send(new GetCommand({ TableName: 'frontdesk', Key: { pk: 'x', sk: 'y' } }))),
);

/** API Gateway HTTP API → the app. */
export const handler = handle(app);
