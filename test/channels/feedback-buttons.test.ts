import { describe, expect, it } from 'vitest';
import { toActivity } from '../../channels/botframework/reply.js';
import { messageBlocks } from '../../channels/slack/blocks.js';
import { renderChoicesAsText } from '../../channels/types.js';
import { faqAnswer } from '../../functions/core/bot/feedback.js';

const answer = faqAnswer({ id: 'shipping.en', questions: ['How long is shipping?'], answer: 'Three days.' });

describe('👍/👎 under an FAQ answer', () => {
  it('are buttons in Slack, after any choices', () => {
    const { blocks } = messageBlocks(answer);
    const actions = blocks?.find((block) => block.type === 'actions') as { elements: { value: string }[] };
    expect(actions.elements.map((button) => button.value)).toEqual([
      'feedback:up:shipping.en',
      'feedback:down:shipping.en',
    ]);
  });

  it('are card buttons in Teams that send the choice back', () => {
    const activity = toActivity(answer);
    const card = activity.attachments?.[0]?.content as { buttons: { value: { choice: string } }[] };
    expect(card.buttons.map((button) => button.value.choice)).toEqual([
      'feedback:up:shipping.en',
      'feedback:down:shipping.en',
    ]);
  });

  it('stay out of the text of channels without buttons: no numbered list for them', () => {
    expect(renderChoicesAsText(answer, 'Reply with a number')).toBe('Three days.');
  });
});
