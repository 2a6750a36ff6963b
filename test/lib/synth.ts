import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addFrontdesk } from '../../lib/app.js';
import { PROJECT_ROOT } from '../../lib/bundle-options.js';
import type { FrontdeskStack } from '../../lib/frontdesk-stack.js';

/** The context in cdk.json, as `npx cdk synth` reads it. */
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8'),
).context;

/** A synthesized app: its cloud assembly and each region's template. */
export interface Synthesized {
  assembly: CloudAssembly;
  stacks: FrontdeskStack[];
  templates: Record<string, Template>;
  /** Deletes the cloud assembly directory (bundled assets included). */
  remove(): void;
}

/**
 * Synthesizes the app exactly as bin/app.ts builds it, cdk-nag included (synth throws on an unacknowledged
 * finding). Bundling is skipped unless `bundle` is set, since most tests look at the template only.
 */
export function synth(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean; before?: (stacks: FrontdeskStack[]) => void } = {},
): Synthesized {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'frontdesk-cdk-')),
    context: { ...CDK_CONTEXT, ...context, ...(!options.bundle && { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stacks = addFrontdesk(app);
  options.before?.(stacks);
  const assembly = app.synth();
  const templates = Object.fromEntries(
    stacks.map((stack) => [
      stack.region,
      Template.fromJSON(assembly.getStackByName(stack.stackName).template),
    ]),
  );
  return {
    assembly,
    stacks,
    templates,
    remove: () => rmSync(assembly.directory, { recursive: true, force: true }),
  };
}
