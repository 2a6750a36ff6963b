import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../functions/core/conversations.js';
import { createDb } from '../../../functions/core/db.js';
import { dynamoLocalTable } from '../../support/aws.js';

describe('the transcript', () => {
  it('keeps the order of writing for lines stamped with the same second (WeChat timestamps)', async () => {
    const { client, tableName } = await dynamoLocalTable();
    const conversations = createConversationStore(createDb(client, tableName));
    const second = Date.UTC(2026, 11, 3, 8, 0, 0);
    const now = new Date(second + 400);
    for (const n of [1, 2, 3]) {
      // Each message arrives stamped with the same whole second; the bot answers it in the same millisecond.
      await conversations.append(
        'wechat#o1',
        [
          { role: 'user', text: `question ${n}`, at: second },
          { role: 'bot', text: `answer ${n}`, at: now.getTime() },
        ],
        now,
      );
    }
    const lines = await conversations.transcript('wechat#o1');
    expect(lines.map((line) => line.text)).toEqual([
      'question 1',
      'answer 1',
      'question 2',
      'answer 2',
      'question 3',
      'answer 3',
    ]);
  });
});
