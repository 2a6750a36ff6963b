import type { ChannelContext } from '../types.js';
import { botFrameworkSettings } from './settings.js';
import type { BotFrameworkChannel } from './types.js';

/**
 * The Bot Framework channel when its variables are set (undefined and a log line otherwise), loading botbuilder
 * only on first use: the local server and the delivery function serve other channels without paying for it.
 */
export function botFrameworkChannel(
  context: Pick<ChannelContext, 'env' | 'log'>,
): BotFrameworkChannel | undefined {
  const settings = botFrameworkSettings(context.env, context.log);
  if (!settings) return undefined;
  let channel: Promise<BotFrameworkChannel> | undefined;
  const load = () =>
    (channel ??= import('./botframework-channel.js').then(({ createBotFrameworkChannel }) =>
      createBotFrameworkChannel(settings, { log: context.log }),
    ));
  return {
    name: 'botframework',
    process: async (req, now, answer) => (await load()).process(req, now, answer),
    send: async (to, message) => (await load()).send(to, message),
  };
}
