import * as z from 'zod';
import type { ChannelContext, WebhookChannel } from '../types.js';
import { createDingTalkApi, postRobotMessage } from './api.js';
import { DingTalkAddress, parseRobotCallback } from './parse.js';
import { openApiTemplate, sessionWebhookBody } from './render.js';
import { verifyDingTalkSignature } from './signature.js';

const DingTalkEnv = z.object({
  DINGTALK_APP_KEY: z.string().min(1),
  DINGTALK_APP_SECRET: z.string().min(1),
  /** The OpenAPI base; tests point it at a recording server. */
  DINGTALK_API_URL: z.url().default('https://api.dingtalk.com'),
  /** The robot's code for OpenAPI sends when a callback carries none; for an internal app's robot, its AppKey. */
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
});

/** A sessionWebhook is not used in its last minute: a reply posted then could arrive after it closed. */
const WEBHOOK_MARGIN_MS = 60_000;

/**
 * The DingTalk enterprise-internal robot when DINGTALK_APP_KEY and DINGTALK_APP_SECRET are set (undefined, and a
 * log line naming them, otherwise). `now` is the clock that decides whether a sessionWebhook is still open.
 */
export function dingTalkFromEnv(
  context: ChannelContext,
  now: () => number = Date.now,
): WebhookChannel | undefined {
  const { env, log } = context;
  if (!env.DINGTALK_APP_KEY || !env.DINGTALK_APP_SECRET) {
    log('DingTalk is off: set DINGTALK_APP_KEY and DINGTALK_APP_SECRET to turn it on');
    return undefined;
  }
  const parsed = DingTalkEnv.safeParse(env);
  if (!parsed.success) {
    log(`DingTalk is off: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return undefined;
  }
  return createDingTalkChannel(context, parsed.data, now);
}

function createDingTalkChannel(
  context: ChannelContext,
  env: z.infer<typeof DingTalkEnv>,
  now: () => number,
): WebhookChannel {
  const api = createDingTalkApi({
    baseUrl: env.DINGTALK_API_URL,
    appKey: env.DINGTALK_APP_KEY,
    appSecret: env.DINGTALK_APP_SECRET,
    store: context.store,
    fetch: context.fetch,
  });
  const apiOrigin = new URL(env.DINGTALK_API_URL).origin;
  // DingTalk's session webhooks live on oapi.dingtalk.com; the API's own origin is allowed for proxies and tests.
  const isSessionWebhook = (raw: string) => {
    const url = new URL(raw);
    const dingTalkHost = url.hostname === 'dingtalk.com' || url.hostname.endsWith('.dingtalk.com');
    return (url.protocol === 'https:' && dingTalkHost) || url.origin === apiOrigin;
  };
  const robotCode = env.DINGTALK_ROBOT_CODE ?? env.DINGTALK_APP_KEY;

  return {
    name: 'dingtalk',
    // DingTalk documents no reply deadline for HTTP mode, so frontdesk acks at once and answers from the queue.
    mode: 'queue',
    verify: (req, at) => verifyDingTalkSignature(req.headers, env.DINGTALK_APP_SECRET, at),
    parse: (req) => parseRobotCallback(req.body, isSessionWebhook),
    respond: () => ({ status: 200, body: '' }),
    async send(to, message) {
      const address = DingTalkAddress.parse(to.address ?? {});
      const group = address.conversationType === '2';
      const webhook = address.sessionWebhook;
      if (webhook && (address.sessionWebhookExpiresAt ?? 0) - WEBHOOK_MARGIN_MS > now()) {
        return postRobotMessage(
          context.fetch,
          webhook,
          sessionWebhookBody(message, group ? address.staffId : undefined),
        );
      }
      // The webhook has closed (an agent answering hours later): the robot OpenAPI reaches the same chat.
      const code = address.robotCode ?? robotCode;
      if (group) return api.sendToGroup(code, address.openConversationId, openApiTemplate(message));
      if (!address.staffId)
        throw new Error('this DingTalk user has no staff id; only the sessionWebhook reached them');
      return api.sendToUser(code, address.staffId, openApiTemplate(message));
    },
  };
}
