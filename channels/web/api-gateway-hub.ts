import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LiveHub } from './live.js';

// API Gateway closes every WebSocket after 2 hours at most ("Connection duration for WebSocket API", API Gateway
// quotas), so a connection row can expire then; TTL deletes lazily, and a late publish cleans up on 410.
const CONNECTION_SECONDS = 2 * 60 * 60;
const FRAME = JSON.stringify({ type: 'message' });

/** Row keys: a conversation's watchers share its partition; the reverse row lets $disconnect find them. */
const livePartition = (conversationId: string) => `LIVE#${conversationId}`;
const watcherKey = (conversationId: string, connectionId: string) => ({
  pk: livePartition(conversationId),
  sk: connectionId,
});
const connectionKey = (connectionId: string) => ({ pk: `LIVECONN#${connectionId}`, sk: 'LIVECONN' });

/** Where the hub keeps connections and how it reaches them. */
export interface ApiGatewayHubOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** The stage's management endpoint (`https://{api-id}.execute-api.{region}.{suffix}/{stage}`); only publishers need it. */
  endpoint?: string;
  region?: string;
}

/** A LiveHub that also records the connections API Gateway's $connect and $disconnect routes report. */
export interface ApiGatewayHub extends LiveHub {
  connect(conversationId: string, connectionId: string, now: Date): Promise<void>;
  disconnect(connectionId: string): Promise<void>;
}

/**
 * The LiveHub of AWS: widgets hold API Gateway WebSocket connections, recorded per conversation in the table,
 * and publishing posts `{"type":"message"}` to each, exactly the frame the local WebSocket sends.
 */
export function createApiGatewayHub(options: ApiGatewayHubOptions): ApiGatewayHub {
  const { doc, tableName: TableName } = options;
  let management: ApiGatewayManagementApiClient | undefined;
  const client = () => {
    if (!options.endpoint)
      throw new Error('FRONTDESK_LIVE_ENDPOINT is not set, so this function cannot push to widgets');
    management ??= new ApiGatewayManagementApiClient({ endpoint: options.endpoint, region: options.region });
    return management;
  };

  const forget = async (conversationId: string, connectionId: string) => {
    await Promise.all([
      doc.send(new DeleteCommand({ TableName, Key: watcherKey(conversationId, connectionId) })),
      doc.send(new DeleteCommand({ TableName, Key: connectionKey(connectionId) })),
    ]);
  };

  return {
    /** Records a connection that $connect accepted for this conversation. */
    async connect(conversationId, connectionId, now) {
      const expiresAt = Math.floor(now.getTime() / 1000) + CONNECTION_SECONDS;
      await Promise.all([
        doc.send(
          new PutCommand({ TableName, Item: { ...watcherKey(conversationId, connectionId), expiresAt } }),
        ),
        doc.send(
          new PutCommand({ TableName, Item: { ...connectionKey(connectionId), conversationId, expiresAt } }),
        ),
      ]);
    },

    /** Forgets a closed connection; $disconnect is best effort, so publish also cleans up. */
    async disconnect(connectionId) {
      const { Item } = await doc.send(new GetCommand({ TableName, Key: connectionKey(connectionId) }));
      if (typeof Item?.conversationId === 'string') await forget(Item.conversationId, connectionId);
    },

    /** Tells every open widget of the conversation to fetch the transcript; gone connections are forgotten. */
    async publish(conversationId) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': livePartition(conversationId) },
        }),
      );
      const data = new TextEncoder().encode(FRAME);
      await Promise.all(
        Items.map(async (item) => {
          const connectionId = String(item.sk);
          try {
            await client().send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
          } catch (error) {
            // 410 Gone: the client went away without $disconnect reaching us (API Gateway WebSocket docs,
            // "Use @connections commands in your backend service").
            if (!(error instanceof GoneException)) throw error;
            await forget(conversationId, connectionId);
          }
        }),
      );
    },
  };
}
