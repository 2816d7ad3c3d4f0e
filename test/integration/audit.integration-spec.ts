/**
 * The audit log: GET /audit filters and pages, the append-only trigger, and GET /audit/verify finding a row altered
 * behind the trigger's back. The tampering test runs last and puts the row back, because the stack (and its audit
 * chain) is shared with the other suites, several of which verify the chain.
 */
import { Client } from 'pg';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

interface AuditItem {
  seq: number;
  at: string;
  actor: { id: string; name: string; type: 'USER' | 'SYSTEM' };
  action: string;
  proposalId: string | null;
  stage: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

describe('audit log', () => {
  let users: Record<'submitter' | 'officer' | 'chairman' | 'admin' | 'auditor', Session>;
  let db: Client;
  let proposal: { id: string; reference: string };
  let trail: AuditItem[];

  const audit = (query: string, who: Session = users.auditor) => who.client.get(`${V1}/audit${query}`);
  const items = async (query: string): Promise<AuditItem[]> => {
    const res = await audit(query);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body.items;
  };
  const seqs = (list: AuditItem[]) => list.map((e) => e.seq);

  beforeAll(async () => {
    users = await signInAll(apiUrl, databaseUrl, {
      submitter: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
      chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
      admin: demoEmail({ agency: null, role: 'ADMIN' }),
      auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // A proposal with a few events by a user and by the system: submitted, intake completed, consultation opened.
    proposal = await driveMou(apiUrl, { until: 'CONSULTATION', body: mouBody({ title: 'Audit trail' }) });
    trail = await items(`?proposalId=${proposal.id}&limit=200`);
  });

  afterAll(async () => {
    await db?.end();
  });

  it('is for ADMIN and AUDITOR', async () => {
    for (const who of [users.admin, users.auditor]) {
      expect((await audit('?limit=1', who)).status).toBe(200);
      expect((await who.client.get(`${V1}/audit/verify`)).status).toBe(200);
    }
    for (const who of [users.submitter, users.officer, users.chairman]) {
      expect((await audit('?limit=1', who)).status).toBe(403);
      expect((await who.client.get(`${V1}/audit/verify`)).status).toBe(403);
    }
  });

  it('filters by proposal, in order, the same events as the proposal timeline', async () => {
    expect(trail.length).toBeGreaterThanOrEqual(3);
    expect(trail.every((e) => e.proposalId === proposal.id)).toBe(true);
    expect(seqs(trail)).toEqual([...seqs(trail)].sort((a, b) => a - b));
    const timeline = (await users.admin.client.get(`${V1}/proposals/${proposal.id}/timeline`)).body.events;
    expect(trail.map((e) => [e.at, e.action])).toEqual(timeline.map((e: { at: string; action: string }) => [e.at, e.action]));
    expect(trail[0]).toMatchObject({
      action: 'PROPOSAL_SUBMITTED',
      actor: { id: users.submitter.id, type: 'USER' },
      payload: { reference: proposal.reference },
    });
    expect(trail.some((e) => e.actor.type === 'SYSTEM')).toBe(true);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash) && /^[0-9a-f]{64}$/.test(e.prevHash))).toBe(true);
  });

  it('filters by action and by actor', async () => {
    const submitted = await items(`?proposalId=${proposal.id}&action=PROPOSAL_SUBMITTED`);
    expect(seqs(submitted)).toEqual([trail[0]!.seq]);
    const byOfficer = await items(`?proposalId=${proposal.id}&actorId=${users.officer.id}`);
    expect(byOfficer.length).toBeGreaterThanOrEqual(1);
    expect(byOfficer.every((e) => e.actor.id === users.officer.id)).toBe(true);
    expect(seqs(byOfficer)).toEqual(seqs(trail.filter((e) => e.actor.id === users.officer.id)));
    const completed = await items(`?action=TASK_COMPLETED&actorId=${users.officer.id}&proposalId=${proposal.id}`);
    expect(completed.map((e) => [e.action, e.actor.id])).toEqual([['TASK_COMPLETED', users.officer.id]]);
    // Across proposals: every item has the action asked for.
    const anywhere = await items('?action=PROPOSAL_SUBMITTED&limit=20');
    expect(anywhere.length).toBeGreaterThanOrEqual(1);
    expect(anywhere.every((e) => e.action === 'PROPOSAL_SUBMITTED')).toBe(true);
    expect(await items(`?proposalId=${proposal.id}&action=NO_SUCH_ACTION`)).toEqual([]);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const first = trail[0]!;
    const last = trail[trail.length - 1]!;
    const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    expect(seqs(await items(`?proposalId=${proposal.id}&from=${first.at}&limit=200`))).toEqual(seqs(trail));
    expect(seqs(await items(`?proposalId=${proposal.id}&from=${at(first.at, 1)}&limit=200`))).toEqual(
      seqs(trail.filter((e) => e.at > first.at)),
    );
    expect(seqs(await items(`?proposalId=${proposal.id}&to=${last.at}&limit=200`))).toEqual(seqs(trail.filter((e) => e.at < last.at)));
    expect(seqs(await items(`?proposalId=${proposal.id}&from=${first.at}&to=${at(last.at, 1)}&limit=200`))).toEqual(seqs(trail));
    expect(await items(`?proposalId=${proposal.id}&to=2001-01-01T00:00:00%2B07:00`)).toEqual([]);
    for (const bad of [
      '?from=yesterday',
      '?to=2026-13-01',
      `?proposalId=not-a-uuid`,
      '?limit=0',
      '?limit=201',
      '?cursor=garbage',
      '?colour=red',
    ]) {
      expect({ bad, status: (await audit(bad)).status }).toEqual({ bad, status: 400 });
    }
  });

  it('pages with limit and an opaque cursor in seq order, ending with nextCursor null', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: AuditItem[]; nextCursor: string | null } } = await audit(
        `?proposalId=${proposal.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...seqs(res.body.items));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(seqs(trail));
    expect(pages).toBe(Math.ceil(trail.length / 2));
    // The whole log from the start: consecutive rows are chained, each prevHash is the hash before it.
    const start = await items('?limit=50');
    expect(start[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < start.length; i++)
      expect({ seq: start[i]!.seq, prevHash: start[i]!.prevHash }).toEqual({ seq: start[i]!.seq, prevHash: start[i - 1]!.hash });
  });

  it('refuses UPDATE and DELETE on audit_event in the database itself', async () => {
    const seq = trail[0]!.seq;
    await expect(db.query(`UPDATE audit_event SET payload = '{"tampered":true}' WHERE seq = $1`, [seq])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_event WHERE seq = $1', [seq])).rejects.toThrow(/append-only/);
    const { rows } = await db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM audit_event WHERE seq = $1', [seq]);
    expect(rows[0]!.payload).toEqual(trail[0]!.payload);
  });

  // Last in this file: it breaks the shared chain for a moment and mends it again.
  it("reports a row altered behind the trigger's back at its seq, and verifies again once it is put back", async () => {
    const seq = trail[0]!.seq;
    const before = await users.auditor.client.get(`${V1}/audit/verify`);
    expect(before.body).toMatchObject({ ok: true });
    const {
      rows: [original],
    } = await db.query<{ payload: string }>('SELECT payload::text AS payload FROM audit_event WHERE seq = $1', [seq]);
    const {
      rows: [{ n: earlier }],
    } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE seq < $1 AND province_code = 'HT'", [seq]);
    // In one transaction, so no other session ever meets the table without its trigger.
    const rewrite = async (payload: string) => {
      await db.query('BEGIN');
      try {
        await db.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
        await db.query('UPDATE audit_event SET payload = $2::jsonb WHERE seq = $1', [seq, payload]);
        await db.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
    };
    const tampered = JSON.stringify({ ...JSON.parse(original!.payload), title: 'A title nobody submitted' });
    await rewrite(tampered);
    let broken;
    try {
      broken = await users.auditor.client.get(`${V1}/audit/verify`);
    } finally {
      await rewrite(original!.payload);
    }
    expect(broken.status).toBe(200);
    // The latest checkpoint (audit-anchor suite) is about the head, not this early event: the chain walk finds it.
    const { checkpoint: _checkpoint, ...chain } = broken.body;
    expect(chain).toEqual({ ok: false, checked: earlier, brokenAt: seq });
    const mended = await users.admin.client.get(`${V1}/audit/verify`);
    expect(mended.body).toMatchObject({ ok: true });
    expect(mended.body.checked).toBeGreaterThan(earlier);
    // The trigger is back.
    await expect(db.query('DELETE FROM audit_event WHERE seq = $1', [seq])).rejects.toThrow(/append-only/);
  });
});
