import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FrontdeskStack } from './frontdesk-stack.js';
import { readSettings } from './settings.js';

/**
 * Adds one stack per configured region, and cdk-nag's AwsSolutions checks, which fail synth on any finding
 * that is not acknowledged with a reason. No account is pinned: each stack deploys with the credentials it is
 * given, so an AWS China (aws-cn) account and a global one can share this app.
 */
export function addFrontdesk(app: App): FrontdeskStack[] {
  const settings = readSettings(app.node);
  const stacks = settings.regions.map(
    (region) => new FrontdeskStack(app, `Frontdesk-${region}`, { env: { region }, settings }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stacks;
}
