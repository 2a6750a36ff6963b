import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.js';
import { Apis } from './apis.js';
import { CHANNEL_NAMES, webhookPath } from './channel-catalog.js';
import { Data } from './data.js';
import { Functions } from './functions.js';
import { Queues } from './queues.js';
import type { Settings } from './settings.js';

/** frontdesk in one region: storage, queues, functions, the two APIs and the alarms. */
export class FrontdeskStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { settings: Settings }) {
    super(scope, id, props);
    const { settings } = props;
    const data = new Data(this, 'data', { deletionProtection: settings.deletionProtection });
    const queues = new Queues(this, 'queues');
    const functions = new Functions(this, 'functions', {
      data,
      queues,
      logRetentionDays: settings.logRetentionDays,
      retain: settings.deletionProtection,
    });
    const apis = new Apis(this, 'apis', { functions, logRetentionDays: settings.logRetentionDays });
    const alarms = new Alarms(this, 'alarms', { queues, email: settings.alarmEmail });

    // Where users and platforms reach the HTTP API: a custom domain when one is set (AWS China needs an ICP-filed
    // one), else the stage's own URL. Both end with '/'.
    const base = settings.publicUrls[this.region] ?? apis.httpStage.url;
    for (const fn of functions.withServices) fn.addEnvironment('FRONTDESK_PUBLIC_URL', base);
    // API Gateway serves the widget's live socket on its own host; the api tells each new conversation where.
    functions.byName.api.addEnvironment('FRONTDESK_LIVE_URL', apis.liveStage.url);
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('ApiUrl', base, 'The HTTP API: every route of frontdesk');
    output('WidgetScript', `${base}widget.js`, 'Embed with <script src="…" defer></script>');
    output('LiveUrl', apis.liveStage.url, 'WebSocket for live replies: ?conversationId=…&token=…');
    for (const name of CHANNEL_NAMES) {
      output(`Webhook${pascal(name)}`, `${base}${webhookPath(name)}`, `Register this URL with ${name}`);
      output(
        `Secret${pascal(name)}`,
        data.channelSecrets[name].secretName,
        `Put ${name}'s JSON credentials here`,
      );
    }
    output('AdminTokenSecret', data.adminSecret.secretName, 'FRONTDESK_ADMIN_TOKEN, generated');
    output('TableName', data.table.tableName, 'FRONTDESK_TABLE for the CLI (FRONTDESK_STORAGE=aws)');
    for (const [name, { deadLetters }] of Object.entries(queues.byName)) {
      output(
        `DeadLetters${pascal(name)}`,
        deadLetters.queueUrl,
        `Failed ${name} messages, for inspection and redrive`,
      );
    }
    output('AlarmTopic', alarms.topic.topicArn, 'Subscribe to queue alarms here');
  }
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
