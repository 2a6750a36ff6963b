import type { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, unknown>;
interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

/** What one function's role may do, grouped by kind; anything outside these kinds lands in `unexpected`. */
export interface Permissions {
  secrets: string[];
  sends: string[];
  consumes: string[];
  /** The actions of the statements that grant consuming. */
  consumeActions: string[];
  table: string[];
  tableCondition?: unknown;
  manageConnections: string[];
  logs: string[];
  unexpected: string[];
}

const list = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** Names the template's resources the way the tests speak of them (`secret:web`, `queue:inbound`, `logs:api`…). */
function namer(template: Template) {
  const names = new Map<string, string>();
  const add = (type: string, name: (id: string, props: Json) => string) => {
    for (const [id, resource] of Object.entries(template.findResources(type))) {
      names.set(id, name(id, (resource as { Properties?: Json }).Properties ?? {}));
    }
  };
  add('AWS::DynamoDB::Table', () => 'table');
  add('AWS::SecretsManager::Secret', (_, p) => `secret:${String(p.Name).split('/').pop()}`);
  add(
    'AWS::SQS::Queue',
    (id, p) =>
      `${p.RedrivePolicy ? 'queue' : 'dlq'}:${/^queues(inbound|tickets|outboundbotframework|outbound)/
        .exec(id)?.[1]
        ?.replace('outboundbotframework', 'outbound-botframework')}`,
  );
  add('AWS::Logs::LogGroup', (id) => `logs:${/^functions(\w+?)logs/.exec(id)?.[1] ?? id}`);
  add('AWS::ApiGatewayV2::Api', (id) => `api:${/^apis(http|live)/.exec(id)?.[1]}`);
  return (resource: unknown) => {
    const text = JSON.stringify(resource);
    const found = [...names].filter(([id]) => text.includes(`"${id}"`)).map(([, name]) => name);
    return found.length > 0 ? found.join('+') + (text.includes('/index/gsi1') ? '/index/gsi1' : '') : text;
  };
}

/** The permissions of the function whose logical id starts with `functions<name>`. */
export function permissionsOf(template: Template, name: string): Permissions {
  const functions = template.findResources('AWS::Lambda::Function');
  const fn = Object.entries(functions).find(([id]) => id.startsWith(`functions${name}`))?.[1] as {
    Properties: Json;
  };
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      JSON.stringify((policy as { Properties: Json }).Properties.Roles).includes(`"${roleId}"`),
    )
    .flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
  const name_ = namer(template);
  const result: Permissions = {
    secrets: [],
    sends: [],
    consumes: [],
    consumeActions: [],
    table: [],
    manageConnections: [],
    logs: [],
    unexpected: [],
  };
  for (const statement of statements) {
    const actions = list(statement.Action);
    const targets = list(statement.Resource).map(name_);
    const has = (action: string) => actions.includes(action);
    if (has('secretsmanager:GetSecretValue')) result.secrets.push(...targets);
    else if (has('sqs:SendMessage')) result.sends.push(...targets);
    else if (has('sqs:ReceiveMessage')) {
      result.consumes.push(...targets);
      result.consumeActions.push(...actions);
    } else if (actions.every((a) => a.startsWith('dynamodb:'))) {
      result.table.push(...targets.flatMap((target) => actions.map((action) => `${action} ${target}`)));
      if (statement.Condition) result.tableCondition = statement.Condition;
    } else if (has('execute-api:ManageConnections')) result.manageConnections.push(...targets);
    else if (has('logs:PutLogEvents')) result.logs.push(...targets);
    else result.unexpected.push(JSON.stringify(statement));
  }
  for (const key of ['secrets', 'sends', 'consumes', 'table', 'logs'] as const) result[key].sort();
  return result;
}
