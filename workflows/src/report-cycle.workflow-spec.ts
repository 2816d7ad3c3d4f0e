/**
 * A year of reporting cycles under the time-skipping test server: the 6-month cycle, the annual cycle and the
 * province's report to MOFA open on their dates, their PERIODIC_REPORT tasks remind at 50 % and 80 % and escalate
 * when overdue, HT-SNGV consolidates, and the consolidated report is generated (DOCX and XLSX, read back).
 *
 * In production Temporal Schedules start reportCycleWorkflow (apps/worker/src/reporting-schedules.ts). The Java
 * time-skipping test server does not run Schedules, so a test driver plays the schedule: it sleeps (skipping time)
 * to 08:00 Hanoi time on each policy opening day and starts the workflow with the same arguments the Schedule's
 * action carries (the kind only; the workflow takes the year from its start time).
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cycleDates, DEFAULT_REPORT_CYCLE_POLICIES, isoDateInVietnam, type ReportCycleKind } from '@accord/domain';
import type { ConsolidatedReportData, ReportPrefill } from '@accord/persistence/reporting/report-data';
import { buildReportDocx, buildReportXlsx } from '@accord/reporting';
import {
  completeReportTaskUpdate,
  consolidateReportCycleUpdate,
  syncReportCycleUpdate,
  type Actor,
  type OpenedReportCycle,
  type OpenReportCycleRequest,
  type ReportCycleState,
  type ReportCycleTransition,
} from '@accord/temporal/contracts';
import { useTimeSkipping } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';

const AGENCY_NAMES: Record<string, string> = { 'HT-SCT': 'Sở Công Thương', 'HT-SGDDT': 'Sở Giáo dục và Đào tạo', 'HT-SNGV': 'Sở Ngoại vụ' };
const actor = (agencyCode: string): Actor => ({
  id: `u-${agencyCode}`,
  fullName: `Cán bộ ${AGENCY_NAMES[agencyCode]}`,
  agencyCode,
  roles: ['REVIEWER'],
});
const HOUR = 3_600_000;

/** The read side the activities would write, kept in memory. */
class FakeRegistry {
  readonly cycles = new Map<string, OpenedReportCycle & { kind: ReportCycleKind; year: number; workflowId: string; at: string }>();
  readonly transitions: ReportCycleTransition[] = [];
  readonly documents = new Map<string, { docx: Buffer; xlsx: Buffer }>();

  prefill(period: { from: string; to: string }, agencyCode: string | null): ReportPrefill {
    const lead = agencyCode ?? 'HT-SCT';
    return {
      period,
      agreements: {
        signed: [
          {
            id: 'g1',
            number: '01/2027/TTQT',
            title: 'Thỏa thuận hợp tác xúc tiến thương mại với tỉnh Savannakhet',
            counterpart: 'Savannakhet Province',
            country: 'LA',
            leadAgency: lead,
            signedOn: period.from,
            expiresOn: null,
            status: 'IN_FORCE',
          },
        ],
        amended: [],
        expired: [],
        terminated: [],
        inForce: 1,
      },
      planItems: [
        {
          planId: 'p1',
          planTitle: 'Kế hoạch thực hiện Nghị quyết 152/NQ-CP',
          itemId: 'i1',
          no: 7,
          task: 'Tổ chức tập huấn, bồi dưỡng nghiệp vụ về công tác ký kết và thực hiện thỏa thuận quốc tế',
          lead: { code: 'HT-SNGV', name: 'Sở Ngoại vụ', group: false },
          timeFrame: 'Hàng năm',
          recurrence: 'ANNUAL',
          dueOn: `${period.to.slice(0, 4)}-12-31`,
          status: 'IN_PROGRESS',
          overdue: false,
          lastUpdate: null,
        },
      ],
    };
  }

