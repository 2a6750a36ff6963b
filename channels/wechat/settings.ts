import type * as z from 'zod';
import type { ChannelContext } from '../types.js';

/**
 * Reads a channel's settings from the environment: undefined, with one log line saying what turns the channel on
 * or what is wrong (names only, never values), when a required variable is unset or a value is malformed.
 */
export function readSettings<S extends z.ZodType>(
  context: ChannelContext,
  channel: string,
  schema: S,
  required: string[],
  hint = '',
): z.infer<S> | undefined {
  // An empty variable counts as unset (a blank line in a .env file or a secret).
  const env = Object.fromEntries(Object.entries(context.env).filter(([, value]) => value?.trim()));
  const absent = required.filter((name) => !(name in env));
  if (absent.length > 0) {
    context.log(`${channel} channel is off: set ${absent.join(', ')} to turn it on${hint}`);
    return undefined;
  }
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    context.log(`${channel} channel is off: ${problems.join('; ')}`);
    return undefined;
  }
  return parsed.data;
}
