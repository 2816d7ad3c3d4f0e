import { randomUUID } from 'node:crypto';
import { AdminStatsService, type StatsQuery } from '../../apps/api/src/admin/admin-stats.service';
import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { DEMO_AGENCIES, DEMO_USERS } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { insertProposalRow } from '../support/medium-proposals';
import { seededUser } from '../support/medium-users';

const SUBMITTER = DEMO_USERS.find((u) => (u.roles as readonly string[]).includes('SUBMITTER'))!;
const [LATE_AGENCY, PAUSED_AGENCY] = DEMO_AGENCIES.map((a) => a.code).filter((c) => c !== SUBMITTER.agency);

describe('AdminStatsService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: AdminStatsService;
  let submitterId: string;
  beforeAll(async () => {
    db = await mediumDatabase();
    service = new AdminStatsService(db.appDataSource, new CalendarService(db.appDataSource));
    submitterId = (await seededUser(db.dataSource, SUBMITTER.email)).id;
    await arrange();
  });
  afterAll(() => db.close());

  const proposal = (status: string, stage: string | null, createdAt: string): Promise<string> =>
    insertProposalRow(db.dataSource, { submitter: { id: submitterId, agencyCode: SUBMITTER.agency }, status, stage, createdAt });

  async function task(
    proposalId: string,
    t: {
      stage: string;
      agency: string;
      status: 'OPEN' | 'COMPLETED';
      createdAt: string;
      dueAt: string;
      paused?: boolean;
      completedAt?: string;
    },
  ) {
    await db.dataSource.query(
      `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, paused, allowed_decisions, completed_at)
       VALUES ($1, $2, 'OPINION', $3, $4, $5, 1, $6, $7, 'WORKING_DAYS', 5, $8, '{AGREE}', $9)`,
      [randomUUID(), proposalId, t.stage, t.agency, t.status, t.createdAt, t.dueAt, t.paused ?? false, t.completedAt ?? null],
    );
  }

  /**
   * March 2025 in Viet Nam: one running proposal with an overdue task, a paused one and two completed intake tasks
   * (one on time after 2 working days, one late after 9), a proposal approved in the last minutes of 31 March, and one
   * consulting without an open task. A proposal created at 00:30 on 1 April (still 31 March in UTC) lies outside.
   */
  async function arrange() {
    const running = await proposal('CONSULTATION', 'CONSULTATION', '2025-03-03T09:00:00+07:00');
    await task(running, {
      stage: 'CONSULTATION',
      agency: LATE_AGENCY!,
      status: 'OPEN',
      createdAt: '2025-03-05T09:00:00+07:00',
      dueAt: '2025-03-10T23:59:59+07:00',
    });
    await task(running, {
      stage: 'CONSULTATION',
      agency: PAUSED_AGENCY!,
      status: 'OPEN',
      createdAt: '2025-03-05T09:00:00+07:00',
      dueAt: '2025-03-10T23:59:59+07:00',
      paused: true,
    });
    await task(running, {
      stage: 'INTAKE',
      agency: SUBMITTER.agency!,
      status: 'COMPLETED',
      createdAt: '2025-03-03T10:00:00+07:00',
      dueAt: '2025-03-07T23:59:59+07:00',
      completedAt: '2025-03-05T15:00:00+07:00',
    });
    await task(running, {
      stage: 'INTAKE',
      agency: SUBMITTER.agency!,
      status: 'COMPLETED',
      createdAt: '2025-03-03T10:00:00+07:00',
      dueAt: '2025-03-07T23:59:59+07:00',
      completedAt: '2025-03-14T10:00:00+07:00',
    });
    await proposal('APPROVED', null, '2025-03-31T23:30:00+07:00');
    await proposal('CONSULTATION', 'CONSULTATION', '2025-03-10T09:00:00+07:00');
    const outside = await proposal('APPROVED', 'DECISION', '2025-04-01T00:30:00+07:00');
    await task(outside, {
      stage: 'DECISION',
      agency: LATE_AGENCY!,
      status: 'OPEN',
      createdAt: '2025-04-01T09:00:00+07:00',
      dueAt: '2025-04-03T23:59:59+07:00',
    });
    await task(outside, {
      stage: 'INTAKE',
      agency: SUBMITTER.agency!,
      status: 'COMPLETED',
      createdAt: '2025-04-01T09:00:00+07:00',
      dueAt: '2025-04-03T23:59:59+07:00',
      completedAt: '2025-04-02T09:00:00+07:00',
    });
  }

  const stats = (q: StatsQuery) => service.stats(q);

  it('counts the proposals created in the window (days in Viet Nam) by status and running stage', async () => {
    const s = await stats({ from: '2025-03-01', to: '2025-03-31' });
    expect(s).toMatchObject({ from: '2025-03-01', to: '2025-03-31' });
    expect(Object.entries(s.byStatus).filter(([, n]) => n > 0)).toEqual([
      ['CONSULTATION', 2],
      ['APPROVED', 1],
    ]);
    expect(s.byStatus.REJECTED).toBe(0);
    // Only the consulting proposal with an open task is running.
    expect(Object.entries(s.byStage).filter(([, n]) => n > 0)).toEqual([['CONSULTATION', 1]]);
  });

  it('counts overdue tasks by agency, every agency named, a paused clock not overdue', async () => {
    const s = await stats({ from: '2025-03-01', to: '2025-03-31' });
    expect(s.overdueTasks).toBe(1);
    expect(s.overdueByAgency[LATE_AGENCY!]).toBe(1);
    expect(s.overdueByAgency[PAUSED_AGENCY!]).toBe(0);
    expect(Object.keys(s.overdueByAgency).sort()).toEqual(DEMO_AGENCIES.map((a) => a.code).sort());
    expect(s.agencyNames[LATE_AGENCY!]).toBe(DEMO_AGENCIES.find((a) => a.code === LATE_AGENCY)!.name);
  });

  it('reports SLA compliance overall, by month and by stage, and the median working days per stage', async () => {
    const s = await stats({ from: '2025-03-01', to: '2025-03-31' });
    expect(s.slaCompliance).toEqual({ completed: 2, onTime: 1, rate: 0.5 });
    expect(s.slaComplianceByMonth).toEqual([{ month: '2025-03', completed: 2, onTime: 1, rate: 0.5 }]);
    expect(s.slaComplianceByStage.INTAKE).toEqual({ completed: 2, onTime: 1, rate: 0.5 });
    expect(s.slaComplianceByStage.CONSULTATION).toEqual({ completed: 0, onTime: 0, rate: null });
    // Mon 3 March to Wed 5 March is 2 working days, to Fri 14 March 9 (no holiday in March 2025): the median is 5.5.
    expect(s.medianWorkingDaysPerStage.INTAKE).toBe(5.5);
    expect(s.medianWorkingDaysPerStage.CONSULTATION).toBeNull();
  });

  it('counts everything without a window', async () => {
    const s = await stats({});
    expect(s).not.toHaveProperty('from');
    expect(s.byStatus.APPROVED).toBe(2);
    expect(s.byStage.DECISION).toBe(1);
    expect(s.overdueTasks).toBe(2);
    expect(s.overdueByAgency[LATE_AGENCY!]).toBe(2);
    expect(s.slaCompliance).toEqual({ completed: 3, onTime: 2, rate: 2 / 3 });
  });

  it('refuses a window that is not real dates or ends before it starts', async () => {
    await expect(stats({ from: '2025-02-30' })).rejects.toMatchObject({ status: 400 });
    await expect(stats({ from: '2025-03-31', to: '2025-03-01' })).rejects.toMatchObject({ status: 400 });
  });
});