  activities() {
    return {
      openReportCycle: async (r: OpenReportCycleRequest): Promise<OpenedReportCycle | null> => {
        const mine = [...this.cycles.values()].find((c) => c.workflowId === r.workflowId);
        if (mine) return mine;
        if ([...this.cycles.values()].some((c) => c.kind === r.kind && c.year === r.year)) return null;
        const policy = DEFAULT_REPORT_CYCLE_POLICIES.find((p) => p.kind === r.kind)!;
        const dates = cycleDates(policy, r.year);
        const period = { from: dates.periodFrom, to: dates.periodTo };
        const agencies = policy.reporters === 'CONSOLIDATOR' ? ['HT-SNGV'] : ['HT-SCT', 'HT-SGDDT', 'HT-SNGV'];
        const opened = {
          cycleId: r.cycleId,
          title: dates.title,
          openedOn: isoDateInVietnam(new Date(r.at)),
          dueOn: r.dueOn ?? dates.dueOn,
          periodFrom: dates.periodFrom,
          periodTo: dates.periodTo,
          consolidator: policy.consolidator,
          reporters: agencies.map((agencyCode) => ({
            agencyCode,
            prefill: this.prefill(period, policy.reporters === 'CONSOLIDATOR' ? null : agencyCode) as unknown as Record<string, unknown>,
          })),
        };
        this.cycles.set(r.cycleId, { ...opened, kind: r.kind, year: r.year, workflowId: r.workflowId, at: r.at });
        return opened;
      },
      applyReportCycleTransition: async (t: ReportCycleTransition) => {
        if (!this.transitions.some((x) => x.key === t.key)) this.transitions.push(t);
      },
      generateReportDocuments: async ({ cycleId, at }: { cycleId: string; at: string }) => {
        const data = this.reportData(cycleId, at);
        const docx = await buildReportDocx(data);
        const xlsx = await buildReportXlsx(data);
        this.documents.set(cycleId, { docx, xlsx });
        return {
          cycleId,
          documents: [
            { format: 'docx' as const, sha256: 'x', bytes: docx.length },
            { format: 'xlsx' as const, sha256: 'y', bytes: xlsx.length },
          ],
        };
      },
    };
  }

  private reportData(cycleId: string, at: string): ConsolidatedReportData {
    const c = this.cycles.get(cycleId)!;
    const mine = this.transitions.filter((t) => t.cycleId === cycleId);
    const opened = mine.flatMap((t) => t.openTasks);
    const done = new Map(mine.flatMap((t) => t.completedTasks).map((d) => [d.id, d]));
    const consolidated = mine.find((t) => t.status === 'CONSOLIDATED');
    return {
      cycle: {
        id: cycleId,
        kind: c.kind,
        year: c.year,
        title: c.title,
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        openedOn: c.openedOn,
        dueOn: c.dueOn,
        status: consolidated ? 'CONSOLIDATED' : 'OPEN',
        consolidatedAt: consolidated?.at ?? null,
        consolidatedBy: 'Phạm Quốc Dũng',
        consolidator: { code: 'HT-SNGV', name: 'Sở Ngoại vụ' },
      },
      authority: { provinceCode: 'HT', provinceName: 'Tỉnh Hà Tĩnh', place: 'Hà Tĩnh', committee: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
      province: this.prefill({ from: c.periodFrom, to: c.periodTo }, null),
      submissions: opened.map((t) => {
        const d = done.get(t.id);
        return {
          agency: { code: t.candidateAgency, name: AGENCY_NAMES[t.candidateAgency]! },
          status: d ? 'SUBMITTED' : 'MISSING',
          dueAt: t.dueAt,
          submittedAt: d?.completedAt ?? null,
          late: !!d && d.completedAt > t.dueAt,
          submittedBy: d ? `Cán bộ ${AGENCY_NAMES[t.candidateAgency]}` : null,
          comment: d?.comment ?? null,
          attachments: [],
          prefill: t.prefill as unknown as ReportPrefill,
        };
      }),
      generatedAt: at,
    };
  }

  /** Notifications of one cycle as [kind, agency, audience, percent?], in order. */
  notifications(cycleId: string) {
    return this.transitions.filter((t) => t.cycleId === cycleId).flatMap((t) => t.notifications.map((n) => ({ ...n, at: t.at })));
  }

  taskOf(cycleId: string, agencyCode: string): string {
    return this.transitions
      .filter((t) => t.cycleId === cycleId)
      .flatMap((t) => t.openTasks)
      .find((t) => t.candidateAgency === agencyCode)!.id;
  }
}

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return zip.file('word/document.xml')!.async('string');
}

