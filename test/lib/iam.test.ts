import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACTIONS } from '../../lib/access.js';
import { PROJECT_ROOT } from '../../lib/bundle-options.js';
import { CHANNEL_NAMES } from '../../lib/channel-catalog.js';
import { permissionsOf } from './permissions.js';
import { synth } from './synth.js';

// What each function's role may do, read back from one region's template (bundling skipped).
let template: Template;
beforeAll(() => {
  const app = synth({ 'frontdesk:regions': ['us-east-1'] });
  template = app.templates['us-east-1']!;
  app.remove();
});

describe('IAM boundaries between the functions', () => {
  const channels = CHANNEL_NAMES.map((name) => `secret:${name}`);
  // Replies to Teams are the botframework function's: the delivery function never reads that secret.
  const channelsButTeams = channels.filter((secret) => secret !== 'secret:botframework');
  const wholeTable = [...TABLE_ACTIONS.map((action) => `${action} table`), 'dynamodb:Query table/index/gsi1'];
  const liveRows = ['DeleteItem', 'GetItem', 'PutItem', 'Query'].map((action) => `dynamodb:${action} table`);
  const EXPECTED = {
    api: {
      secrets: ['secret:admin', 'secret:web', ...channels],
      sends: ['inbound', 'outbound', 'outbound-botframework', 'tickets'],
      deadLetters: true,
    },
    inbound: {
      secrets: ['secret:slack', 'secret:web'],
      sends: ['outbound', 'outbound-botframework', 'tickets'],
      consumes: 'inbound',
    },
    tickets: { secrets: ['secret:web', ...channels], consumes: 'tickets' },
    delivery: {
      secrets: ['secret:web', ...channelsButTeams],
      sends: ['outbound-botframework'],
      consumes: 'outbound',
      push: true,
    },
    schedule: { secrets: ['secret:web', ...channels], sends: ['outbound', 'outbound-botframework'] },
    live: { secrets: ['secret:web'], liveRowsOnly: true },
    botframework: {
      secrets: ['secret:web', 'secret:botframework'],
      sends: ['inbound', 'outbound', 'outbound-botframework', 'tickets'],
      consumes: 'outbound-botframework',
    },
  } as Record<
    string,
    {
      secrets: string[];
      sends?: string[];
      consumes?: string;
      deadLetters?: boolean;
      push?: boolean;
      liveRowsOnly?: boolean;
    }
  >;

  it('give each function its own role with no managed policy and no wildcard action', () => {
    template.resourceCountIs('AWS::IAM::Role', 7);
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action),
    );
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('limit %s to exactly what it needs', (name, expected) => {
    const granted = permissionsOf(template, name);
    expect(granted.secrets).toEqual([...expected.secrets].sort());
    expect(granted.sends).toEqual((expected.sends ?? []).map((queue) => `queue:${queue}`));
    const deadLetters = expected.deadLetters
      ? ['dlq:inbound', 'dlq:outbound', 'dlq:outbound-botframework', 'dlq:tickets']
      : [];
    expect(granted.consumes).toEqual([
      ...(expected.consumes ? [`queue:${expected.consumes}`] : []),
      ...deadLetters,
    ]);
    // A consumer backs failed messages off itself, with ChangeMessageVisibility (functions/workers/retry.ts).
    if (expected.consumes) expect(granted.consumeActions).toContain('sqs:ChangeMessageVisibility');
    expect(granted.table).toEqual((expected.liveRowsOnly ? liveRows : wholeTable).sort());
    expect(granted.tableCondition).toEqual(
      expected.liveRowsOnly
        ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LIVE#*', 'LIVECONN#*'] } }
        : undefined,
    );
    expect(granted.manageConnections).toEqual(expected.push ? ['api:live'] : []);
    expect(granted.logs).toEqual([`logs:${name}`]);
    expect(granted.unexpected).toEqual([]);
  });

  it('allow every DynamoDB command the storage code sends', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const used = new Set<string>();
    for (const file of [
      ...files(join(PROJECT_ROOT, 'functions')),
      ...files(join(PROJECT_ROOT, 'channels')),
    ]) {
      const source = readFileSync(file, 'utf8');
      const fromDocClient = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/lib-dynamodb'/.exec(source)?.[1] ?? '';
      for (const [, command] of fromDocClient.matchAll(/(\w+)Command\b/g)) used.add(command!);
    }
    const action = (command: string) =>
      `dynamodb:${{ Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchWrite: 'BatchWriteItem', BatchGet: 'BatchGetItem', TransactWrite: 'TransactWriteItems' }[command] ?? command}`;
    expect(used.size).toBeGreaterThan(3);
    for (const command of used) expect(TABLE_ACTIONS, `${command}Command`).toContain(action(command));
  });
});
