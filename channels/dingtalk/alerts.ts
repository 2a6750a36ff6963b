import * as z from 'zod';
import type { ChannelContext } from '../types.js';
import { postRobotMessage } from './api.js';
import { createMinuteBudget } from './minute-budget.js';
import { dingTalkSign } from './signature.js';

/** The ticket fields an alert shows (frontdesk's Ticket has them all). */
export interface AlertTicket {
  id: string;
  kind: 'transfer' | 'message';
  question: string;
  message?: string;
  createdAt: number;
}

/** Tells a DingTalk group about new and overdue tickets; frontdesk wires it as a ticket notifier. */
export interface DingTalkAlerts {
  readonly name: string;
  ticketCreated(ticket: AlertTicket): Promise<void>;
  ticketOverdue(ticket: AlertTicket, now: Date): Promise<void>;
}

const AlertsEnv = z.object({
  /** The custom robot's webhook, https://oapi.dingtalk.com/robot/send?access_token=… */
  DINGTALK_ALERT_WEBHOOK: z.url(),
  /** The SEC… secret of the robot's 加签 security setting. */
  DINGTALK_ALERT_SECRET: z.string().min(1),
  FRONTDESK_PUBLIC_URL: z.url(),
});
const REQUIRED = ['DINGTALK_ALERT_WEBHOOK', 'DINGTALK_ALERT_SECRET', 'FRONTDESK_PUBLIC_URL'];

/**
 * The DingTalk group alerts when DINGTALK_ALERT_WEBHOOK, DINGTALK_ALERT_SECRET and FRONTDESK_PUBLIC_URL (for the
 * console link) are set: a list of one, or none and a log line naming the variables.
 */
export function dingTalkAlertsFromEnv(
  context: ChannelContext,
  now: () => number = Date.now,
): DingTalkAlerts[] {
  const parsed = AlertsEnv.safeParse(context.env);
  if (!parsed.success) {
    if (REQUIRED.some((name) => context.env[name])) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
      context.log(`DingTalk alerts are off: ${problems}`);
    } else context.log(`DingTalk alerts are off: set ${REQUIRED.join(', ')} to turn them on`);
    return [];
  }
  const env = parsed.data;
  return [
    createDingTalkAlerts({
      webhook: env.DINGTALK_ALERT_WEBHOOK,
      secret: env.DINGTALK_ALERT_SECRET,
      consoleUrl: new URL('/agent', env.FRONTDESK_PUBLIC_URL).toString(),
      store: context.store,
      fetch: context.fetch,
      now,
    }),
  ];
}

/**
 * Posts action cards (text plus one button to the agent console) through a custom robot signed with 加签: the
 * webhook URL gains `timestamp` and `sign`, URL-encoded (自定义机器人安全设置). A burst beyond the minute's budget
 * is folded into one digest card, as DingTalk's doc suggests for high-volume alerts, and the rest wait in the console.
 */
export function createDingTalkAlerts(options: {
  webhook: string;
  secret: string;
  consoleUrl: string;
  store: ChannelContext['store'];
  fetch: typeof fetch;
  now: () => number;
}): DingTalkAlerts {
  const budget = createMinuteBudget(options.store, 'dingtalk-alerts', options.now);
  const card = (title: string, lines: string[]) => ({
    msgtype: 'actionCard',
    actionCard: {
      title,
      text: [`#### ${title}`, ...lines].join('\n\n'),
      singleTitle: '打开客服台 · Open the agent console',
      singleURL: options.consoleUrl,
    },
  });

  async function post(message: ReturnType<typeof card>): Promise<void> {
    const timestamp = String(options.now());
    const url = new URL(options.webhook);
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', dingTalkSign(timestamp, options.secret));
    await postRobotMessage(options.fetch, url.toString(), message);
  }

  async function alert(message: ReturnType<typeof card>): Promise<void> {
    const allowance = await budget.claim();
    if (allowance === 'post') return post(message);
    if (allowance === 'digest')
      return post(
        card('更多新工单 · More tickets', [
          '这个机器人每分钟最多发 20 条消息，其余工单请在客服台查看。',
          'This robot may post only 20 messages a minute; see the console for the rest.',
        ]),
      );
  }

  return {
    name: 'dingtalk-alerts',
    ticketCreated: (ticket) =>
      alert(
        card(ticket.kind === 'transfer' ? '新的转人工 · New transfer' : '新的留言 · New message', [
          `> ${quote(ticket.question)}`,
          ...(ticket.message ? [`留言 · message: ${quote(ticket.message)}`] : []),
          `工单 · ticket \`${ticket.id}\``,
        ]),
      ),
    ticketOverdue(ticket, now) {
      const minutes = Math.max(1, Math.round((now.getTime() - ticket.createdAt) / 60_000));
      return alert(
        card('转人工无人认领 · Transfer waiting', [
          `> ${quote(ticket.question)}`,
          `已等待 ${minutes} 分钟 · waiting for ${minutes} min`,
          `工单 · ticket \`${ticket.id}\``,
        ]),
      );
    },
  };
}

/** A customer's words on one line, short enough for a card. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
