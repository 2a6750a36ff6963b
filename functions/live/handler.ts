import * as z from 'zod';
import { verifyConversationToken } from '../../channels/web/token.js';
import { Config, configInput } from '../core/config.js';
import { fromSecrets, lambdaHandler, liveHub, logger } from '../lambda.js';

// $connect carries the query string; $disconnect only the connection id (API Gateway WebSocket, "$connect and
// $disconnect routes").
const ConnectionEvent = z.object({
  requestContext: z.object({ eventType: z.enum(['CONNECT', 'DISCONNECT']), connectionId: z.string().min(1) }),
  queryStringParameters: z.record(z.string(), z.string()).nullish(),
});
const LiveConfig = Config.pick({ tableName: true, region: true, dynamoEndpoint: true, webSecret: true });

const live = fromSecrets((env) => {
  const config = LiveConfig.parse(configInput(env));
  return { webSecret: config.webSecret, hub: liveHub(config) };
});

/** The WebSocket API's $connect and $disconnect: the same token check as the local live socket. */
export const handler = lambdaHandler(async (raw: unknown) => {
  const event = ConnectionEvent.parse(raw);
  const { connectionId, eventType } = event.requestContext;
  const { webSecret, hub } = await live();
  if (eventType === 'DISCONNECT') {
    await hub.disconnect(connectionId);
    logger.info('live connection closed', { connectionId });
    return { statusCode: 200 };
  }
  const { conversationId = '', token = '' } = event.queryStringParameters ?? {};
  // Any answer but 2xx refuses the connection, so a widget with a wrong token never gets a socket.
  if (!verifyConversationToken(webSecret, conversationId, token)) {
    logger.info('live connection refused: the token does not open this conversation', { connectionId });
    return { statusCode: 401 };
  }
  await hub.connect(conversationId, connectionId, new Date());
  logger.info('live connection opened', { connectionId, conversationId });
  return { statusCode: 200 };
});
