import * as z from 'zod';

/** How the channel authenticates: an Azure Bot's app registration, or not at all (the Bot Framework Emulator). */
export type BotFrameworkSettings =
  { auth: 'app'; appId: string; password: string; tenantId?: string } | { auth: 'none' };

// An empty variable counts as unset, as with every other channel.
const variable = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const Env = z.object({
  MICROSOFT_APP_ID: variable,
  MICROSOFT_APP_PASSWORD: variable,
  MICROSOFT_APP_TENANT_ID: variable,
  BOTFRAMEWORK_NO_AUTH: variable,
  AWS_LAMBDA_FUNCTION_NAME: variable,
});

const TURN_ON =
  'set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on ' +
  '(docs/channels/teams.md), or BOTFRAMEWORK_NO_AUTH=true for the Bot Framework Emulator on this machine';

/** The channel's settings from the environment; undefined (and a log line saying why) when it stays off. */
export function botFrameworkSettings(
  env: Record<string, string | undefined>,
  log: (message: string) => void,
): BotFrameworkSettings | undefined {
  const vars = Env.parse(env);
  if (vars.MICROSOFT_APP_ID) {
    if (!vars.MICROSOFT_APP_PASSWORD) {
      log(
        'Bot Framework (Teams) is off: MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD (its client secret) is not',
      );
      return undefined;
    }
    return {
      auth: 'app',
      appId: vars.MICROSOFT_APP_ID,
      password: vars.MICROSOFT_APP_PASSWORD,
      ...(vars.MICROSOFT_APP_TENANT_ID && { tenantId: vars.MICROSOFT_APP_TENANT_ID }),
    };
  }
  if (vars.BOTFRAMEWORK_NO_AUTH === 'true') {
    // Without an app id anyone who finds the URL could post Activities as any user: never in a deployment.
    if (vars.AWS_LAMBDA_FUNCTION_NAME) {
      log(`Bot Framework (Teams) is off: BOTFRAMEWORK_NO_AUTH=true is refused in AWS Lambda; ${TURN_ON}`);
      return undefined;
    }
    log(
      'Bot Framework is on WITHOUT authentication (BOTFRAMEWORK_NO_AUTH=true): for the Emulator on this machine only',
    );
    return { auth: 'none' };
  }
  log(`Bot Framework (Teams) is off: ${TURN_ON}`);
  return undefined;
}
