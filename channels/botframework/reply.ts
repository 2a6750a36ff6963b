import { ActionTypes, type Activity, type CardAction, CardFactory, MessageFactory } from 'botbuilder';
import type { OutboundMessage } from '../types.js';

/**
 * A reply as an Activity. Choices become messageBack buttons on a hero card: Teams shows cards in personal
 * chats, group chats and channels alike, while suggested actions there are limited to three imBack buttons
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/suggested-actions). A click
 * posts the label to the chat as the user's message and sends the bot `value.choice` (activity.ts).
 */
export function toActivity(message: OutboundMessage): Partial<Activity> {
  const choices = [...(message.choices ?? []), ...(message.buttons ?? [])];
  if (!choices.length) return MessageFactory.text(message.text);
  const buttons: CardAction[] = choices.map((choice) => ({
    type: ActionTypes.MessageBack,
    title: choice.label,
    text: choice.label,
    displayText: choice.label,
    value: { choice: choice.id },
  }));
  return MessageFactory.attachment(CardFactory.heroCard('', message.text, undefined, buttons));
}
