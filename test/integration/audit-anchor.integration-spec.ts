/**
 * Issue 12, item 8: the audit log against someone who can reach the database. The api and worker connect as a member
 * of accord_app, which may only INSERT and SELECT audit_event; TRUNCATE is refused even to the owner; and a tail cut
 * by someone who can get past all that (a superuser switching the trigger off) is reported by GET /audit/verify,
 * because the worker signs the chain's head into a file outside the database.
 *
 * The cut is mended before the test ends (the stack and its chain are shared with the other suites), and while it is
 * in place this suite holds the chain's advisory lock, so no event is appended onto the shortened chain meanwhile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADVISORY_LOCKS, CHECKPOINT_FILE } from '@accord/persistence';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { waitFor } from '../support/eventually';
import { signIn, type Session } from '../support/sessions';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl, appDatabaseUrl, auditCheckpointDir } = stack();
const V1 = '/api/v1';

interface Verify {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  checkpoint: { seq: number; at: string; ok: boolean; reason?: string } | null;
}

describe('audit log anchored against the database', () => {
  let auditor: Session;
  let owner: Client;
  let app: Client;
  const verify = async (): Promise<Verify> => {
    const res = await auditor.client.get(`${V1}/audit/verify`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const head = async (): Promise<number> =>
    Number((await owner.query<{ seq: string }>(`SELECT max(seq) AS seq FROM audit_event WHERE province_code = 'HT'`)).rows[0]!.seq);
  const fileCheckpoints = (): { seq: number; hash: string; at: string; mac: string }[] =>
    readFileSync(join(auditCheckpointDir!, CHECKPOINT_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  beforeAll(async () => {
    auditor = await signIn(apiUrl, databaseUrl, demoEmail({ agency: null, role: 'AUDITOR' }));
    owner = new Client({ connectionString: databaseUrl });
    app = new Client({ connectionString: appDatabaseUrl });
    await Promise.all([owner.connect(), app.connect()]);
    // Both act for Hà Tĩnh, whose chain this suite reads (row-level security applies to the app role).
    await Promise.all([
      owner.query(`SELECT set_config('accord.province', 'HT', false)`),
      app.query(`SELECT set_config('accord.province', 'HT', false)`),
    ]);
    // Events of a user and of the system to anchor.
    await driveMou(apiUrl, { until: 'CONSULTATION', body: mouBody({ title: 'Audit anchor' }) });
  });

  afterAll(async () => {
    await Promise.all([owner?.end(), app?.end()]);
  });

  it('connects the api and the worker as a role that neither is a superuser nor owns audit_event', async () => {
    const {
      rows: [me],
    } = await app.query<{ name: string; rolsuper: boolean; member: boolean; owner: string }>(
      `SELECT current_user AS name, r.rolsuper, pg_has_role(current_user, 'accord_app', 'MEMBER') AS member,
              (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_event') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(me).toMatchObject({ rolsuper: false, member: true });
    expect(me!.owner).not.toBe(me!.name);
    // What it needs it has: the whole stack runs on it (every other suite), and it reads and appends the audit log.
    expect((await app.query('SELECT seq FROM audit_event LIMIT 1')).rows).toHaveLength(1);
    await app.query('BEGIN');
    try {
      await app.query(
        `INSERT INTO audit_event (id, at, actor_id, actor_name, actor_type, action, payload, prev_hash, hash)
         VALUES (gen_random_uuid(), now(), 'x', 'x', 'SYSTEM', 'PROBE', '{}', $1, $1)`,
        ['0'.repeat(64)],
      );
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('refuses the app role UPDATE, DELETE and TRUNCATE on audit_event, and switching its triggers off', async () => {
    const seq = await head();
    for (const sql of [
      `UPDATE audit_event SET payload = '{"tampered":true}' WHERE seq = ${seq}`,
      `DELETE FROM audit_event WHERE seq = ${seq}`,
      'TRUNCATE audit_event',
    ]) {
      await expect(app.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(app.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete')).rejects.toThrow(/must be owner/);
    await expect(app.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate')).rejects.toThrow(/must be owner/);
    expect(await head()).toBe(seq);
  });

  it('refuses TRUNCATE on audit_event even to its owner (a superuser here)', async () => {
    const before = await head();
    await owner.query('BEGIN');
    try {
      await expect(owner.query('TRUNCATE audit_event')).rejects.toThrow(/audit_event is append-only/);
    } finally {
      await owner.query('ROLLBACK');
    }
    expect(await head()).toBe(before);
  });

  it('reports a tail cut below the latest checkpoint, which the worker does not sign over, and verifies again once mended', async () => {
    // No event is appended while this holds the lock appendAudit takes (session and transaction advisory locks conflict).
    await owner.query(`SELECT pg_advisory_lock($1, hashtext('HT'))`, [ADVISORY_LOCKS.AUDIT_CHAIN]);
    try {
      const last = await head();
      const anchored = await waitFor('a checkpoint of the head', verify, (v) => v.checkpoint?.seq === last);
      expect(anchored).toMatchObject({ ok: true, checkpoint: { seq: last, ok: true } });
      expect(fileCheckpoints().at(-1)).toMatchObject({
        seq: last,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        mac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      // The two newest events deleted behind the trigger's back; what is left is still a sound chain.
      const cut = async (): Promise<string[]> => {
        await owner.query('BEGIN');
        try {
          await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
          const { rows } = await owner.query<{ row: string }>(
            `DELETE FROM audit_event WHERE seq IN (SELECT seq FROM audit_event WHERE province_code = 'HT' ORDER BY seq DESC LIMIT 2)
             RETURNING to_jsonb(audit_event)::text AS row`,
          );
          await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
          await owner.query('COMMIT');
          return rows.map((r) => r.row);
        } catch (err) {
          await owner.query('ROLLBACK');
          throw err;
        }
      };
      const removed = await cut();
      expect(removed).toHaveLength(2);
      const end = await head();
      try {
        const broken = await verify();
        expect(broken).toEqual({
          ok: false,
          checked: anchored.checked - 2,
          checkpoint: {
            seq: last,
            at: anchored.checkpoint!.at,
            ok: false,
            reason: `the chain ends at seq ${end}, before the checkpoint at seq ${last}: events were removed from its end`,
          },
        });
        // A few of the worker's ticks later the latest checkpoint is still the one above the cut: it was not laundered.
        await new Promise((r) => setTimeout(r, 3000));
        expect(fileCheckpoints().at(-1)!.seq).toBe(last);
        expect((await verify()).ok).toBe(false);
      } finally {
        // Put back exactly (seq and all: the hashes cover every field).
        for (const row of removed)
          await owner.query('INSERT INTO audit_event SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)', [row]);
      }
      expect(await verify()).toEqual({
        ok: true,
        checked: anchored.checked,
        checkpoint: { seq: last, at: anchored.checkpoint!.at, ok: true },
      });
    } finally {
      await owner.query(`SELECT pg_advisory_unlock($1, hashtext('HT'))`, [ADVISORY_LOCKS.AUDIT_CHAIN]);
    }
  });
});
