// One Lambda-like cold start, bundled and run in a fresh process by bench/cold-start.ts: module init, then the
// live FAQ's snapshot read from DynamoDB and loaded, then the first answer. Prints the three times as JSON.
const started = performance.now();
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { createDb } = await import('../functions/core/db.js');
const { createDynamoFaqStore } = await import('../functions/core/faq/dynamo-faq-store.js');
const { createFaqSnapshotStore } = await import('../functions/core/faq/faq-snapshot-store.js');
const { createLiveFaq } = await import('../functions/core/faq/live-faq.js');
const initMs = performance.now() - started;

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const db = createDb(client, process.env.FRONTDESK_TABLE ?? 'frontdesk');
const faq = createLiveFaq(createDynamoFaqStore({ client: db.doc, tableName: db.table }), {
  snapshots: createFaqSnapshotStore(db),
  log: (line) => console.error(line),
});
const match = await faq.match(process.env.QUESTION ?? 'how do I transfer money');
const answer = match.best ? await faq.entry(match.best.id) : undefined;
const totalMs = performance.now() - started;
console.log(JSON.stringify({ initMs, totalMs, answered: answer !== undefined }));
client.destroy();
