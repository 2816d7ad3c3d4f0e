import { randomUUID } from 'node:crypto';
import { ReportCyclesService } from '../../apps/api/src/report-cycles/report-cycles.service';
import { openReportCycle } from '@accord/persistence';
import type { ReportCycleWorkflowInput } from '@accord/temporal';
import { fakeTemporal, type FakeTemporal, type TemporalCall } from '../support/fake-temporal';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { demoEmail, hasDemoRole, seededUser } from '../support/medium-users';

const ADMIN = demoEmail((u) => hasDemoRole(u, 'ADMIN'));
const OFFICER = demoEmail((u) => u.agency === 'HT-SNGV' && !hasDemoRole(u, 'AGENCY_HEAD'));
const SCT = demoEmail((u) => u.agency === 'HT-SCT');
const STP = demoEmail((u) => u.agency === 'HT-STP');

describe('ReportCyclesService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let temporal: FakeTemporal;
  let service: ReportCyclesService;
  const cycles = async (): Promise<number> => (await db.dataSource.query('SELECT count(*)::int AS n FROM report_cycle'))[0].n;

  beforeAll(async () => {
    db = await mediumDatabase();
    temporal = fakeTemporal({
      // The cycle workflow's first step as the worker runs it: the openReportCycle activity writes the cycle.
      update: async (call: TemporalCall) => {
        if (call.name === 'syncReportCycle') {
          const start = temporal.calls.find((c) => c.kind === 'start' && c.workflowId === call.workflowId)!;
          const input = start.args[0] as ReportCycleWorkflowInput;
          const opened = await openReportCycle(db.dataSource, {
            cycleId: input.cycleId!,
            kind: input.kind,
            year: input.year!,
            workflowId: call.workflowId,
            at: new Date().toISOString(),
            ...(input.dueOn ? { dueOn: input.dueOn } : {}),
            ...(input.openedBy ? { openedBy: input.openedBy } : {}),
          });
          return { cycleId: opened?.cycleId ?? null, status: opened ? 'OPEN' : 'SKIPPED', openTaskIds: [], submittedAgencies: [] };
        }
        if (call.name === 'consolidateReportCycle') {
          await db.dataSource.query(`UPDATE report_cycle SET status = 'CONSOLIDATED', consolidated_at = now() WHERE workflow_id = $1`, [
            call.workflowId,
          ]);
          return { status: 'CONSOLIDATED' };
        }
        throw new Error(`unexpected Update ${call.name}`);
      },
    });
    service = new ReportCyclesService(db.appDataSource, temporal.service);
  });
  afterAll(() => db.close());
  beforeEach(() => temporal.calls.splice(0));

  it('opens a cycle by hand through its workflow and answers with it once open', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const cycle = await service.open(admin, { kind: 'SEMI_ANNUAL', year: 2031 });
    expect(cycle).toMatchObject({
      kind: 'SEMI_ANNUAL',
      year: 2031,
      status: 'OPEN',
      consolidator: { code: 'HT-SNGV' },
      openedBy: { id: admin.id },
    });
    expect(temporal.calls.map((c) => [c.kind, c.name])).toEqual([
      ['start', 'reportCycleWorkflow'],
      ['update', 'syncReportCycle'],
    ]);
    expect(temporal.calls[0]!.args[0]).toMatchObject({ kind: 'SEMI_ANNUAL', year: 2031, cycleId: cycle.id, openedBy: { id: admin.id } });
  });

  it('refuses a second cycle of the same kind and year (409) without starting a workflow', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    await service.open(admin, { kind: 'ANNUAL', year: 2031 });
    temporal.calls.splice(0);
    const before = await cycles();
    await expect(service.open(admin, { kind: 'ANNUAL', year: 2031 })).rejects.toMatchObject({ status: 409 });
    expect(await cycles()).toBe(before);
    expect(temporal.calls).toEqual([]);
  });

  it('pages through every cycle, latest opened first, and filters by kind', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    for (const year of [2032, 2033]) await service.open(admin, { kind: 'SEMI_ANNUAL', year });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all: { id: string }[] = await db.dataSource.query('SELECT id FROM report_cycle ORDER BY opened_at DESC, id DESC');
    expect(seen).toEqual(all.map((c) => c.id));
    expect(all.length).toBeGreaterThanOrEqual(4);
    const annual = await service.list({ kind: 'ANNUAL', limit: 50 });
    expect(annual.items.length).toBeGreaterThan(0);
    expect(annual.items.every((c) => c.kind === 'ANNUAL')).toBe(true);
  });

  it("shows every agency's report status, but another agency's comment only to that agency and HT-SNGV", async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const sct = await seededUser(db.dataSource, SCT);
    const stp = await seededUser(db.dataSource, STP);
    const officer = await seededUser(db.dataSource, OFFICER);
    const cycle = await service.open(admin, { kind: 'SEMI_ANNUAL', year: 2034 });
    const task = (agency: string, completed: boolean) =>
      db.dataSource.query(
        `INSERT INTO task (id, proposal_id, report_cycle_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length,
         allowed_decisions, comment, completed_at, completed_by)
       VALUES ($1, NULL, $2, 'PERIODIC_REPORT', 'REPORTING', $3, $4, 1, now() - interval '2 days', now() + interval '10 days', 'CALENDAR_DAYS', 30,
         '{SUBMITTED}', $5, $6, $7)`,
        [
          randomUUID(),
          cycle.id,
          agency,
          completed ? 'COMPLETED' : 'OPEN',
          completed ? 'Báo cáo 6 tháng của Sở Công Thương' : null,
          completed ? new Date() : null,
          completed ? sct.id : null,
        ],
      );
    await task('HT-SCT', true);
    await task('HT-STP', false);

    const reports = async (reader: typeof sct) =>
      Object.fromEntries((await service.detail(reader, cycle.id)).reports.map((r) => [r.agency.code, r]));
    const asStp = await reports(stp);
    expect(asStp['HT-SCT']).toMatchObject({ status: 'SUBMITTED', late: false, comment: null, submittedBy: { id: sct.id } });
    expect(asStp['HT-STP']).toMatchObject({ status: 'OPEN', submittedAt: null });
    expect((await reports(sct))['HT-SCT']!.comment).toBe('Báo cáo 6 tháng của Sở Công Thương');
    expect((await reports(officer))['HT-SCT']!.comment).toBe('Báo cáo 6 tháng của Sở Công Thương');
    expect((await service.detail(officer, cycle.id)).progress).toMatchObject({ total: 2, submitted: 1, open: 1 });
  });

  it('lets only the consolidating agency consolidate, once', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const stp = await seededUser(db.dataSource, STP);
    const officer = await seededUser(db.dataSource, OFFICER);
    const cycle = await service.open(admin, { kind: 'SEMI_ANNUAL', year: 2035 });
    temporal.calls.splice(0);
    await expect(service.consolidate(stp, cycle.id)).rejects.toMatchObject({ status: 403 });
    expect(temporal.calls).toEqual([]);
    const done = await service.consolidate(officer, cycle.id);
    expect(done.status).toBe('CONSOLIDATED');
    expect(temporal.calls).toEqual([
      expect.objectContaining({
        kind: 'update',
        name: 'consolidateReportCycle',
        workflowId: cycle.workflowId,
        args: [{ actor: expect.objectContaining({ id: officer.id, agencyCode: 'HT-SNGV' }) }],
      }),
    ]);
    await expect(service.consolidate(officer, cycle.id)).rejects.toMatchObject({ status: 409 });
    await expect(service.detail(officer, randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('serves a draft consolidated report to HT-SNGV before consolidation, and refuses other agencies', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const sct = await seededUser(db.dataSource, SCT);
    const officer = await seededUser(db.dataSource, OFFICER);
    const cycle = await service.open(admin, { kind: 'ANNUAL', year: 2036 });
    await expect(service.report(sct, cycle.id, 'xlsx')).rejects.toMatchObject({ status: 403 });
    const file = await service.report(officer, cycle.id, 'xlsx');
    expect(file.getHeaders().disposition).toBe('attachment; filename="bao-cao-annual-2036-du-thao.xlsx"');
    expect(file.getHeaders().length).toBeGreaterThan(1000);
  });
});
