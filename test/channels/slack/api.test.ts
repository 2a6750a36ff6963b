import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApi } from '../../../channels/slack/api.js';
import { startSlackApi } from './slack-api-stub.js';

let slack: Awaited<ReturnType<typeof startSlackApi>>;
beforeAll(async () => {
  slack = await startSlackApi();
});
afterAll(() => slack.close());

describe('the Slack Web API client', () => {
  it('counts a reaction Slack already has as added, and throws on other refusals', async () => {
    const api = createSlackApi({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }, fetch);
    slack.answerWith(() => ({ body: { ok: false, error: 'already_reacted' } }));
    await expect(api.react({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).resolves.toBeUndefined();
    slack.answerWith(() => ({ body: { ok: false, error: 'channel_not_found' } }));
    await expect(api.react({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).rejects.toThrow(
      'channel_not_found',
    );
    expect(slack.calls('reactions.add')).toHaveLength(2);
  });
});
