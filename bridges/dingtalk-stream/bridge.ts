import { type DWClient, type DWClientDownStream, TOPIC_ROBOT } from 'dingtalk-stream';
import { dingTalkSign } from '../../channels/dingtalk/signature.js';

/** The part of the Stream SDK's client the bridge uses. */
export type StreamClient = Pick<DWClient, 'registerCallbackListener' | 'socketCallBackResponse'>;

/** Where the bridge relays to, and with what. */
export interface BridgeOptions {
  client: StreamClient;
  /** frontdesk's base URL; robot messages go to its /webhooks/dingtalk. */
  frontdeskUrl: string;
  /** The app's secret (Stream mode's clientSecret), which is also what signs HTTP-mode callbacks. */
  appSecret: string;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Relays robot messages from a Stream-mode connection into frontdesk's HTTP pipeline. Each message's JSON (the
 * same fields as an HTTP-mode callback) is posted to /webhooks/dingtalk signed exactly as DingTalk signs HTTP
 * callbacks (receive-message doc), so it takes the one verified path: dedupe on msgId, the inbound queue, and
 * replies through its sessionWebhook or the OpenAPI. No extra route or secret exists for the bridge.
 *
 * A message is acked only once frontdesk accepted it. DingTalk pushes an unacked message again (the SDK's
 * socketCallBackResponse notes a retry within 60 s), and frontdesk's dedupe keeps that to one answer.
 */
export function startDingTalkBridge(options: BridgeOptions): void {
  const fetcher = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const log = options.log ?? console.log;
  const target = `${options.frontdeskUrl.replace(/\/$/, '')}/webhooks/dingtalk`;
  let last = 0;

  async function relay(frame: DWClientDownStream): Promise<void> {
    const { messageId } = frame.headers;
    // frontdesk accepts each signed timestamp with one body only, so two messages relayed in the same
    // millisecond get distinct timestamps.
    last = Math.max(now(), last + 1);
    const timestamp = String(last);
    try {
      const res = await fetcher(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          timestamp,
          sign: dingTalkSign(timestamp, options.appSecret),
        },
        body: frame.data,
      });
      if (!res.ok) {
        log(`dingtalk-stream: frontdesk answered ${res.status} to ${messageId}; DingTalk will push it again`);
        return;
      }
      // The ack frame the SDK builds: {code: 200, headers: {messageId}, data: '{"response":"OK"}'}.
      options.client.socketCallBackResponse(messageId, 'OK');
    } catch (error) {
      log(
        `dingtalk-stream: frontdesk unreachable for ${messageId} (${String(error)}); DingTalk will push it again`,
      );
    }
  }

  options.client.registerCallbackListener(TOPIC_ROBOT, (frame) => void relay(frame));
}
