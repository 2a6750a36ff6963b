import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { ConversationRef, OutboundMessage } from '../types.js';
import { IncomingActivity, Reference, toTurn } from './activity.js';
import { toActivity } from './reply.js';
import type { BotFrameworkSettings } from './settings.js';
import type { BotFrameworkChannel } from './types.js';

/** What the channel needs besides its settings. */
export interface BotFrameworkOptions {
  log: (message: string) => void;
  /** Replaces the authentication built from the settings (tests serving their own token-signing keys). */
  authentication?: ConfigurationBotFrameworkAuthentication;
}

/**
 * The Bot Framework channel on botbuilder's CloudAdapter. This folder is the only code that knows botbuilder,
 * so moving to its successor, the Microsoft 365 Agents SDK, is a change here alone.
 */
export function createBotFrameworkChannel(
  settings: BotFrameworkSettings,
  options: BotFrameworkOptions,
): BotFrameworkChannel {
  const authentication =
    options.authentication ?? new ConfigurationBotFrameworkAuthentication(authConfig(settings));
  const adapter = new CloudAdapter(authentication);
  // Proactive sends act as the bot's app id; with authentication off it is empty and no token is fetched.
  const appId = settings.auth === 'app' ? settings.appId : '';

  return {
    name: 'botframework',

    async process(req, now, answer) {
      const body = parseJson(req.body);
      const parsed = IncomingActivity.safeParse(body);
      if (!parsed.success) return { outcome: 'invalid' };
      const activity = body as Activity;
      let identity;
      try {
        // Checks the Bot Framework's JWT: signature, issuer, audience = our app id, and that its serviceurl claim
        // is the Activity's serviceUrl (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
        identity = await authentication.authenticateRequest(activity, req.headers.authorization ?? '');
      } catch (error) {
        // Fails closed: botbuilder throws plain errors for some bad tokens (a wrong signature), not only
        // AuthenticationError, and a key it cannot fetch must not let a request through either.
        options.log(`botframework: refused an Activity: ${(error as Error).message}`);
        return { outcome: 'unauthorized' };
      }
      const turn = toTurn(parsed.data, now);
      const unsent: { to: ConversationRef; message: OutboundMessage }[] = [];
      if (!turn) return { outcome: 'done', unsent };
      await adapter.processActivityDirect(identity, activity, async (context) => {
        const replies = await answer(turn);
        // In the turn, botbuilder answers in the same conversation, as replies to the incoming Activity. What the
        // Bot Connector refuses goes back to the caller instead of failing the request: the Activity already counts
        // as answered, so a retry of it would not send those replies again.
        for (const [i, reply] of replies.entries()) {
          try {
            await context.sendActivity(toActivity(reply));
          } catch (error) {
            options.log(`botframework: a reply was not sent, it is queued: ${(error as Error).message}`);
            unsent.push(...replies.slice(i).map((message) => ({ to: turn.message.from, message })));
            break;
          }
        }
      });
      return { outcome: 'done', unsent };
    },

    async send(to, message) {
      const reference = Reference.parse(JSON.parse(to.address?.reference ?? 'null'));
      // Proactive messaging from a stored conversation reference
      // (https://learn.microsoft.com/azure/bot-service/bot-builder-howto-proactive-message).
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity(toActivity(message));
      });
    },
  };
}

function authConfig(settings: BotFrameworkSettings): ConfigurationBotFrameworkAuthenticationOptions {
  if (settings.auth === 'none') return {};
  // Azure creates single-tenant bots since multi-tenant creation was deprecated (July 2025); a tenant id set
  // means single-tenant (https://learn.microsoft.com/azure/bot-service/bot-service-quickstart-registration).
  return {
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.password,
    ...(settings.tenantId
      ? { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: settings.tenantId }
      : { MicrosoftAppType: 'MultiTenant' }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