describe('reporting cycles over a year (time-skipping)', () => {
  const temporal = useTimeSkipping();

  it('opens the 6-month, annual and MOFA cycles on their dates, reminds, escalates, and consolidates into DOCX and XLSX', async () => {
    const registry = new FakeRegistry();
    let taskQueue = ''; // the worker's, once it runs
    const year = Number(isoDateInVietnam(new Date(await temporal.env.currentTimeMs())).slice(0, 4)) + 1;
    const policy = (kind: ReportCycleKind) => DEFAULT_REPORT_CYCLE_POLICIES.find((p) => p.kind === kind)!;
    const at = (date: string, hour = 8) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
    const sleepUntil = async (ms: number) => {
      const now = await temporal.env.currentTimeMs();
      if (ms > now) await temporal.env.sleep(ms - now);
    };

    /** What the Schedule does on the opening day: start the cycle workflow with `{kind}`, its id suffixed with the time. */
    const scheduleFires = async (kind: ReportCycleKind) => {
      const opensOn = cycleDates(policy(kind), year).opensOn;
      await sleepUntil(at(opensOn));
      const handle = await temporal.env.client.workflow.start('reportCycleWorkflow', {
        taskQueue,
        workflowId: `report-cycle-${kind}-${new Date(at(opensOn)).toISOString()}`,
        args: [{ kind }],
      });
      // Returns once the cycle is open and its first step applied.
      const state = await handle.executeUpdate(syncReportCycleUpdate);
      return { handle: handle as WorkflowHandle, cycleId: state.cycleId!, opensOn };
    };
    const submit = (h: WorkflowHandle, cycleId: string, agencyCode: string, comment: string) =>
      h.executeUpdate(completeReportTaskUpdate, {
        args: [{ taskId: registry.taskOf(cycleId, agencyCode), decision: 'SUBMITTED', actor: actor(agencyCode), comment }],
      });
    const consolidate = (h: WorkflowHandle) =>
      h.executeUpdate(consolidateReportCycleUpdate, {
        args: [{ actor: { ...actor('HT-SNGV'), fullName: 'Phạm Quốc Dũng', roles: ['REVIEWER', 'AGENCY_HEAD'] } }],
      });

    await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: registry.activities(), queuePrefix: 'cycles' },
      async (queue) => {
        taskQueue = queue;
        // ---- 6-month cycle: opens 20 April, due 15 May (25 days: reminders at the end of 2 May and 10 May) ----
        const semi = await scheduleFires('SEMI_ANNUAL');
        const opened = registry.transitions.find((t) => t.cycleId === semi.cycleId)!;
        expect(isoDateInVietnam(new Date(opened.at))).toBe(`${year}-04-20`);
        expect(opened.openTasks.map((t) => [t.candidateAgency, t.dueAt])).toEqual(
          ['HT-SCT', 'HT-SGDDT', 'HT-SNGV'].map((a) => [a, `${year}-05-15T23:59:59.999+07:00`]),
        );
        expect(opened.openTasks[0]!.prefill).toMatchObject({
          period: { from: `${year - 1}-11-01`, to: `${year}-04-30` },
          agreements: { inForce: 1 },
        });

        await submit(semi.handle, semi.cycleId, 'HT-SCT', 'Sở Công Thương: đã ký 01 thỏa thuận, triển khai đúng tiến độ');
        await expect(submit(semi.handle, semi.cycleId, 'HT-SCT', 'again')).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
        await expect(
          semi.handle.executeUpdate(completeReportTaskUpdate, {
            args: [{ taskId: registry.taskOf(semi.cycleId, 'HT-SNGV'), decision: 'SUBMITTED', actor: actor('HT-SCT') }],
          }),
        ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
        await sleepUntil(at(`${year}-05-03`));
        await submit(semi.handle, semi.cycleId, 'HT-SNGV', 'Sở Ngoại vụ: đã tổ chức 02 lớp tập huấn');
        await sleepUntil(at(`${year}-05-17`));
        await submit(semi.handle, semi.cycleId, 'HT-SGDDT', 'Sở Giáo dục và Đào tạo: báo cáo muộn');
        await expect(
          semi.handle.executeUpdate(consolidateReportCycleUpdate, { args: [{ actor: actor('HT-SCT') }] }),
        ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
        expect(await consolidate(semi.handle)).toMatchObject({
          status: 'CONSOLIDATED',
          submittedAgencies: ['HT-SCT', 'HT-SGDDT', 'HT-SNGV'],
        });

        const hanoi = (iso: string) => new Date(Date.parse(iso) + 7 * HOUR).toISOString().slice(0, 16);
        expect(
          registry
            .notifications(semi.cycleId)
            .filter((n) => n.kind !== 'TASK_OPENED' && n.kind !== 'REPORT_CYCLE_OPENED')
            .map((n) => [n.kind, n.agencyCode, n.audience, n.params.percent ?? null, hanoi(n.at)]),
        ).toEqual([
          ['TASK_REMINDER', 'HT-SGDDT', 'AGENCY', 50, `${year}-05-03T00:00`],
          ['TASK_REMINDER', 'HT-SNGV', 'AGENCY', 50, `${year}-05-03T00:00`],
          ['TASK_REMINDER', 'HT-SGDDT', 'AGENCY', 80, `${year}-05-11T00:00`],
          ['TASK_OVERDUE', 'HT-SGDDT', 'AGENCY', null, `${year}-05-16T00:00`],
          ['TASK_ESCALATED', 'HT-SGDDT', 'AGENCY_HEAD', null, `${year}-05-16T00:00`],
          ['REPORT_CYCLE_READY', 'HT-SNGV', 'AGENCY', null, `${year}-05-17T08:00`],
        ]);

        // A second start for the same kind and year (e.g. a catch-up) opens nothing.
        const again = await temporal.env.client.workflow.start('reportCycleWorkflow', {
          taskQueue,
          workflowId: `report-cycle-SEMI_ANNUAL-again-${year}`,
          args: [{ kind: 'SEMI_ANNUAL' }],
        });
        // Results are awaited only at the end: awaiting one lets the time-skipping server run the clock ahead.
        expect(await again.executeUpdate(syncReportCycleUpdate)).toMatchObject({ status: 'SKIPPED' });

        // ---- Annual cycle: opens 15 October, due 5 November (21 days: reminders at the end of 25 and 31 October) ----
        const annual = await scheduleFires('ANNUAL');
        expect(isoDateInVietnam(new Date(registry.transitions.find((t) => t.cycleId === annual.cycleId)!.at))).toBe(`${year}-10-15`);
        await submit(annual.handle, annual.cycleId, 'HT-SCT', 'Báo cáo năm của Sở Công Thương');
        await submit(annual.handle, annual.cycleId, 'HT-SNGV', 'Báo cáo năm của Sở Ngoại vụ');
        await sleepUntil(at(`${year}-11-01`));
        await submit(annual.handle, annual.cycleId, 'HT-SGDDT', 'Báo cáo năm của Sở Giáo dục và Đào tạo');
        await consolidate(annual.handle);
        expect(
          registry
            .notifications(annual.cycleId)
            .filter((n) => n.kind === 'TASK_REMINDER')
            .map((n) => [n.agencyCode, n.params.percent, hanoi(n.at)]),
        ).toEqual([
          ['HT-SGDDT', 50, `${year}-10-26T00:00`],
          ['HT-SGDDT', 80, `${year}-11-01T00:00`],
        ]);
        expect(registry.notifications(annual.cycleId).some((n) => n.kind === 'TASK_ESCALATED')).toBe(false);

        // ---- The province's report to MOFA: opens 6 November, due 15 November, HT-SNGV alone ----
        const mofa = await scheduleFires('MOFA_ANNUAL');
        const mofaOpened = registry.transitions.find((t) => t.cycleId === mofa.cycleId)!;
        expect(isoDateInVietnam(new Date(mofaOpened.at))).toBe(`${year}-11-06`);
        expect(mofaOpened.openTasks.map((t) => [t.candidateAgency, t.dueAt])).toEqual([['HT-SNGV', `${year}-11-15T23:59:59.999+07:00`]]);
        await sleepUntil(at(`${year}-11-14`));
        await submit(mofa.handle, mofa.cycleId, 'HT-SNGV', 'Báo cáo của UBND tỉnh gửi Bộ Ngoại giao');
        await consolidate(mofa.handle);
        expect(
          registry
            .notifications(mofa.cycleId)
            .filter((n) => n.kind === 'TASK_REMINDER')
            .map((n) => [n.params.percent, hanoi(n.at)]),
        ).toEqual([
          [50, `${year}-11-11T00:00`],
          [80, `${year}-11-14T00:00`],
        ]);
        for (const h of [semi.handle, annual.handle, mofa.handle])
          expect((await h.result()) as ReportCycleState).toMatchObject({ status: 'CONSOLIDATED' });
        expect(await again.result()).toMatchObject({ status: 'SKIPPED' });
      },
    );

    // Three consolidated reports, in Vietnamese, each as DOCX and XLSX.
    expect(registry.documents.size).toBe(3);
    const semiDocs = [...registry.documents.entries()].find(([id]) => registry.cycles.get(id)!.kind === 'SEMI_ANNUAL')![1];
    const xml = await documentXml(semiDocs.docx);
    // An official report (Decree 30): issuer, number line with the notation, place-date line, the title as subject.
    expect(xml).toContain('SỞ NGOẠI VỤ');
    expect(xml).toContain('Số:      /BC-SNgV');
    expect(xml).toContain(`Hà Tĩnh, ngày    tháng    năm`);
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain(`6 tháng năm ${year} về tình hình ký kết`);
    expect(xml).toContain('Sở Giáo dục và Đào tạo');
    expect(xml).toContain('Đã nộp (quá hạn)');
    expect(xml).toContain('Thỏa thuận hợp tác xúc tiến thương mại với tỉnh Savannakhet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(semiDocs.xlsx as unknown as ArrayBuffer);
    const reports = workbook.getWorksheet('Báo cáo các cơ quan')!;
    const rows = reports
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 4));
    expect(rows).toEqual([
      ['1', 'Sở Công Thương', 'Đã nộp'],
      ['2', 'Sở Giáo dục và Đào tạo', 'Đã nộp (quá hạn)'],
      ['3', 'Sở Ngoại vụ', 'Đã nộp'],
    ]);
    const mofaDocs = [...registry.documents.entries()].find(([id]) => registry.cycles.get(id)!.kind === 'MOFA_ANNUAL')![1];
    // The province's report to MOFA is addressed to the Ministry.
    expect(await documentXml(mofaDocs.docx)).toContain('- Bộ Ngoại giao;');
  });
});
