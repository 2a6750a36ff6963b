import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_CONTEXT, type Synthesized, synth } from './synth.js';

// Every region listed in cdk.json, synthesized once, with cdk-nag's AwsSolutions checks as `npx cdk synth` runs them.
const REGIONS = CDK_CONTEXT['frontdesk:regions'] as string[];
let app: Synthesized;
beforeAll(() => {
  app = synth();
});
afterAll(() => app?.remove());

/** The template without service principals (`lambda.amazonaws.com` names a service, not a host, in every partition). */
const withoutPrincipals = (template: object) =>
  JSON.stringify(template, (key, value) =>
    (key === 'Service' || key === 'Principal') && typeof value === 'string' ? '<service principal>' : value,
  );

describe('every configured region', () => {
  it('includes a global region and AWS China (cn-north-1) by default', () => {
    expect(REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'cn-north-1']));
    expect(app.stacks.map((stack) => stack.stackName)).toEqual(
      REGIONS.map((region) => `Frontdesk-${region}`),
    );
  });

  it('synthesizes with cdk-nag clean; the only acknowledged rules are the five explained in the constructs', () => {
    const report = JSON.parse(
      readFileSync(join(app.assembly.directory, 'validation-report.json'), 'utf8'),
    ) as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: unknown[];
        suppressedViolations: { ruleName: string }[];
      }[];
    };
    const [nag] = report.pluginReports;
    expect([nag?.pluginName, nag?.conclusion, nag?.violations]).toEqual(['AwsSolutions', 'success', []]);
    const acknowledged = new Set(nag!.suppressedViolations.map((v) => v.ruleName.replace(/\[.*\]$/, '[…]')));
    // SMG4: platform-issued credentials; L1: nodejs22.x by choice; APIG1: WebSocket logs need an account-wide role;
    // APIG4: authentication happens in the app; IAM5: PostToConnection on @connections/* of one stage.
    expect([...acknowledged].sort()).toEqual([
      'AwsSolutions-APIG1',
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[…]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
  });

  it.each(REGIONS)('%s names no partition, no service host and no account in the template', (region) => {
    const text = withoutPrincipals(app.templates[region]!.toJSON());
    expect(text).not.toMatch(/arn:aws/);
    expect(text).not.toMatch(/amazonaws\.com/);
    // An account id is 12 digits on their own (asset hashes are hex, so digits inside them do not count).
    expect(text).not.toMatch(/[^0-9a-f]\d{12}[^0-9a-f]/);
    expect(text).toContain('"AWS::Partition"');
    expect(text).toContain('"AWS::URLSuffix"');
  });

  it('gives each region the same resources', () => {
    const count = (region: string) =>
      Object.values(app.templates[region]!.toJSON().Resources as Record<string, { Type: string }>)
        .map((resource) => resource.Type)
        .sort();
    for (const region of REGIONS) expect(count(region), region).toEqual(count(REGIONS[0]!));
  });
});

describe('cdk-nag on synth', () => {
  it('stops synth on a finding nobody acknowledged', () => {
    const addUnencryptedQueue = ([stack]: Synthesized['stacks']) =>
      void new Queue(stack!, 'plain', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => synth({ 'frontdesk:regions': ['us-east-1'] }, { before: addUnencryptedQueue })).toThrow(
      /AwsSolutions-SQS/,
    );
  });
});
