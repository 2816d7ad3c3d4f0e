import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@accord/config';
import { auditHash, GENESIS_HASH, type AuditRow } from './audit-chain';
import {
  CHECKPOINT_FILE,
  checkAgainstCheckpoint,
  checkpointSignatureOk,
  readLatestCheckpoint,
  signCheckpoint,
  writeCheckpoint,
  type SqlQuery,
} from './audit-checkpoint';

type Row = AuditRow & { seq: string };
const KEY = 'k'.repeat(32) + '-checkpoint-test-key';

function chain(n: number): Row[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const fields = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 11, 4, 3, 0, i)).toISOString(),
      actor_id: 'u',
      actor_name: 'Trần Thị Bình',
      actor_type: 'USER',
      action: 'TASK_COMPLETED',
      proposal_id: null,
      stage: 'INTAKE',
      workflow_id: null,
      run_id: null,
      payload: { n: i },
    };
    const row = { ...fields, seq: String(i + 1), prev_hash: prev, hash: auditHash(prev, fields) };
    prev = row.hash;
    return row;
  });
}

/** The queries the checkpoint code sends, answered from an in-memory table. */
function db(rows: Row[]): SqlQuery {
  return async (sql, params) => {
    if (sql.startsWith('SELECT hash FROM audit_event WHERE seq = $1'))
      return rows.filter((r) => r.seq === String(params[0])).map((r) => ({ hash: r.hash }));
    if (sql.startsWith('SELECT max(seq)')) return [{ seq: rows.length ? rows[rows.length - 1]!.seq : null }];
    if (sql.startsWith('SELECT seq, hash FROM audit_event ORDER BY seq DESC'))
      return rows.slice(-1).map((r) => ({ seq: r.seq, hash: r.hash }));
    if (sql.startsWith('SELECT * FROM audit_event WHERE seq > $1 AND seq <= $2')) {
      return rows.filter((r) => Number(r.seq) > Number(params[0]) && Number(r.seq) <= Number(params[1])).slice(0, Number(params[2]));
    }
    throw new Error(`unexpected query: ${sql}`);
  };
}

