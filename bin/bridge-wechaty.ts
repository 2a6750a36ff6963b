import { WechatyBuilder } from 'wechaty';
import * as z from 'zod';
import { startBridge } from '../bridges/wechaty/bridge.js';
import { MIN_SECRET_LENGTH } from '../channels/wechaty/protocol.js';

// `npm run bridge:wechaty`: a long-running process, never part of a Lambda bundle (docs/channels/wechat.md).
const Env = z.object({
  FRONTDESK_URL: z.url().default('http://127.0.0.1:3000'),
  WECHATY_BRIDGE_SECRET: z
    .string({ error: 'required: the secret shared with frontdesk (docs/channels/wechat.md)' })
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
  /** Wechaty keeps the login session in `{name}.memory-card.json`. */
  WECHATY_NAME: z.string().default('frontdesk-bridge'),
  WECHATY_BRIDGE_JOURNAL: z.string().default('.frontdesk/wechaty-bridge.json'),
  WECHATY_BRIDGE_POLL_MS: z.coerce.number().int().min(200).default(2000),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;

// The puppet comes from Wechaty's own variables: WECHATY_PUPPET (e.g. wechaty-puppet-wechat4u, or
// wechaty-puppet-service with WECHATY_PUPPET_SERVICE_TOKEN for a hosted puppet).
const wechaty = WechatyBuilder.build({ name: env.WECHATY_NAME });
wechaty.on('scan', (qrcode, status) =>
  console.log(
    `Scan this login QR code with the WeChat app (status ${status}); render it with any QR tool:\n${qrcode}`,
  ),
);
wechaty.on('login', (user) => console.log(`Logged in as ${user.name()}; forwarding to ${env.FRONTDESK_URL}`));
wechaty.on('logout', (user) => console.log(`${user.name()} logged out`));
wechaty.on('error', (error) => console.error(`wechaty: ${error.message}`));

await wechaty.start();
const bridge = startBridge({
  wechaty,
  frontdeskUrl: env.FRONTDESK_URL,
  secret: env.WECHATY_BRIDGE_SECRET,
  journalFile: env.WECHATY_BRIDGE_JOURNAL,
  pollMs: env.WECHATY_BRIDGE_POLL_MS,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await bridge.stop();
    await wechaty.stop();
    process.exit(0);
  });
}
