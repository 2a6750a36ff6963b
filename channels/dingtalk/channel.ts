import * as z from 'zod';
import type { ChannelContext, WebhookChannel } from '../types.js';
import { createDingTalkApi, postRobotMessage } from './api.js';
import { DingTalkAddress, parseRobotCallback } from './parse.js';
import { openApiTemplate, sessionWebhookBody } from './render.js';
import { sessionWebhookSchema } from './session-webhook.js';
import { SIGN_TTL_SECONDS, verifyDingTalkSignature } from './signature.js';

const DingTalkEnv = z.object({
  DINGTALK_APP_KEY: z.string().min(1),
  DINGTALK_APP_SECRET: z.string().min(1),
  /** The OpenAPI base; tests point it at a recording server. */
  DINGTALK_API_URL: z.url().default('https://api.dingtalk.com'),
  /** The robot's code for OpenAPI sends when a callback carries none; for an internal app's robot, its AppKey. */
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
  /** Hosts a callback's sessionWebhook may point at (comma-separated); replies are posted only there. */
  DINGTALK_WEBHOOK_HOSTS: z
    .string()
    .default('oapi.dingtalk.com,api.dingtalk.com')
    .transform((hosts) =>
      hosts
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
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
  const sessionWebhook = sessionWebhookSchema(env.DINGTALK_WEBHOOK_HOSTS, env.DINGTALK_API_URL);
  const robotCode = env.DINGTALK_ROBOT_CODE ?? env.DINGTALK_APP_KEY;

  return {
    name: 'dingtalk',
    // DingTalk documents no reply deadline for HTTP mode, so frontdesk acks at once and answers from the queue.
    mode: 'queue',
    verify: (req, at) => verifyDingTalkSignature(req.headers, env.DINGTALK_APP_SECRET, at),
    // The sign covers the timestamp alone, so each one is accepted with one body: a captured pair cannot carry another.
    replayKey: (req) =>
      req.headers.timestamp ? { signature: req.headers.timestamp, ttlSeconds: SIGN_TTL_SECONDS } : undefined,
    parse: (req) => parseRobotCallback(req.body, sessionWebhook),
    respond: () => ({ status: 200, body: '' }),
    async send(to, message) {
      const address = DingTalkAddress.parse(to.address ?? {});
      const group = address.conversationType === '2';
      const webhook = address.sessionWebhook;
      const open = (address.sessionWebhookExpiresAt ?? 0) - WEBHOOK_MARGIN_MS > now();
      // Checked again on the way out: an address stored before the host list changed is not trusted blindly.
      if (webhook && open && sessionWebhook.safeParse(webhook).success) {
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