describe('audit checkpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'accord-checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const lines = () =>
    readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  it('signs seq, hash and time with the key: any change, or another key, fails the signature', () => {
    const c = signCheckpoint(KEY, { seq: 7, hash: 'a'.repeat(64) }, new Date('2026-12-04T03:00:00Z'));
    expect(c).toMatchObject({ seq: 7, hash: 'a'.repeat(64), at: '2026-12-04T03:00:00.000Z' });
    expect(checkpointSignatureOk(KEY, c)).toBe(true);
    expect(checkpointSignatureOk(`${KEY}x`, c)).toBe(false);
    for (const forged of [
      { ...c, seq: 6 },
      { ...c, hash: 'b'.repeat(64) },
      { ...c, at: '2026-12-05T03:00:00.000Z' },
      { ...c, mac: 'f'.repeat(64) },
      { ...c, mac: 'zz' },
    ]) {
      expect(checkpointSignatureOk(KEY, forged)).toBe(false);
    }
  });

  it('writes the head once per change, and checks what came since the previous checkpoint', async () => {
    const rows = chain(5);
    expect(await writeCheckpoint(db([]), KEY, dir, new Date())).toEqual({ written: false, reason: 'empty' });
    expect(await readLatestCheckpoint(dir)).toBeNull();
    const first = await writeCheckpoint(db(rows), KEY, dir, new Date('2026-12-04T03:00:00Z'));
    expect(first).toMatchObject({ written: true, checkpoint: { seq: 5, hash: rows[4]!.hash } });
    expect(await writeCheckpoint(db(rows), KEY, dir, new Date())).toEqual({ written: false, reason: 'unchanged' });
    const more = chain(8);
    expect(await writeCheckpoint(db(more), KEY, dir, new Date('2026-12-04T03:01:00Z'))).toMatchObject({
      written: true,
      checkpoint: { seq: 8 },
    });
    expect(lines().map((c) => c.seq)).toEqual([5, 8]);
    expect(await readLatestCheckpoint(dir)).toMatchObject({ seq: 8, hash: more[7]!.hash, at: '2026-12-04T03:01:00.000Z' });
    // An event since the last checkpoint that does not chain: nothing is signed over it.
    const forged = chain(10);
    forged[8] = { ...forged[8]!, payload: { forged: true } };
    expect(await writeCheckpoint(db(forged), KEY, dir, new Date())).toEqual({
      written: false,
      reason: 'mismatch',
      problem: 'the chain is broken at seq 9',
    });
    expect(lines()).toHaveLength(2);
  });

  it('reports a tail cut below the latest checkpoint, a rewritten head and a forged checkpoint, and never signs over them', async () => {
    const rows = chain(6);
    await writeCheckpoint(db(rows), KEY, dir, new Date());
    const latest = (await readLatestCheckpoint(dir))!;
    expect(await checkAgainstCheckpoint(db(rows), KEY, latest)).toEqual({ seq: 6, at: latest.at, ok: true });
    // The chain of the first four still verifies on its own; only the checkpoint shows what is gone.
    const cut = rows.slice(0, 4);
    expect(await checkAgainstCheckpoint(db(cut), KEY, latest)).toEqual({
      seq: 6,
      at: latest.at,
      ok: false,
      reason: 'the chain ends at seq 4, before the checkpoint at seq 6: events were removed from its end',
    });
    expect(await writeCheckpoint(db(cut), KEY, dir, new Date())).toMatchObject({ written: false, reason: 'mismatch' });
    // Cut, then as many new events appended: same seqs, other hashes.
    const regrown = [
      ...cut,
      ...chain(6)
        .slice(4)
        .map((r) => ({ ...r, hash: 'c'.repeat(64) })),
    ];
    expect(await checkAgainstCheckpoint(db(regrown), KEY, latest)).toMatchObject({
      ok: false,
      reason: 'event 6 is not the one the checkpoint signed (its hash differs)',
    });
    expect(await checkAgainstCheckpoint(db(rows), KEY, { ...latest, seq: 3 })).toMatchObject({
      ok: false,
      reason: 'the checkpoint is not signed with AUDIT_CHECKPOINT_KEY',
    });
    expect(lines()).toHaveLength(1);
  });

  it('reads the last well-formed line (a torn write is skipped) from a long file', async () => {
    const rows = chain(3);
    for (let i = 0; i < 2000; i++)
      appendFileSync(join(dir, CHECKPOINT_FILE), `${JSON.stringify(signCheckpoint(KEY, { seq: 1, hash: rows[0]!.hash }, new Date()))}\n`);
    await writeCheckpoint(db(rows), KEY, dir, new Date());
    appendFileSync(join(dir, CHECKPOINT_FILE), '{"seq":4,"hash":"');
    expect(await readLatestCheckpoint(dir)).toMatchObject({ seq: 3, hash: rows[2]!.hash });
  });

  it('is required in production, at least 32 characters', () => {
    // A real random JWT_SECRET, so that only the checkpoint key is at issue here.
    const base = { DATABASE_URL: 'postgres://x@y/z', JWT_SECRET: randomBytes(32).toString('hex'), NODE_ENV: 'production' };
    expect(() => loadConfig(base)).toThrow(/AUDIT_CHECKPOINT_KEY: must be set in production/);
    expect(() => loadConfig({ ...base, AUDIT_CHECKPOINT_KEY: 'short' })).toThrow(/AUDIT_CHECKPOINT_KEY must be at least 32/);
    expect(loadConfig({ ...base, AUDIT_CHECKPOINT_KEY: KEY }).AUDIT_CHECKPOINT_KEY).toBe(KEY);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).AUDIT_CHECKPOINT_KEY).toBeUndefined();
  });
});
