import type { KnownBlock, ModalView } from '@slack/web-api';
import { ACTION, FAQ_VIEW } from './actions.js';
import { clip } from './blocks.js';
import { escapeText } from './text.js';

/** A ticket as the agent channel shows it; functions/desk fills it from the ticket and its transcript. */
export interface TicketCard {
  ticketId: string;
  kind: 'transfer' | 'message';
  status: 'queued' | 'claimed' | 'resolved' | 'returned' | 'cancelled';
  /** The end user's channel (web, slack, wechat, …). */
  userChannel: string;
  lang: string;
  question: string;
  message?: string;
  contact?: string;
  createdAt: number;
  /** The owner: a Slack user id for agents working in Slack, else the console agent's name. */
  owner?: { slackUserId?: string; name: string };
  transcript: { role: 'user' | 'bot' | 'agent'; name?: string; text: string }[];
}

const LINE_MAX = 280;

/** "3 min", "2 h 5 min": how long someone has waited. */
export function waited(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A user id as a mention, anything else as escaped text. */
export function who(owner: TicketCard['owner']): string {
  if (!owner) return 'nobody';
  return owner.slackUserId ? `<@${owner.slackUserId}>` : escapeText(owner.name);
}

// Slack renders <!date^…> in each reader's own time zone (https://api.slack.com/reference/surfaces/formatting#date-formatting).
const slackDate = (ms: number) =>
  `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
const quote = (text: string) => escapeText(clip(text, 1500)).replace(/^/gm, '>');

function statusLine(card: TicketCard, now: Date): string {
  switch (card.status) {
    case 'queued':
      return `:hourglass_flowing_sand: Waiting for ${waited(now.getTime() - card.createdAt)}`;
    case 'claimed':
      return `:eyes: Claimed by ${who(card.owner)}`;
    case 'resolved':
      return `:white_check_mark: Resolved by ${who(card.owner)}`;
    case 'returned':
      return `:leftwards_arrow_with_hook: Handed back to the bot by ${who(card.owner)}`;
    case 'cancelled':
      return ':no_entry_sign: Cancelled by the user';
  }
}

/** The ticket's message in the agent channel: who, what, the last lines, how long, and the buttons. */
export function ticketCardBlocks(card: TicketCard, now: Date): { text: string; blocks: KnownBlock[] } {
  const title = card.kind === 'transfer' ? 'asks for a person' : 'left a message';
  const text = `A ${card.userChannel} user ${title}: ${escapeText(clip(card.question, 200))}`;
  const lines = card.transcript.map((line) => {
    const speaker =
      line.role === 'agent' ? escapeText(line.name ?? 'Agent') : line.role === 'user' ? 'User' : 'Bot';
    return `*${speaker}:* ${escapeText(clip(line.text.replace(/\s+/g, ' '), LINE_MAX))}`;
  });
  const open = card.status === 'queued' || card.status === 'claimed';
  const button = (label: string, actionId: string, style?: 'primary') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text: label },
    action_id: actionId,
    value: card.ticketId,
    ...(style && { style }),
  });
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: `${card.kind === 'transfer' ? '🙋' : '✉️'} A ${card.userChannel} user ${title}`,
      },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Channel*\n${escapeText(card.userChannel)}` },
        { type: 'mrkdwn', text: `*Language*\n${escapeText(card.lang)}` },
        { type: 'mrkdwn', text: `*Since*\n${slackDate(card.createdAt)}` },
        { type: 'mrkdwn', text: `*Status*\n${statusLine(card, now)}` },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*Question*\n${quote(card.question)}` } },
  ];
  if (card.message)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Message*\n${quote(card.message)}` } });
  if (card.contact)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Contact*\n${escapeText(card.contact)}` },
    });
  if (lines.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(lines.join('\n'), 2900) }] });
  blocks.push({
    type: 'actions',
    elements: [
      ...(card.status === 'queued' ? [button('Claim', ACTION.claim, 'primary')] : []),
      ...(open ? [button('Resolve', ACTION.resolve)] : []),
      button('Save as FAQ', ACTION.openFaq),
    ],
  });
  return { text, blocks };
}

/** The "Save as FAQ" modal, prefilled; the ticket id rides in private_metadata to the submission. */
export function faqModal(ticketId: string, question: string, answer: string): ModalView {
  const input = (id: string, label: string, value: string, max: number, multiline: boolean) => ({
    type: 'input' as const,
    block_id: id,
    label: { type: 'plain_text' as const, text: label },
    element: {
      type: 'plain_text_input' as const,
      action_id: id,
      multiline,
      max_length: max,
      // Nothing to prefill (no agent reply yet): an empty field rather than an empty initial value.
      ...(value && { initial_value: clip(value, max) }),
    },
  });
  return {
    type: 'modal',
    callback_id: FAQ_VIEW.callbackId,
    private_metadata: ticketId,
    title: { type: 'plain_text', text: 'Save as FAQ' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(FAQ_VIEW.question, 'Question', question, 500, false),
      input(FAQ_VIEW.answer, 'Answer', answer, 3000, true),
    ],
  };
}
