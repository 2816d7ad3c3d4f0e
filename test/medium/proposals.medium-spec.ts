import { randomUUID } from 'node:crypto';
import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { PolicyService } from '../../apps/api/src/policies/policy.service';
import { ProposalLifecycleService } from '../../apps/api/src/proposals/proposal-lifecycle.service';
import { ProposalsService } from '../../apps/api/src/proposals/proposals.service';
import type { CreateProposalDto } from '../../apps/api/src/proposals/dto/create-proposal.dto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { DEMO_USERS } from '@accord/persistence';
import { mouBody } from '../support/fixtures';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { RecordingTemporal } from '../support/medium-temporal';
import { seededUser } from '../support/medium-users';

const email = (agency: string | null, role: string) =>
  DEMO_USERS.find((u) => u.agency === agency && (u.roles as readonly string[]).includes(role))!.email;

const body = (overrides: Record<string, unknown> = {}) => mouBody(overrides) as unknown as CreateProposalDto;

describe('ProposalsService and ProposalLifecycleService (medium: real Postgres, app role, recording Temporal)', () => {
  let db: MediumDatabase;
  let temporal: RecordingTemporal;
  let proposals: ProposalsService;
  let lifecycle: ProposalLifecycleService;
  let sct: AuthUser; // submits
  let sgddt: AuthUser; // another submitting agency
  let stp: AuthUser; // a reviewer agency
  let leader: AuthUser;
  let admin: AuthUser;

  const count = async (table: string, where = 'TRUE', params: unknown[] = []): Promise<number> =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;

  /** What a refused request must leave as it was. */
  const written = async () => ({
    proposals: await count('proposal'),
    dossiers: await count('dossier_version'),
    keys: await count('idempotency_record'),
    outbox: await count('command_outbox'),
    audit: await count('audit_event'),
    starts: temporal.starts.length,
  });

  /** A task of `agency` on the proposal, as the workflow's projection writes it: that agency now sees the proposal. */
  const addTask = async (proposalId: string, agency: string, kind = 'OPINION') => {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
       VALUES ($1,$2,$3,'CONSULTATION',$4,'OPEN',1,now(),now() + interval '10 days','WORKING_DAYS',10,$5)`,
      [id, proposalId, kind, agency, ['AGREE', 'DISAGREE']],
    );
    return id;
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    temporal = new RecordingTemporal();
    const policies = new PolicyService(db.appDataSource);
    proposals = new ProposalsService(db.appDataSource, temporal.asService(), new CalendarService(db.appDataSource), policies);
    lifecycle = new ProposalLifecycleService(db.appDataSource, temporal.asService());
    [sct, sgddt, stp, leader, admin] = await Promise.all([
      seededUser(db.dataSource, email('HT-SCT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-SGDDT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-STP', 'REVIEWER')),
      seededUser(db.dataSource, email('HT-UBND', 'LEADER')),
      seededUser(db.dataSource, email(null, 'ADMIN')),
    ]);
  });
  afterAll(() => db.close());

  it('submits: the proposal, dossier version 1, the audit event and the start command in one go, then starts the workflow', async () => {
    const accepted = await proposals.create(sct, body());
    expect(accepted).toMatchObject({ kind: 'INTERNATIONAL_AGREEMENT', status: 'INTAKE' });
    expect(accepted.reference).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
    const [row] = await db.dataSource.query(
      'SELECT status, submitting_agency_code, submitted_by, workflow_id FROM proposal WHERE id = $1',
      [accepted.id],
    );
    expect(row).toEqual({
      status: 'SUBMITTED',
      submitting_agency_code: 'HT-SCT',
      submitted_by: sct.id,
      workflow_id: `HT:proposal-${accepted.id}`,
    });
    expect(await count('dossier_version', 'proposal_id = $1 AND version = 1', [accepted.id])).toBe(1);
    expect(await count('audit_event', `proposal_id = $1 AND action = 'PROPOSAL_SUBMITTED'`, [accepted.id])).toBe(1);
    // The start command was sent, so the relay will not send it again.
    expect(await count('command_outbox', 'proposal_id = $1 AND done_at IS NOT NULL', [accepted.id])).toBe(1);
    expect(temporal.starts.filter((s) => s.workflowId === `HT:proposal-${accepted.id}`)).toHaveLength(1);
    expect(temporal.updates.at(-1)).toMatchObject({ workflowId: `HT:proposal-${accepted.id}`, name: 'sync' });
  });

  it('is accepted while Temporal is down: 201 with SUBMITTED, and the start command waits in the outbox for the relay', async () => {
    temporal.fail = new Error('connection refused');
    try {
      const accepted = await proposals.create(sct, body());
      expect(accepted.status).toBe('SUBMITTED');
      expect(await count('command_outbox', 'proposal_id = $1 AND done_at IS NULL', [accepted.id])).toBe(1);
    } finally {
      temporal.fail = null;
    }
  });

  it('returns the first result for a repeated Idempotency-Key, and writes and starts once', async () => {
    const key = `key-${randomUUID()}`;
    const first = await proposals.create(sct, body(), key);
    const before = await written();
    const again = await proposals.create(sct, body({ title: 'A different title' }), key);
    expect(again.id).toBe(first.id);
    expect(again.reference).toBe(first.reference);
    expect(await written()).toEqual(before);
  });

  it('answers two racing requests with one Idempotency-Key with one proposal', async () => {
    const key = `race-${randomUUID()}`;
    const before = await count('proposal');
    const [a, b] = await Promise.all([proposals.create(sct, body(), key), proposals.create(sct, body(), key)]);
    expect(a.id).toBe(b.id);
    expect(await count('proposal')).toBe(before + 1);
    expect(await count('idempotency_record', 'key = $1', [key])).toBe(1);
  });

  it('keeps keys per user: another user with the same key gets a proposal of their own', async () => {
    const key = `shared-${randomUUID()}`;
    const mine = await proposals.create(sct, body(), key);
    const theirs = await proposals.create(sgddt, body(), key);
    expect(theirs.id).not.toBe(mine.id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
  ])('refuses an Idempotency-Key that is %s with 400, writing nothing', async (_, key) => {
    const before = await written();
    await expect(proposals.create(sct, body(), key)).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'Idempotency-Key', message: 'must be 1-255 characters' }],
    });
    expect(await written()).toEqual(before);
  });

  it('refuses a caller without an agency with 403, writing nothing', async () => {
    const before = await written();
    await expect(proposals.create(admin, body())).rejects.toMatchObject({ status: 403 });
    expect(await written()).toEqual(before);
  });

  it("refuses another agency's attachment with 400 on attachmentIds.0, writing nothing", async () => {
    const attachment = randomUUID();
    await db.dataSource.query(
      `INSERT INTO attachment (id, filename, size, sha256, media_type, storage_key, uploaded_by, created_at) VALUES ($1,'x.pdf',5,$2,'application/pdf',$3,$4,now())`,
      [attachment, 'a'.repeat(64), 'a'.repeat(64), sgddt.id],
    );
    const before = await written();
    await expect(proposals.create(sct, body({ attachmentIds: [attachment] }))).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'attachmentIds.0' })],
    });
    expect(await written()).toEqual(before);
  });

  it('refuses an amendment of an agreement that is not registered, with 400 on details.relatedAgreementId', async () => {
    const amend = mouBody({}, { action: 'AMEND', relatedAgreementId: randomUUID() }) as unknown as CreateProposalDto;
    await expect(proposals.create(sct, amend)).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'details.relatedAgreementId', message: 'No registered agreement has this id' }),
      ]),
    });
  });

  describe('who sees what', () => {
    let id: string;
    beforeAll(async () => {
      id = (await proposals.create(sct, body({ title: 'Hợp tác giáo dục nghề Savannakhet' }))).id;
    });

    it('shows a proposal to its agency, to leaders and to an agency it was routed to, and to nobody else', async () => {
      await expect(proposals.detail(sct, id)).resolves.toMatchObject({ id, submittingAgency: { code: 'HT-SCT' } });
      await expect(proposals.detail(leader, id)).resolves.toMatchObject({ id });
      await expect(proposals.detail(sgddt, id)).rejects.toMatchObject({ status: 404 });
      await expect(proposals.detail(stp, id)).rejects.toMatchObject({ status: 404 });
      expect((await proposals.list(sgddt, { limit: 200 })).items.map((p) => p.id)).not.toContain(id);
      await addTask(id, 'HT-STP');
      await expect(proposals.detail(stp, id)).resolves.toMatchObject({
        id,
        tasks: [expect.objectContaining({ candidateAgency: expect.objectContaining({ code: 'HT-STP' }) })],
      });
      expect((await proposals.list(stp, { limit: 200 })).items.map((p) => p.id)).toContain(id);
    });

    it('finds it by words without accents, and the timeline starts with its submission', async () => {
      const found = await proposals.list(sct, { q: 'hop tac giao duc savannakhet' });
      expect(found.items.map((p) => p.id)).toEqual([id]);
      const { events } = await proposals.timeline(sct, id);
      expect(events[0]).toMatchObject({ action: 'PROPOSAL_SUBMITTED', actor: { id: sct.id, type: 'USER' } });
      await expect(proposals.timeline(sgddt, id)).rejects.toMatchObject({ status: 404 });
    });

    it('pages newest first with a cursor, each proposal once', async () => {
      const all = (await proposals.list(sct, { limit: 200 })).items.map((p) => p.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await proposals.list(sct, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(all[0]).toBe(id);
    });

    it('withdraws for the submitting agency only, as a workflow Update with the reason and the actor', async () => {
      const sent = temporal.updates.length;
      await expect(lifecycle.withdraw(stp, id, 'not ours')).rejects.toMatchObject({ status: 403 });
      await expect(lifecycle.withdraw(sgddt, id, 'cannot see it')).rejects.toMatchObject({ status: 404 });
      expect(temporal.updates).toHaveLength(sent);
      await expect(lifecycle.withdraw(sct, id, 'Đổi kế hoạch')).resolves.toEqual({
        id,
        reference: expect.any(String),
        status: 'WITHDRAWN',
      });
      expect(temporal.updates.at(-1)).toMatchObject({
        workflowId: `HT:proposal-${id}`,
        name: 'withdraw',
        args: [{ reason: 'Đổi kế hoạch', actor: { id: sct.id, agencyCode: 'HT-SCT' } }],
      });
    });

    it('cancels as an Update for an administrator', async () => {
      await expect(lifecycle.cancel(admin, id, 'Trùng lặp')).resolves.toMatchObject({ id, status: 'CANCELLED' });
      expect(temporal.updates.at(-1)).toMatchObject({ workflowId: `HT:proposal-${id}`, name: 'cancel', args: [{ reason: 'Trùng lặp' }] });
    });
  });
});
