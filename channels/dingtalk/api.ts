import * as z from 'zod';
import type { ChannelStore } from '../types.js';
import { createAccessTokens } from './access-token.js';

/** A DingTalk answer that was not a success; the message carries DingTalk's code for the logs. */
class DingTalkApiError extends Error {
  override name = 'DingTalkApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TokenResponse = z.object({ accessToken: z.string().min(1), expireIn: z.number().int().positive() });
// batchSend answers 200 also for users it skipped: throttled (flowControlled…) or unknown (invalid…).
const BatchSendResponse = z.object({
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});
const GroupSendResponse = z.object({ processQueryKey: z.string() });
/** sessionWebhook and custom-robot answers: errcode 0 is success (130101 is "send too fast"). */
const RobotSendResponse = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/** The robot OpenAPI calls frontdesk makes, with the app's access token. */
export interface DingTalkApi {
  sendToUser(
    robotCode: string,
    userId: string,
    template: { msgKey: string; msgParam: string },
  ): Promise<void>;
  sendToGroup(
    robotCode: string,
    chatId: string,
    template: { msgKey: string; msgParam: string },
  ): Promise<void>;
}

/** Posts JSON and returns the parsed answer; anything but a 2xx throws, so the queue retries the send. */
async function postJson(fetcher: typeof fetch, url: string, body: unknown, headers = {}) {
  const res = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw new DingTalkApiError(res.status, `DingTalk answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Posts a robot message to a sessionWebhook or a custom robot's webhook; a non-zero errcode throws. */
export async function postRobotMessage(fetcher: typeof fetch, url: string, body: unknown): Promise<void> {
  const { errcode, errmsg } = RobotSendResponse.parse(await postJson(fetcher, url, body));
  if (errcode !== 0)
    throw new DingTalkApiError(502, `DingTalk robot send failed: errcode ${errcode} ${errmsg}`);
}

/**
 * The robot OpenAPI on `baseUrl` (https://api.dingtalk.com): one-to-one batchSend and group send
 * (https://open.dingtalk.com/document/group/chatbots-send-one-on-one-chat-messages-in-batches,
 * https://help.dingtalk.io/open/development/the-robot-sends-a-group-message).
 */
export function createDingTalkApi(options: {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  store: ChannelStore;
  fetch: typeof fetch;
}): DingTalkApi {
  const base = options.baseUrl.replace(/\/$/, '');
  const tokens = createAccessTokens(options.store, `dingtalk#token#${options.appKey}`, async () => {
    const body = { appKey: options.appKey, appSecret: options.appSecret };
    const { accessToken, expireIn } = TokenResponse.parse(
      await postJson(options.fetch, `${base}/v1.0/oauth2/accessToken`, body),
    );
    return { token: accessToken, expiresInSeconds: expireIn };
  });

  async function call(path: string, body: unknown): Promise<unknown> {
    const send = async () =>
      postJson(options.fetch, `${base}${path}`, body, { 'x-acs-dingtalk-access-token': await tokens.get() });
    try {
      return await send();
    } catch (error) {
      // A token revoked before its time (the app secret was reset): forget it and try once with a new one.
      if (!(error instanceof DingTalkApiError && error.status === 401)) throw error;
      await tokens.invalidate();
      return send();
    }
  }

  return {
    async sendToUser(robotCode, userId, template) {
      const result = BatchSendResponse.parse(
        await call('/v1.0/robot/oToMessages/batchSend', { robotCode, userIds: [userId], ...template }),
      );
      if (result.flowControlledStaffIdList?.includes(userId))
        throw new DingTalkApiError(429, `DingTalk throttled the message to ${userId}; the queue retries it`);
      if (result.invalidStaffIdList?.includes(userId))
        throw new DingTalkApiError(400, `DingTalk does not know user ${userId}`);
    },
    async sendToGroup(robotCode, chatId, template) {
      GroupSendResponse.parse(
        await call('/v1.0/robot/groupMessages/send', { robotCode, openConversationId: chatId, ...template }),
      );
    },
  };
}
