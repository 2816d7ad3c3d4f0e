/**
 * Incidents instead of silent retries (docs/reliability.md): a projection step that Postgres keeps refusing becomes
 * an incident an administrator can see (error and step), and retry once the cause is fixed; the proposal then goes on.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { mouBody } from '../support/fixtures';
import { waitFor } from '../support/eventually';
import { signIn, type Session } from '../support/sessions';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const V1 = '/api/v1';

interface Incident {
  id: string;
  status: string;
  proposal: { id: string; reference: string } | null;
  step: { key: string; action: string; stage: string | null; status: string };
  error: { type: string; message: string };
  retryCount: number;
}

describe('incidents: a poisoned step waits for an administrator, and a retry after the fix completes it', () => {
  const s = stack();
  const marker = `POISON-${randomUUID()}`;
  let db: Client;
  let admin: Session;
  let auditor: Session;
  let submitter: Session;

  beforeAll(async () => {
    db = new Client({ connectionString: s.databaseUrl });
    await db.connect();
    // The cause: the database refuses this proposal's projection (as a bad value or a bug would), every time.
    await db.query(`CREATE OR REPLACE FUNCTION accord_test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = '${marker}' AND NEW.status <> 'SUBMITTED' THEN
          RAISE EXCEPTION 'value refused for %', NEW.reference USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER accord_test_poison BEFORE UPDATE ON proposal FOR EACH ROW EXECUTE FUNCTION accord_test_poison()`);
    [admin, auditor, submitter] = await Promise.all(
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      ].map((e) => signIn(s.apiUrl, s.databaseUrl, e)),
    );
  });

  afterAll(async () => {
    await db.query('DROP TRIGGER IF EXISTS accord_test_poison ON proposal');
    await db.query('DROP FUNCTION IF EXISTS accord_test_poison()');
    await db.end();
  });

  const incidentOf = async (proposalId: string): Promise<Incident | undefined> => {
    const page = await admin.client.get(`${V1}/admin/incidents?status=OPEN`);
    expect(page.status).toBe(200);
    return (page.body.items as Incident[]).find((i) => i.proposal?.id === proposalId);
  };

  it('lists the incident with its error and step, retries it, and the proposal is routed', async () => {
    const created = await submitter.client.post(`${V1}/proposals`, mouBody({ title: marker }));
    // Accepted: the row is committed; the workflow's first step is what fails.
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    const incident = await waitFor(
      'incident opened',
      () => incidentOf(id),
      (i) => i !== undefined,
      60_000,
    );
    expect(incident).toMatchObject({
      status: 'OPEN',
      proposal: { id, reference: created.body.reference },
      retryCount: 0,
      step: { action: 'STATUS_CHANGED', status: 'INTAKE', stage: 'INTAKE' },
      error: { type: 'PoisonedStep' },
    });
    expect(incident!.error.message).toContain('22023');
    expect(incident!.error.message).toContain(`value refused for ${created.body.reference}`);
    // Auditors see it too; other users do not.
    expect((await auditor.client.get(`${V1}/admin/incidents/${incident!.id}`)).body.id).toBe(incident!.id);
    expect((await submitter.client.get(`${V1}/admin/incidents`)).status).toBe(403);
    expect((await auditor.client.post(`${V1}/admin/incidents/${incident!.id}/retry`, {})).status).toBe(403);
    expect((await submitter.client.get(`${V1}/proposals/${id}`)).body.status).toBe('SUBMITTED');

    // A retry before the cause is fixed fails again: the same incident reopens, with the retry counted.
    const early = await admin.client.post(`${V1}/admin/incidents/${incident!.id}/retry`, { comment: 'thử lại' });
    expect(early.status).toBe(200);
    // The workflow answers once the step ran again (a local activity): by then it has usually failed again already.
    expect(['RETRYING', 'OPEN']).toContain(early.body.status);
    const reopened = await waitFor(
      'incident reopened',
      () => incidentOf(id),
      (i) => i?.retryCount === 1,
      60_000,
    );
    expect(reopened!.id).toBe(incident!.id);

    // The cause is fixed; the administrator's retry completes the step and the proposal goes on to intake.
    await db.query('DROP TRIGGER accord_test_poison ON proposal');
    const retried = await admin.client.post(`${V1}/admin/incidents/${incident!.id}/retry`, { comment: 'Đã sửa nguyên nhân' });
    expect(retried.status).toBe(200);
    const routed = await waitFor(
      'proposal routed',
      async () => (await submitter.client.get(`${V1}/proposals/${id}`)).body,
      (p: { status: string }) => p.status === 'INTAKE',
      60_000,
    );
    expect(routed.status).toBe('INTAKE');
    const closed = await waitFor(
      'incident resolved',
      async () => (await admin.client.get(`${V1}/admin/incidents/${incident!.id}`)).body,
      (i: { status: string }) => i.status === 'RESOLVED',
      30_000,
    );
    expect(closed).toMatchObject({ status: 'RESOLVED', resolution: 'RETRY_SUCCEEDED' });
    expect((await admin.client.get(`${V1}/admin/incidents`)).body.items.map((i: Incident) => i.id)).not.toContain(incident!.id);

    // Nothing was projected twice, and each step of the story is in the audit chain.
    const { rows: intake } = await db.query(`SELECT count(*)::int AS n FROM task WHERE proposal_id = $1 AND kind = 'INTAKE_CHECK'`, [id]);
    expect(intake[0].n).toBe(1);
    const audit = await admin.client.get(`${V1}/audit?proposalId=${id}&limit=200`);
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'INCIDENT_OPENED')).toHaveLength(2);
    expect(actions.filter((a) => a === 'INCIDENT_RETRY_REQUESTED')).toHaveLength(2);
    expect(actions.filter((a) => a === 'INCIDENT_RESOLVED')).toHaveLength(1);
    expect((await admin.client.get(`${V1}/audit/verify`)).body.ok).toBe(true);

    // A resolved incident cannot be retried.
    expect((await admin.client.post(`${V1}/admin/incidents/${incident!.id}/retry`, {})).status).toBe(409);
  });
});
