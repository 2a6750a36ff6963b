import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { dynaliteTable, dynamoLocalTable, fauxqsQueue } from './aws.js';

describe('local services', () => {
  it('tables and queues', async () => {
    const a = await dynamoLocalTable();
    expect((await a.client.send(new ListTablesCommand({}))).TableNames).toContain(a.tableName);
    const b = await dynaliteTable();
    expect((await b.client.send(new ListTablesCommand({}))).TableNames).toContain(b.tableName);
    b.close();
    const q = await fauxqsQueue();
    const attrs = await q.client.send(
      new GetQueueAttributesCommand({ QueueUrl: q.queueUrl, AttributeNames: ['All'] }),
    );
    expect(attrs.Attributes?.RedrivePolicy).toContain(q.dlqUrl.split('/').pop());
  });
});
