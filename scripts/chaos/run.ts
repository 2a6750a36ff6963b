import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { frontdeskProcess, freePort } from './child.js';
import { crashFault } from './crash.js';
import { outageFault } from './outage.js';
import { platformEnv, startPlatforms } from './platforms.js';
import { replayFaults } from './replays.js';
import { printTable, progress, type Row } from './report.js';

// `npm run chaos [-- --outage 20 --handoffs 300 --slack 100 --kills 3 --settle 1200 --only crash,outage,replay]`:
// the faults of issue 11 against a real `npm start` child process on loopback (docs/chaos.md).
const { values } = parseArgs({
  options: {
    handoffs: { type: 'string', default: '300' },
    slack: { type: 'string', default: '100' },
    kills: { type: 'string', default: '3' },
    outage: { type: 'string', default: '300' },
    settle: { type: 'string', default: '1200' },
    only: { type: 'string', default: 'crash,outage,replay' },
  },
});
const n = (name: keyof typeof values) => Number(values[name]);
const only = new Set(String(values.only).split(','));

const platforms = await startPlatforms();
const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-chaos-'));
const frontdesk = frontdeskProcess(
  {
    ...platformEnv(platforms.url),
    FRONTDESK_HOURS: 'always',
    FRONTDESK_CONVERSATIONS_PER_MINUTE: '1000000',
    FRONTDESK_MESSAGES_PER_MINUTE: '1000000',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
  dataDir,
  await freePort(),
);
const rows: Row[] = [];
try {
  await frontdesk.start();
  const settleSeconds = n('settle');
  if (only.has('replay')) {
    progress('replays: WeChat and DingTalk signatures reused with forged bodies, a Slack retry storm');
    rows.push(...(await replayFaults(frontdesk, platforms)));
  }
  if (only.has('crash')) {
    progress(`kill -9 ×${n('kills')} during ${n('handoffs')} web hand-offs and ${n('slack')} Slack messages`);
    rows.push(
      ...(await crashFault(frontdesk, platforms, {
        handoffs: n('handoffs'),
        slack: n('slack'),
        kills: n('kills'),
        settleSeconds,
      })),
    );
  }
  if (only.has('outage')) {
    progress(
      `Slack API down for ${n('outage')} s while 10 users write, then up to ${settleSeconds} s to deliver`,
    );
    rows.push(await outageFault(frontdesk, platforms, { seconds: n('outage'), messages: 10, settleSeconds }));
  }
} finally {
  await frontdesk.stop();
  await platforms.close();
  rmSync(dataDir, { recursive: true, force: true });
}
printTable(rows);
const lost = rows.reduce((sum, row) => sum + row.lost + row.duplicated, 0);
console.log(lost === 0 ? '\nnothing lost' : `\n${lost} lost or duplicated`);
process.exit(lost === 0 ? 0 : 1);
