/**
 * GET /admin/stats over real proposals: two proposals are carried through the real workflow, then moved (their
 * creation instant, and their tasks' instants) into a window no other suite uses, so that the figures of that window
 * are exact while other suites keep creating proposals on the shared stack.
 */
import { Client } from 'pg';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

type Task = { id: string; kind: string; stage: string; status: string; candidateAgency: { code: string } };

const STAGES = ['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'CENTRAL_DECISION', 'SIGNING', 'POST_SIGNING'];
const zeroStages = Object.fromEntries(STAGES.map((s) => [s, 0]));
const noMedians = Object.fromEntries(STAGES.map((s) => [s, null]));
const noCompliance = Object.fromEntries(STAGES.map((s) => [s, { completed: 0, onTime: 0, rate: null }]));

type Month = { month: string; completed: number; onTime: number; rate: number | null };
/** The month (YYYY-MM) it is now in Viet Nam (UTC+7 all year). */
const monthInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Completion days of the consultation tasks (all opened Mon 2026-03-02): 1, 2, 3 ... working days later (March 2026 has no holiday). */
const CONSULTATION_DONE = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'];

describe('GET /admin/stats', () => {
  let users: Record<'submitter' | 'officer' | 'head' | 'chairman' | 'vicechair' | 'admin' | 'auditor', Session>;
  let db: Client;
  let decided: { id: string };
  let fresh: { id: string };
  let consultations = 0;
  let appraisalTaskId = '';

  const stats = (who: Session, query = '') => who.client.get(`${V1}/admin/stats${query}`);
  const tasksOf = async (proposalId: string, status: string): Promise<Task[]> =>
    (await users.admin.client.get(`${V1}/tasks?proposalId=${proposalId}&status=${status}&limit=200`)).body.items;
  const setTask = (id: string, created: string, completed: string | null, due: string) =>
    db.query('UPDATE task SET created_at = $2, completed_at = $3, due_at = $4 WHERE id = $1', [id, created, completed, due]);

  beforeAll(async () => {
    users = await signInAll(apiUrl, databaseUrl, {
      submitter: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
      head: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
      chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
      vicechair: demoEmail({ agency: 'HT-UBND', role: 'LEADER', nth: 1 }),
      admin: demoEmail({ agency: null, role: 'ADMIN' }),
      auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();

    // One proposal carried to the decision (its earlier tasks completed), one just submitted (its intake check open).
    [decided, fresh] = await Promise.all([
      driveMou(apiUrl, { until: 'DECISION', body: mouBody({ title: 'Stats: at the decision' }) }),
      driveMou(apiUrl, { until: 'INTAKE', body: mouBody({ title: 'Stats: just submitted' }) }),
    ]);
    // The window: March 2001. The second proposal is created at 00:30 on 7 March in Viet Nam (still 6 March in UTC).
    await db.query('UPDATE proposal SET created_at = $2 WHERE id = $1', [decided.id, '2001-03-05T10:00:00+07:00']);
    await db.query('UPDATE proposal SET created_at = $2 WHERE id = $1', [fresh.id, '2001-03-07T00:30:00+07:00']);

    const done = await tasksOf(decided.id, 'COMPLETED');
    const byStage = (stage: string) => done.filter((t) => t.stage === stage).sort((a, b) => a.id.localeCompare(b.id));
    expect(done.map((t) => t.stage).filter((s) => !['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL'].includes(s))).toEqual([]);
    expect(byStage('INTAKE')).toHaveLength(1);
    expect(byStage('ABSORPTION')).toHaveLength(1);
    expect(byStage('APPRAISAL')).toHaveLength(1);
    const consultation = byStage('CONSULTATION');
    consultations = consultation.length;
    expect(consultations).toBeGreaterThan(0);
    expect(consultations).toBeLessThanOrEqual(CONSULTATION_DONE.length);

    // Fri 13/2/2026 -> Tue 24/2/2026 crosses the Tết break (Sat 14/2 - Sun 22/2): 2 working days, on time.
    await setTask(byStage('INTAKE')[0]!.id, '2026-02-13T10:00:00+07:00', '2026-02-24T09:00:00+07:00', '2026-02-24T23:59:59.999+07:00');
    // 1, 2, 3 ... working days; due after 3, so the first three are on time.
    for (const [i, t] of consultation.entries()) {
      await setTask(t.id, '2026-03-02T08:00:00+07:00', `${CONSULTATION_DONE[i]}T15:00:00+07:00`, '2026-03-05T23:59:59.999+07:00');
    }
    // Same day: 0 working days, on time.
    await setTask(byStage('ABSORPTION')[0]!.id, '2026-03-16T08:00:00+07:00', '2026-03-16T17:00:00+07:00', '2026-03-17T23:59:59.999+07:00');
    // Fri 20/3 -> 06:30 Mon 23/3 in Viet Nam (still Sunday in UTC): 1 working day, late.
    appraisalTaskId = byStage('APPRAISAL')[0]!.id;
    await setTask(appraisalTaskId, '2026-03-20T16:00:00+07:00', '2026-03-22T23:30:00Z', '2026-03-20T23:59:59.999+07:00');
    // The fresh proposal's intake check is past due (and its clock running): overdue for HT-SNGV.
    const [intake] = await tasksOf(fresh.id, 'OPEN');
    expect(intake).toMatchObject({ kind: 'INTAKE_CHECK', candidateAgency: { code: 'HT-SNGV' } });
    await db.query('UPDATE task SET due_at = $2 WHERE id = $1', [intake!.id, '2026-01-05T23:59:59.999+07:00']);
  });

  afterAll(async () => {
    await db?.end();
  });

  it('is for ADMIN, AUDITOR and LEADER only', async () => {
    for (const who of [users.admin, users.auditor, users.chairman, users.vicechair])
      expect({ who: who.email, status: (await stats(who)).status }).toEqual({ who: who.email, status: 200 });
    for (const who of [users.submitter, users.officer, users.head]) {
      const res = await stats(who);
      expect({ who: who.email, status: res.status }).toEqual({ who: who.email, status: 403 });
      expect(res.contentType).toMatch(/application\/problem\+json/);
    }
  });

  it('counts the window exactly: statuses, running stages, overdue tasks, median working days and SLA compliance', async () => {
    const res = await stats(users.auditor, '?from=2001-03-01&to=2001-03-31');
    expect(res.status).toBe(200);
    const n = consultations;
    const onTime = 1 + Math.min(n, 3) + 1; // intake, the first three consultations, absorption
    expect(res.body).toEqual({
      from: '2001-03-01',
      to: '2001-03-31',
      byStatus: expect.any(Object),
      byStage: { ...zeroStages, INTAKE: 1, DECISION: 1 },
      overdueTasks: 1,
      overdueByAgency: expect.objectContaining({ 'HT-SNGV': 1, 'HT-UBND': 0, 'HT-STP': 0 }),
      agencyNames: expect.objectContaining({ 'HT-SNGV': 'Sở Ngoại vụ' }),
      medianWorkingDaysPerStage: { ...noMedians, INTAKE: 2, CONSULTATION: (n + 1) / 2, ABSORPTION: 0, APPRAISAL: 1 },
      slaCompliance: { completed: n + 3, onTime, rate: onTime / (n + 3) },
      // By the month of completion in Viet Nam: the intake check in February, the rest in March.
      slaComplianceByMonth: [
        { month: '2026-02', completed: 1, onTime: 1, rate: 1 },
        { month: '2026-03', completed: n + 2, onTime: onTime - 1, rate: (onTime - 1) / (n + 2) },
      ],
      slaComplianceByStage: {
        ...noCompliance,
        INTAKE: { completed: 1, onTime: 1, rate: 1 },
        CONSULTATION: { completed: n, onTime: Math.min(n, 3), rate: Math.min(n, 3) / n },
        ABSORPTION: { completed: 1, onTime: 1, rate: 1 },
        APPRAISAL: { completed: 1, onTime: 0, rate: 0 },
      },
      generatedAt: expect.any(String),
    });
    expect(Object.keys(res.body.slaComplianceByStage)).toEqual(STAGES);
    expect(Object.entries(res.body.byStatus).filter(([, count]) => count !== 0)).toEqual([
      ['INTAKE', 1],
      ['DECISION', 1],
    ]);
    expect(Object.values(res.body.overdueByAgency).reduce((a: number, b) => a + (b as number), 0)).toBe(1);
    expect(Math.abs(Date.parse(res.body.generatedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('bounds the window by days in Asia/Ho_Chi_Minh', async () => {
    // 00:30 on 7 March in Viet Nam is 6 March in UTC: it belongs to 7 March.
    const upTo6 = (await stats(users.chairman, '?from=2001-03-01&to=2001-03-06')).body;
    expect(upTo6.byStatus).toMatchObject({ DECISION: 1, INTAKE: 0 });
    expect(upTo6.overdueTasks).toBe(0);
    const from7 = (await stats(users.chairman, '?from=2001-03-07&to=2001-03-31')).body;
    expect(from7).toMatchObject({
      byStatus: { INTAKE: 1, DECISION: 0 },
      byStage: { ...zeroStages, INTAKE: 1 },
      overdueTasks: 1,
      medianWorkingDaysPerStage: noMedians,
      slaCompliance: { completed: 0, onTime: 0, rate: null },
      slaComplianceByMonth: [],
      slaComplianceByStage: noCompliance,
    });
    expect((await stats(users.chairman, '?from=2001-03-07&to=2001-03-07')).body.byStatus.INTAKE).toBe(1);
    const before = (await stats(users.chairman, '?to=2001-03-04')).body;
    expect(Object.values(before.byStatus).every((count) => count === 0)).toBe(true);
  });

  it('covers every proposal without a window', async () => {
    const { body } = await stats(users.admin);
    expect(body.from).toBeUndefined();
    expect(Object.keys(body.byStage)).toEqual(STAGES);
    expect(Object.keys(body.medianWorkingDaysPerStage)).toEqual(STAGES);
    expect(body.byStatus.DECISION).toBeGreaterThanOrEqual(1);
    expect(body.byStatus.INTAKE + body.byStatus.SUPPLEMENT_REQUESTED).toBeGreaterThanOrEqual(1);
    expect(body.overdueTasks).toBeGreaterThanOrEqual(1);
    expect(body.overdueByAgency['HT-SNGV']).toBeGreaterThanOrEqual(1);
    expect(body.slaCompliance.completed).toBeGreaterThanOrEqual(consultations + 3);
    expect(body.slaCompliance.rate).toBeGreaterThanOrEqual(0);
    expect(body.slaCompliance.rate).toBeLessThanOrEqual(1);
  });

  it('groups SLA compliance by the month of completion in Viet Nam, listing the months between with no completed task', async () => {
    // 01:00 on 1 May in Viet Nam is still 30 April in UTC: the appraisal moves to May, and April has nothing.
    await db.query('UPDATE task SET completed_at = $2 WHERE id = $1', [appraisalTaskId, '2026-04-30T18:00:00Z']);
    try {
      const { body } = await stats(users.auditor, '?from=2001-03-01&to=2001-03-31');
      const n = consultations;
      const onTime = 1 + Math.min(n, 3) + 1;
      expect(body.slaComplianceByMonth).toEqual([
        { month: '2026-02', completed: 1, onTime: 1, rate: 1 },
        { month: '2026-03', completed: n + 1, onTime: onTime - 1, rate: (onTime - 1) / (n + 1) },
        { month: '2026-04', completed: 0, onTime: 0, rate: null },
        { month: '2026-05', completed: 1, onTime: 0, rate: 0 },
      ]);
      // The months add up to the overall figure.
      expect(body.slaComplianceByMonth.reduce((sum: number, m: Month) => sum + m.completed, 0)).toBe(body.slaCompliance.completed);
    } finally {
      await db.query('UPDATE task SET completed_at = $2 WHERE id = $1', [appraisalTaskId, '2026-03-22T23:30:00Z']);
    }
  });

  it('counts the tasks completed this month in the current month, the last of at most 24 gapless months without a window', async () => {
    const before = (await stats(users.admin)).body;
    const proposal = await driveMou(apiUrl, { until: 'CONSULTATION', body: mouBody({ title: 'Stats: completed this month' }) });
    const completedNow = await tasksOf(proposal.id, 'COMPLETED');
    expect(completedNow.length).toBeGreaterThan(0);
    const after = (await stats(users.admin)).body;
    expect(
      (await users.admin.client.post(`${V1}/admin/proposals/${proposal.id}/cancel`, { reason: 'Thống kê: dọn dữ liệu thử' })).status,
    ).toBe(200);

    const month = monthInVietnam();
    const bucket = (series: Month[]) => series.find((m) => m.month === month) ?? { month, completed: 0, onTime: 0, rate: null };
    // Just opened, just completed: on time.
    expect(bucket(after.slaComplianceByMonth).completed - bucket(before.slaComplianceByMonth).completed).toBe(completedNow.length);
    expect(bucket(after.slaComplianceByMonth).onTime - bucket(before.slaComplianceByMonth).onTime).toBe(completedNow.length);
    expect(after.slaCompliance.completed - before.slaCompliance.completed).toBe(completedNow.length);
    expect(after.slaComplianceByStage.INTAKE.completed - before.slaComplianceByStage.INTAKE.completed).toBe(completedNow.length);

    const series: Month[] = after.slaComplianceByMonth;
    expect(series.length).toBeGreaterThan(0);
    expect(series.length).toBeLessThanOrEqual(24);
    expect(series[series.length - 1]!.month).toBe(month);
    for (let i = 1; i < series.length; i++) expect(series[i]!.month).toBe(nextMonth(series[i - 1]!.month));
    for (const m of series) expect(m.rate).toBe(m.completed ? m.onTime / m.completed : null);
    expect(series.reduce((sum, m) => sum + m.completed, 0)).toBeLessThanOrEqual(after.slaCompliance.completed);
  });

  it('refuses bad windows with 400 and one entry per bad field', async () => {
    const fields = async (query: string) => {
      const res = await stats(users.admin, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      return res.body.errors.map((e: { field: string }) => e.field).sort();
    };
    expect(await fields('?from=2026-02-30')).toEqual(['from']);
    expect(await fields('?from=yesterday&to=2026-13-01')).toEqual(['from', 'to']);
    expect(await fields('?from=2026-03-10&to=2026-03-01')).toEqual(['to']);
    expect(await fields('?since=2026-01-01')).toEqual(['since']);
  });

  it('stops counting cancelled proposals as running or overdue', async () => {
    for (const p of [decided, fresh])
      expect((await users.admin.client.post(`${V1}/admin/proposals/${p.id}/cancel`, { reason: 'Thống kê: dọn dữ liệu thử' })).status).toBe(
        200,
      );
    const { body } = await stats(users.admin, '?from=2001-03-01&to=2001-03-31');
    expect(Object.entries(body.byStatus).filter(([, count]) => count !== 0)).toEqual([['CANCELLED', 2]]);
    expect(body.byStage).toEqual(zeroStages);
    expect(body.overdueTasks).toBe(0);
    // Completed tasks stay completed: the medians and compliance do not change.
    expect(body.slaCompliance.completed).toBe(consultations + 3);
    expect(body.medianWorkingDaysPerStage.INTAKE).toBe(2);
  });
});
