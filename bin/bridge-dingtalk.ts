/**
 * `npm run bridge:dingtalk`: the DingTalk Stream-mode bridge, a long-running process for organisations whose
 * frontdesk cannot take DingTalk's HTTP callbacks. It keeps the Stream connection open with the official SDK and
 * relays robot messages to frontdesk (docs/channels/dingtalk.md). Never imported by the Lambda code.
 */
import { DWClient } from 'dingtalk-stream';
import * as z from 'zod';
import { startDingTalkBridge } from '../bridges/dingtalk-stream/bridge.js';

const Env = z.object({
  DINGTALK_APP_KEY: z.string().min(1, 'set DINGTALK_APP_KEY (the app’s Client ID)'),
  DINGTALK_APP_SECRET: z.string().min(1, 'set DINGTALK_APP_SECRET (the app’s Client Secret)'),
  /** Where frontdesk's HTTP API answers, as seen from this process. */
  FRONTDESK_URL: z.url().default('http://127.0.0.1:3000'),
});

const parsed = Env.safeParse({ DINGTALK_APP_KEY: '', DINGTALK_APP_SECRET: '', ...process.env });
if (!parsed.success) {
  console.error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  process.exit(1);
}
const env = parsed.data;

// keepAlive pings the socket, so a half-open connection is noticed and the SDK reconnects.
const client = new DWClient({
  clientId: env.DINGTALK_APP_KEY,
  clientSecret: env.DINGTALK_APP_SECRET,
  keepAlive: true,
});
startDingTalkBridge({ client, frontdeskUrl: env.FRONTDESK_URL, appSecret: env.DINGTALK_APP_SECRET });
await client.connect();
console.log(`dingtalk-stream: relaying robot messages to ${env.FRONTDESK_URL}/webhooks/dingtalk`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    client.disconnect();
    process.exit(0);
  });
}
