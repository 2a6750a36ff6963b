import type { OutboundMessage } from '../types.js';

/** A reply as DingTalk shows it: plain text, or markdown with numbered choices. */
type Rendered = { kind: 'text'; content: string } | { kind: 'markdown'; title: string; text: string };

const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

/**
 * Robot messages have no buttons that answer the robot (actionCard buttons only open URLs, and interactive cards
 * need templates; https://help.dingtalk.io/open/development/robot-message-type), so choices become a
 * numbered markdown list and a reply with the number picks one.
 */
export function renderForDingTalk(message: OutboundMessage): Rendered {
  if (!message.choices?.length) return { kind: 'text', content: message.text };
  const prompt = hasChinese(message.text) ? '回复数字即可选择。' : 'Reply with a number to choose.';
  const list = message.choices.map((choice, i) => `${i + 1}. ${choice.label}`).join('\n');
  // The title is what the chat list and notifications show; the body is not displayed there.
  const title = message.text.split('\n')[0]!.slice(0, 40);
  return { kind: 'markdown', title, text: `${message.text}\n\n${list}\n\n${prompt}` };
}

/**
 * The body for a sessionWebhook, shaped as the official SDK sends it (ChatbotHandler.reply_text/reply_markdown);
 * in a group the asker is @-mentioned so the answer finds them.
 */
export function sessionWebhookBody(message: OutboundMessage, mention?: string) {
  const rendered = renderForDingTalk(message);
  const at = mention ? { at: { atUserIds: [mention] } } : {};
  return rendered.kind === 'text'
    ? { msgtype: 'text', text: { content: rendered.content }, ...at }
    : { msgtype: 'markdown', markdown: { title: rendered.title, text: rendered.text }, ...at };
}

/** The OpenAPI's template form (msgKey sampleText/sampleMarkdown, msgParam a JSON string; robot-message-type doc). */
export function openApiTemplate(message: OutboundMessage): { msgKey: string; msgParam: string } {
  const rendered = renderForDingTalk(message);
  return rendered.kind === 'text'
    ? { msgKey: 'sampleText', msgParam: JSON.stringify({ content: rendered.content }) }
    : { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: rendered.title, text: rendered.text }) };
}
