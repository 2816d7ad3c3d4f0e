/**
 * The worker's activities against real Postgres (a clone of the migrated, seeded template, as the app role): a
 * reporting cycle opened once per kind and year, its steps projected once per key, and the consolidated report
 * generated, stored and read back (DOCX is a zip with word/document.xml; XLSX read with exceljs); a projection that
 * fails for good becomes a PoisonedStep on its third attempt (docs/reliability.md).
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createProposalActivities } from '../../apps/worker/src/activities/proposal.activities';
import { createReportCycleActivities } from '../../apps/worker/src/activities/reporting.activities';
import { POISONED_STEP, type Actor, type OpenedReportCycle, type Transition } from '@accord/temporal/contracts';
import { ReportCycleEngine, type ReportCycleDraft } from '../../workflows/src/report-cycle.engine';
import { demoEmail } from '../support/demo-users';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

jest.setTimeout(60_000);

describe('worker activities (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase();
  });
  afterAll(() => db.close());

  const actorOf = async (email: string): Promise<Actor> => {
    const u = await seededUser(db.dataSource, email);
    return { id: u.id, fullName: u.fullName, agencyCode: u.agencyCode, roles: u.roles };
  };

  it('opens a cycle once per kind and year, projects each step once, and stores a consolidated DOCX and XLSX that read back', async () => {
    const activities = createReportCycleActivities({ dataSource: db.appDataSource });
    const workflowId = `report-cycle-ANNUAL-${randomUUID()}`;
    const at = '2031-10-15T01:00:00.000Z';
    const request = { cycleId: randomUUID(), kind: 'ANNUAL' as const, year: 2031, workflowId, at };
    const opened = (await activities.openReportCycle(request)) as OpenedReportCycle;
    expect(opened).toMatchObject({ cycleId: request.cycleId, openedOn: '2031-10-15', consolidator: 'HT-SNGV' });
    expect(opened.reporters.map((r) => r.agencyCode)).toContain('HT-SNGV');
    // The same workflow asking again (a retried activity) gets its cycle; another start for ANNUAL 2031 gets none.
    expect(await activities.openReportCycle({ ...request, cycleId: randomUUID() })).toMatchObject({ cycleId: request.cycleId });
    expect(await activities.openReportCycle({ ...request, cycleId: randomUUID(), workflowId: `${workflowId}-again` })).toBeNull();

    let seq = 0;
    const now = { at: new Date(at) };
    const engine = new ReportCycleEngine(opened, { newId: randomUUID, now: () => now.at });
    const persist = async (draft: ReportCycleDraft, times = 1) => {
      seq += 1;
      for (let i = 0; i < times; i++)
        await activities.applyReportCycleTransition({ ...draft, key: `${workflowId}/${seq}`, seq, workflowId, runId: 'r1' });
    };
    await persist(engine.open(), 2); // a retried projection writes nothing twice
    const tasks = await db.dataSource.query(
      `SELECT id, candidate_agency_code AS agency, status FROM task WHERE report_cycle_id = $1 ORDER BY candidate_agency_code`,
      [opened.cycleId],
    );
    expect(tasks.map((t: { agency: string }) => t.agency)).toEqual([...opened.reporters.map((r) => r.agencyCode)].sort());

    const officer = await actorOf(demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }));
    const head = await actorOf(demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }));
    const sngvTask = tasks.find((t: { agency: string }) => t.agency === 'HT-SNGV')!;
    now.at = new Date('2031-10-20T03:00:00.000Z');
    await persist(
      engine.complete({ taskId: sngvTask.id, decision: 'SUBMITTED', actor: officer, comment: 'Sở Ngoại vụ đã tổ chức 02 lớp tập huấn' }),
    );
    now.at = new Date('2031-11-06T03:00:00.000Z');
    await persist(engine.consolidate(head));
    expect((await db.dataSource.query(`SELECT status FROM report_cycle WHERE id = $1`, [opened.cycleId]))[0].status).toBe('CONSOLIDATED');

    const result = await activities.generateReportDocuments({ cycleId: opened.cycleId, at: now.at.toISOString() });
    expect(result.documents.map((d) => d.format).sort()).toEqual(['docx', 'xlsx']);
    const stored: { format: string; content: Buffer; sha256: string }[] = await db.dataSource.query(
      `SELECT format, content, sha256 FROM report_cycle_document WHERE cycle_id = $1`,
      [opened.cycleId],
    );
    const docx = stored.find((d) => d.format === 'docx')!;
    const xlsx = stored.find((d) => d.format === 'xlsx')!;
    expect(docx.sha256).toBe(result.documents.find((d) => d.format === 'docx')!.sha256);

    const xml = await (await JSZip.loadAsync(docx.content)).file('word/document.xml')!.async('string');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('Số:      /BC-SNgV');
    expect(xml).toContain('Hà Tĩnh, ngày');
    expect(xml).toContain('Sở Ngoại vụ đã tổ chức 02 lớp tập huấn');
    expect(xml).toContain(opened.title.replace(/^Báo cáo năm/, 'Năm'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const rows = workbook
      .getWorksheet('Báo cáo các cơ quan')!
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(2, 4));
    expect(rows).toContainEqual(['Sở Ngoại vụ', 'Đã nộp']);
    // Every other reporting agency is listed as not having reported.
    expect(rows.filter(([, status]) => status !== 'Đã nộp')).toHaveLength(opened.reporters.length - 1);
    const audit = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'REPORT_GENERATED' AND payload->>'reportCycleId' = $1`,
      [opened.cycleId],
    );
    expect(audit).toHaveLength(1);
  });

  it('turns a projection that fails for good into a PoisonedStep on the third attempt, retrying it before that', async () => {
    const { applyTransition } = createProposalActivities({ dataSource: db.appDataSource });
    // A step of a proposal that is not there: its task row breaks a foreign key, which no retry cures.
    const proposalId = randomUUID();
    const transition: Transition = {
      key: `proposal-${proposalId}/1`,
      seq: 1,
      proposalId,
      workflowId: `proposal-${proposalId}`,
      runId: 'r1',
      at: new Date().toISOString(),
      status: 'INTAKE',
      stage: 'INTAKE',
      openTasks: [
        {
          id: randomUUID(),
          kind: 'INTAKE_CHECK',
          stage: 'INTAKE',
          candidateAgency: 'HT-SNGV',
          createdAt: new Date().toISOString(),
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
          clockType: 'WORKING_DAYS',
          clockLength: 3,
          allowedDecisions: ['COMPLETE', 'REQUEST_SUPPLEMENT'],
          round: 1,
        },
      ],
      completedTasks: [],
      cancelledTaskIds: [],
      pausedTasks: [],
      resumedTasks: [],
      escalatedTaskIds: [],
      audit: [],
      notifications: [],
    };
    const first = await new MockActivityEnvironment({ attempt: 1 }).run(applyTransition, transition).catch((err: unknown) => err);
    expect(first).not.toBeInstanceOf(ApplicationFailure); // retried by Temporal as it is
    expect((first as { code?: string }).code).toMatch(/^23/);
    const third = await new MockActivityEnvironment({ attempt: 3 }).run(applyTransition, transition).catch((err: unknown) => err);
    expect(third).toBeInstanceOf(ApplicationFailure);
    expect(third).toMatchObject({ type: POISONED_STEP, nonRetryable: true });
    // Nothing of the failed step was kept: the key is free for the retry once an administrator fixed the cause.
    expect(await db.dataSource.query(`SELECT key FROM applied_transition WHERE key = $1`, [transition.key])).toEqual([]);
  });
});
