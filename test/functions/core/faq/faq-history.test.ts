import { describe, expect, it } from 'vitest';
import { createDb } from '../../../../functions/core/db.js';
import { createDynamoFaqStore } from '../../../../functions/core/faq/dynamo-faq-store.js';
import { FaqHistoryError, withFaqHistory } from '../../../../functions/core/faq/faq-history.js';
import { dynamoLocalTable } from '../../../support/aws.js';

const entry = (id: string) => ({ id, questions: [`what about ${id}?`], answer: `${id} it is.` });

async function historyStore() {
  const { client, tableName } = await dynamoLocalTable();
  const db = createDb(client, tableName);
  return withFaqHistory(createDynamoFaqStore({ client: db.doc, tableName }), db, undefined, () => {});
}

describe('the FAQ history under concurrent writes', () => {
  it('gives a diff across them that is whole, or refuses it, never half of it', async () => {
    const store = await historyStore();
    await store.import([entry('base')], { mode: 'replace' });
    const start = await store.version();
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.put(entry(id))));
    const end = await store.version();
    const diff = await store.history.diff(start, end).catch((error: unknown) => error);
    if (diff instanceof FaqHistoryError) return;
    expect(diff).toEqual({ added: ['a', 'b', 'c', 'd'].map(entry), removed: [], changed: [] });
  });

  it('a write that left no log cuts the chain: diffs across it are refused', async () => {
    const { client, tableName } = await dynamoLocalTable();
    const db = createDb(client, tableName);
    const bare = createDynamoFaqStore({ client: db.doc, tableName });
    const store = withFaqHistory(bare, db, undefined, () => {});
    await store.put(entry('a'));
    const start = await store.version();
    await bare.put(entry('unlogged'));
    await store.put(entry('b'));
    await expect(store.history.diff(start, await store.version())).rejects.toThrow(FaqHistoryError);
  });
});
