import type { ChannelFactory, WebhookChannel } from '../types.js';
import { createSlackApi } from './api.js';
import { deliverToSlack } from './deliver.js';
import { createSlackParser } from './parse.js';
import { slackSettings } from './settings.js';
import { isSslCheck, verifySlackSignature } from './verify.js';

/**
 * Slack for end users (docs/channels/slack.md): events, button clicks and the slash command on `/webhooks/slack`.
 * Slack wants a 2xx within 3 seconds (https://api.slack.com/apis/connections/events-api#responding), so every
 * message goes through the inbound queue and the answer is posted by the delivery worker.
 */
export const createSlackChannel: ChannelFactory = (context) => {
  const settings = slackSettings(context.env);
  if (!settings) {
    context.log(
      'Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on (docs/channels/slack.md)',
    );
    return undefined;
  }
  const api = createSlackApi(settings, context.fetch);
  const channel: WebhookChannel = {
    name: 'slack',
    mode: 'queue',
    verify: (req, now) => isSslCheck(req) || verifySlackSignature(settings.signingSecret, req, now),
    parse: createSlackParser(settings, context.log),
    respond: () => ({ status: 200, body: '' }),
    send: (to, message, delivery) => deliverToSlack(api, context.store, to, message, delivery),
  };
  return channel;
};
