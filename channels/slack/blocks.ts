import type { KnownBlock } from '@slack/web-api';
import type { OutboundMessage } from '../types.js';
import { ACTION } from './actions.js';
import { escapeText } from './text.js';

/** Block Kit limits (https://api.slack.com/reference/block-kit/blocks): section text, button label, buttons. */
const SECTION_MAX = 3000;
const LABEL_MAX = 75;
const BUTTONS_MAX = 25;

/** Cuts text to a Block Kit limit, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A message for chat.postMessage and friends: `text` (escaped; the notification fallback), buttons for choices and extra buttons. */
export function messageBlocks(message: OutboundMessage): { text: string; blocks?: KnownBlock[] } {
  const text = escapeText(message.text);
  const buttons = [...(message.choices ?? []), ...(message.buttons ?? [])];
  if (!buttons.length) return { text };
  return {
    text,
    blocks: [
      // Clipped before escaping, so no entity is cut; escaping can grow the text a little.
      { type: 'section', text: { type: 'mrkdwn', text: escapeText(clip(message.text, SECTION_MAX - 200)) } },
      {
        type: 'actions',
        elements: buttons.slice(0, BUTTONS_MAX).map((choice, i) => ({
          type: 'button',
          action_id: `${ACTION.choice}${i}`,
          text: { type: 'plain_text', text: clip(choice.label, LABEL_MAX) },
          value: choice.id,
        })),
      },
    ],
  };
}
