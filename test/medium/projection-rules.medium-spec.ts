/**
 * The two rules every projection shares (libs/persistence/src/projection/transition-step.ts), through closeTasks and
 * insertNotifications as the report-cycle, plan follow-up and agreement projections call them: who a notification
 * reaches, and how completed and cancelled tasks are recorded, each for several rows in one statement. Against real
 * Postgres as the app role (row-level security on), with prepared statements as the worker runs them.
 */
import { randomUUID } from 'node:crypto';
import { closeTasks, insertNotifications } from '@accord/persistence';
import type { Transition } from '@accord/temporal/contracts';
import { demoEmail } from '../support/demo-users';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { insertProposalRow } from '../support/medium-proposals';
import { seededUser } from '../support/medium-users';

jest.setTimeout(60_000);

describe('projection rules (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let proposalId: string;
  beforeAll(async () => {
    db = await mediumDatabase();
    const submitter = await seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
    proposalId = await insertProposalRow(db.dataSource, { submitter, reference: 'TEST-RULES' });
  });
  afterAll(() => db.close());

  const membersOf = async (agency: string): Promise<{ id: string; roles: string[] }[]> =>
    db.dataSource.query(`SELECT id, roles FROM app_user WHERE agency_code = $1 ORDER BY id`, [agency]);
  const recipients = async (marker: string, kind: string): Promise<string[]> =>
    (
      await db.dataSource.query<{ user_id: string }[]>(
        `SELECT user_id FROM notification WHERE params->>'marker' = $1 AND kind = $2 ORDER BY user_id`,
        [marker, kind],
      )
    ).map((r) => r.user_id);

  it('notifies an agency, its heads only, or one member, several notifications in one call', async () => {
    const marker = randomUUID();
    const sngv = await membersOf('HT-SNGV');
    const heads = sngv.filter((u) => u.roles.includes('AGENCY_HEAD'));
    const outsider = (await membersOf('HT-SCT'))[0]!;
    expect(sngv.length).toBeGreaterThan(heads.length);
    expect(heads.length).toBeGreaterThan(0);
    const params = { marker };
    await db.appDataSource.transaction((m) =>
      insertNotifications(m, { proposalId, at: '2031-05-04T02:00:00.000Z' }, [
        { kind: 'PLAN_ITEM_OVERDUE', agencyCode: 'HT-SNGV', audience: 'AGENCY', params },
        { kind: 'PLAN_ITEM_ESCALATED', agencyCode: 'HT-SNGV', audience: 'AGENCY_HEAD', params },
        { kind: 'AGREEMENT_EXPIRING', agencyCode: 'HT-SNGV', audience: 'USER', userId: sngv[0]!.id, params },
        // One user who is not (or no longer) a member of the agency: nobody.
        { kind: 'AGREEMENT_EXPIRED', agencyCode: 'HT-SNGV', audience: 'USER', userId: outsider.id, params },
        // A USER notification without a user: nobody.
        { kind: 'TASK_COMPLETED_ON_BEHALF', agencyCode: 'HT-SNGV', audience: 'USER', params },
      ]),
    );
    expect(await recipients(marker, 'PLAN_ITEM_OVERDUE')).toEqual(sngv.map((u) => u.id));
    expect(await recipients(marker, 'PLAN_ITEM_ESCALATED')).toEqual(heads.map((u) => u.id));
    expect(await recipients(marker, 'AGREEMENT_EXPIRING')).toEqual([sngv[0]!.id]);
    expect(await recipients(marker, 'AGREEMENT_EXPIRED')).toEqual([]);
    expect(await recipients(marker, 'TASK_COMPLETED_ON_BEHALF')).toEqual([]);
    const [row] = await db.dataSource.query(`SELECT proposal_id, created_at FROM notification WHERE params->>'marker' = $1 LIMIT 1`, [
      marker,
    ]);
    expect(row.proposal_id).toBe(proposalId);
    expect(new Date(row.created_at).toISOString()).toBe('2031-05-04T02:00:00.000Z');
  });

  it('completes and cancels tasks in one call, and never cancels a task it completes', async () => {
    const officer = (await membersOf('HT-SNGV'))[0]!;
    const head = (await membersOf('HT-SNGV')).find((u) => u.roles.includes('AGENCY_HEAD'))!;
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids)
      await db.dataSource.query(
        `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
         VALUES ($1,$2,'CONSULT','CONSULTATION','HT-SNGV','OPEN',1,now(),now() + interval '7 days','WORKING_DAYS',7,ARRAY['AGREE','DISAGREE'])`,
        [id, proposalId],
      );
    const [first, second, third, fourth] = ids as [string, string, string, string];
    await db.appDataSource.transaction((m) =>
      closeTasks(m, {
        completedTasks: [
          {
            id: first,
            decision: 'AGREE',
            comment: 'Đồng ý',
            attachmentIds: [],
            completedAt: '2031-05-04T02:00:00.000Z',
            completedBy: officer.id,
          },
          {
            id: second,
            decision: 'DISAGREE',
            completedAt: '2031-05-04T03:00:00.000Z',
            completedBy: head.id,
            onBehalfOf: { id: officer.id, fullName: 'Cán bộ vắng mặt' },
          },
        ] as Transition['completedTasks'],
        // `second` is listed for cancelling too: completed wins. `fourth` is not touched.
        cancelledTaskIds: [second, third],
      }),
    );
    const rows: Record<string, unknown>[] = await db.dataSource.query(
      `SELECT id, status, decision, comment, completed_by, assignee_id, completed_at, completed_on_behalf_of FROM task WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    expect(byId.get(first)).toMatchObject({
      status: 'COMPLETED',
      decision: 'AGREE',
      comment: 'Đồng ý',
      completed_by: officer.id,
      assignee_id: officer.id,
    });
    expect(byId.get(second)).toMatchObject({
      status: 'COMPLETED',
      decision: 'DISAGREE',
      comment: null,
      completed_by: head.id,
      completed_on_behalf_of: { id: officer.id, fullName: 'Cán bộ vắng mặt' },
    });
    expect(new Date(byId.get(second)!.completed_at as string).toISOString()).toBe('2031-05-04T03:00:00.000Z');
    expect(byId.get(third)).toMatchObject({ status: 'CANCELLED', decision: null });
    expect(byId.get(fourth)).toMatchObject({ status: 'OPEN' });
  });
});
