import type { Node } from 'constructs';
import * as z from 'zod';

// `cdk.json` gives lists and booleans; `-c key=value` on the command line gives strings.
const list = z.union([z.array(z.string()), z.string().transform((value) => value.split(','))]);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

/** Deployment settings from the CDK context (`cdk.json`, or `-c frontdesk:<key>=…`); see docs/deploy.md. */
export const Settings = z.object({
  /** One stack per region; AWS China regions (cn-*) deploy into the aws-cn partition with China credentials. */
  regions: list.pipe(z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/)).min(1)),
  /** DynamoDB deletion protection, and whether the table and logs survive `cdk destroy`. */
  deletionProtection: flag.default(true),
  logRetentionDays: z.coerce.number().int().positive().default(30),
  /** Per region, the HTTP API's public base URL when a custom domain fronts it (needed in AWS China). */
  publicUrls: z.record(z.string(), z.url().regex(/\/$/, 'a public URL ends with /')).default({}),
  /** Where alarms are mailed; empty for none (subscribe to the AlarmTopic output instead). */
  alarmEmail: z.union([z.literal(''), z.email()]).default(''),
});
export type Settings = z.infer<typeof Settings>;

/** Reads and checks the settings; a bad value stops synth with the key's name. */
export function readSettings(node: Node): Settings {
  const value = (key: string) => node.tryGetContext(`frontdesk:${key}`);
  return Settings.parse({
    regions: value('regions'),
    deletionProtection: value('deletionProtection'),
    logRetentionDays: value('logRetentionDays'),
    publicUrls: value('publicUrls'),
    alarmEmail: value('alarmEmail'),
  });
}
