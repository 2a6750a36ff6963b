import { randomBytes } from 'node:crypto';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../../functions/core/db.js';
import { createDynamoFaqStore } from '../../../../functions/core/faq/dynamo-faq-store.js';
import type { FaqEntry } from '../../../../functions/core/faq/entry.js';
import { snapshotFingerprint } from '../../../../functions/core/faq/faq-snapshot.js';
import { createFaqSnapshotStore } from '../../../../functions/core/faq/faq-snapshot-store.js';
import type { FaqStore } from '../../../../functions/core/faq/faq-store.js';
import { createLiveFaq, type LiveFaq } from '../../../../functions/core/faq/live-faq.js';
import { backends } from './faq-store-fixture.js';

const faq: FaqEntry[] = [
  {
    id: 'refund',
    questions: ['How do I get a refund?', '怎么退款', '退款多久到账'],
    answer: 'Refunds take 3 days.',
  },
  { id: 'shipping', questions: ['How long does shipping take?', '发货要多久'], answer: 'We ship in 2 days.' },
  { id: 'password', questions: ['I forgot my password', 'reset my password'], answer: 'Use the reset link.' },
];
const fingerprint = snapshotFingerprint({});

describe.each(backends)('FAQ snapshots on $name', (backend) => {
  let db: Db;
  let close: () => void;
  let store: FaqStore;
  let builds: number;
  const logs: string[] = [];

  // A fresh process: its own LiveFaq on the shared table, counting the times it reads the whole FAQ to build.
  const process = (): LiveFaq =>
    createLiveFaq(
      {
        ...store,
        snapshot: () => {
          builds++;
          return store.snapshot();
        },
      },
      { snapshots: createFaqSnapshotStore(db), log: (line) => logs.push(line) },
    );
  const snapshotItems = async () => {
    const { Items = [] } = await db.doc.send(new ScanCommand({ TableName: db.table, ConsistentRead: true }));
    return Items.filter((item) => String(item.pk).startsWith('FAQSNAP'));
  };

  beforeEach(async () => {
    const opened = await backend.open();
    db = createDb(opened.client, opened.tableName);
    close = opened.close;
    store = createDynamoFaqStore({ client: db.doc, tableName: db.table });
    await store.import(faq, { mode: 'replace' });
    builds = 0;
    logs.length = 0;
  });
  afterEach(() => close());

  it('builds on the first cold start and stores the snapshot; later cold starts load it without building', async () => {
    expect((await process().match('how do i get a refund')).best?.id).toBe('refund');
    expect(builds).toBe(1);
    const second = process();
    expect((await second.match('发货要多久')).best?.id).toBe('shipping');
    expect((await second.entry('password'))?.answer).toBe('Use the reset link.');
    expect(builds).toBe(1);
  });

  it('answers exactly as a freshly built index does', async () => {
    const built = process();
    const questions = ['refund please', '退钱', 'shiping time', 'forgot password', 'hello there', '怎么发货'];
    const fresh = await Promise.all(questions.map((q) => built.match(q)));
    const loaded = process();
    expect(await Promise.all(questions.map((q) => loaded.match(q)))).toEqual(fresh);
    expect(builds).toBe(1);
  });

  it('never uses the snapshot of another FAQ version', async () => {
    const snapshots = createFaqSnapshotStore(db);
    await process().publish();
    const first = await snapshots.read(fingerprint, 1);
    await store.put({ id: 'gift', questions: ['Can I buy a gift card?'], answer: 'Yes, in the shop.' });
    expect((await process().match('can i buy a gift card')).best?.id).toBe('gift');
    expect(builds).toBe(2);

    // Version 1's bytes stored where version 2's belong (a bad write) are refused, rebuilt and replaced.
    const second = await snapshots.read(fingerprint, 2);
    expect(await snapshots.write(fingerprint, 2, first!.bytes!, second!.writer)).toBe(true);
    expect((await process().entry('gift'))?.answer).toBe('Yes, in the shop.');
    expect(logs.join('\n')).toMatch(/refused \(snapshot is of FAQ version 1, not 2\)/);
    expect(builds).toBe(3);
    expect((await process().match('can i buy a gift card')).best?.id).toBe('gift');
    expect(builds).toBe(3);
  });

  it('refuses a damaged snapshot, rebuilds it and stores a sound one', async () => {
    await process().publish();
    const [chunk] = (await snapshotItems()).filter((item) => item.pk !== 'FAQSNAP');
    const data = Uint8Array.from(chunk!.data as Uint8Array);
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...chunk, data } }));

    expect((await process().match('reset my password')).best?.id).toBe('password');
    expect(logs.join('\n')).toMatch(/refused \(snapshot checksum mismatch\)/);
    expect(builds).toBe(2);
    expect((await process().match('怎么退款')).best?.id).toBe('refund');
    expect(builds).toBe(2);
  });

  it('stores a snapshot larger than one item in chunks and reads it back whole', async () => {
    const snapshots = createFaqSnapshotStore(db);
    const bytes = randomBytes(1_000_000);
    expect(await snapshots.write(fingerprint, 7, bytes)).toBe(true);
    expect((await snapshotItems()).filter((item) => item.pk !== 'FAQSNAP')).toHaveLength(3);
    expect(Buffer.from((await snapshots.read(fingerprint, 7))!.bytes!).equals(bytes)).toBe(true);
    expect(await snapshots.write(fingerprint, 7, randomBytes(10))).toBe(false);
    expect(await snapshots.read(fingerprint, 8)).toBeUndefined();
  });

  it('stores one snapshot when two cold starts build the same version at once', async () => {
    const answers = await Promise.all([process().match('refund'), process().match('refund')]);
    expect(answers.map((answer) => answer.best?.id)).toEqual(['refund', 'refund']);
    const items = await snapshotItems();
    const manifests = items.filter((item) => item.pk === 'FAQSNAP');
    expect(manifests).toHaveLength(1);
    const chunks = items.filter((item) => item.pk !== 'FAQSNAP');
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((item) => String(item.pk).endsWith(`#${manifests[0]!.writer}`))).toBe(true);
  });
});
