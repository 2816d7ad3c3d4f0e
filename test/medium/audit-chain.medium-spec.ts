/**
 * The audit chain's head is read under its lock in one round trip (`audit_chain_head`, issue 16): a transaction that
 * waited for the lock must chain after what the holder committed, not after what its statement's snapshot saw.
 * Against real Postgres as the app role, with projections and plain appends racing in one province.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit, verifyAuditChain } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';

jest.setTimeout(60_000);

const record = (action: string) => ({
  at: new Date().toISOString(),
  actor: { id: randomUUID(), name: 'Kiểm thử', type: 'SYSTEM' as const },
  action,
  proposalId: null,
  stage: null,
  payload: { marker: randomUUID() },
});

describe('audit chain head (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase();
  });
  afterAll(() => db.close());

  const lastTwo = async () =>
    db.dataSource.query<{ action: string; prev_hash: string; hash: string }[]>(
      `SELECT action, prev_hash, hash FROM audit_event WHERE province_code = 'HT' ORDER BY seq DESC LIMIT 2`,
    );

  it('makes a waiting appender chain after the event the lock holder committed meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const firstAppended = new Promise<void>((r) => (appended = r));
    const first = db.appDataSource.transaction(async (m) => {
      await appendAudit(m, [record('TEST_FIRST')]);
      appended();
      await held; // keeps the lock, and its event uncommitted, while the second asks for the head
    });
    await firstAppended;
    const second = db.appDataSource.transaction((m) => appendAudit(m, [record('TEST_SECOND')]));
    // The second is now waiting on the lock (its statement started before the first commits).
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);

    const [newest, before] = await lastTwo();
    expect([before!.action, newest!.action]).toEqual(['TEST_FIRST', 'TEST_SECOND']);
    expect(newest!.prev_hash).toBe(before!.hash);
  });

  it('keeps one unbroken chain when many appenders race', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => db.appDataSource.transaction((m) => appendAudit(m, [record(`TEST_RACE_${i}`)]))),
    );
    const result = await db.appDataSource.transaction((m) => verifyAuditChain(m));
    expect(result.ok).toBe(true);
  });
});
