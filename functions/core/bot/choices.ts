import type { Choice, InboundMessage } from '../../../channels/types.js';
import type { Pending } from '../conversations.js';

/** The choice a message picks: a button's id, a number ("2", "２"), or a label typed out in full. */
export function pickChoice(pending: Pending | undefined, msg: InboundMessage): Choice | undefined {
  if (pending?.kind !== 'choices') return undefined;
  const { choices } = pending;
  if (msg.choice) return choices.find((choice) => choice.id === msg.choice);
  const text = msg.text
    .normalize('NFKC')
    .trim()
    .replace(/[.。、)]$/, '');
  if (/^\d{1,2}$/.test(text)) return choices[Number(text) - 1];
  return choices.find((choice) => choice.label.toLowerCase() === text.toLowerCase());
}

/** True for the words that stop a flow: "cancel", "取消", "算了", "stop". */
export function isCancel(text: string): boolean {
  return /^(cancel|stop|quit|never ?mind|取消|算了|不用了|退出)$/i.test(text.normalize('NFKC').trim());
}
