import type { Actor, OpenedReportCycle } from '@accord/temporal/contracts';
import { ReportCycleEngine } from './report-cycle.engine';

const cycle: OpenedReportCycle = {
  cycleId: 'c1',
  title: 'Báo cáo 6 tháng năm 2027',
  openedOn: '2027-04-20',
  dueOn: '2027-05-15',
  periodFrom: '2026-11-01',
  periodTo: '2027-04-30',
  consolidator: 'HT-SNGV',
  reporters: [
    { agencyCode: 'HT-SCT', prefill: { a: 1 } },
    { agencyCode: 'HT-SNGV', prefill: {} },
  ],
};
const sct: Actor = { id: 'u1', fullName: 'SCT', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] };
const sngv: Actor = { id: 'u2', fullName: 'SNGV', agencyCode: 'HT-SNGV', roles: ['REVIEWER'] };

function engine(at: { now: Date }) {
  let n = 0;
  return new ReportCycleEngine(cycle, { newId: () => `t${++n}`, now: () => at.now });
}

describe('ReportCycleEngine', () => {
  it('opens one PERIODIC_REPORT per reporting agency, due at the end of the due day, with its prefill', () => {
    const e = engine({ now: new Date('2027-04-20T01:00:00Z') });
    const draft = e.open();
    expect(draft.openTasks.map((t) => [t.candidateAgency, t.kind, t.dueAt, t.clockType, t.clockLength, t.prefill])).toEqual([
      ['HT-SCT', 'PERIODIC_REPORT', '2027-05-15T23:59:59.999+07:00', 'CALENDAR_DAYS', 25, { a: 1 }],
      ['HT-SNGV', 'PERIODIC_REPORT', '2027-05-15T23:59:59.999+07:00', 'CALENDAR_DAYS', 25, {}],
    ]);
    expect(draft.notifications.map((x) => x.kind)).toEqual(['TASK_OPENED', 'TASK_OPENED', 'REPORT_CYCLE_OPENED']);
    expect(draft.audit[0]).toMatchObject({ action: 'REPORT_CYCLE_OPENED', payload: { reportCycleId: 'c1' } });
  });

  it('reminds at 50 % and 80 % of the clock, then marks overdue and escalates to the agency head', () => {
    const at = { now: new Date('2027-04-20T01:00:00Z') };
    const e = engine(at);
    e.open();
    // 25 days: day 12 (2 May) and day 20 (10 May) end at 24:00 Hanoi time.
    expect(new Date(e.nextClockEvent()!.at).toISOString()).toBe('2027-05-02T17:00:00.000Z');
    at.now = new Date('2027-05-02T17:00:00.000Z');
    expect(e.fireClockEvents()!.notifications.map((n) => [n.kind, n.agencyCode, n.params.percent])).toEqual([
      ['TASK_REMINDER', 'HT-SCT', 50],
      ['TASK_REMINDER', 'HT-SNGV', 50],
    ]);
    e.complete({ taskId: 't1', decision: 'SUBMITTED', actor: sct, comment: 'Báo cáo của Sở Công Thương' });
    at.now = new Date('2027-05-15T17:00:00.000Z');
    const late = e.fireClockEvents()!;
    // Only the open report: the 80 % reminder is dropped since the task is overdue by now.
    expect(late.notifications.map((n) => [n.kind, n.agencyCode, n.audience])).toEqual([
      ['TASK_OVERDUE', 'HT-SNGV', 'AGENCY'],
      ['TASK_ESCALATED', 'HT-SNGV', 'AGENCY_HEAD'],
    ]);
    expect(late.escalatedTaskIds).toEqual(['t2']);
    expect(e.fireClockEvents()).toBeNull();
  });

  it('takes each report once, from its agency only, and tells the consolidator when all are in', () => {
    const e = engine({ now: new Date('2027-04-21T01:00:00Z') });
    e.open();
    expect(() => e.validate({ taskId: 't1', decision: 'SUBMITTED', actor: sngv })).toThrow(/Only members of HT-SCT/);
    expect(() => e.validate({ taskId: 't1', decision: 'APPROVE', actor: sct })).toThrow(/not allowed/);
    expect(e.complete({ taskId: 't1', decision: 'SUBMITTED', actor: sct }).notifications).toEqual([]);
    expect(() => e.validate({ taskId: 't1', decision: 'SUBMITTED', actor: sct })).toThrow(/completed/);
    expect(e.complete({ taskId: 't2', decision: 'SUBMITTED', actor: sngv }).notifications).toEqual([
      expect.objectContaining({ kind: 'REPORT_CYCLE_READY', agencyCode: 'HT-SNGV' }),
    ]);
  });

  it('lets the consolidating agency close the cycle, cancelling reports still open', () => {
    const e = engine({ now: new Date('2027-04-21T01:00:00Z') });
    e.open();
    expect(() => e.validateConsolidate(sct)).toThrow(/Only members of HT-SNGV/);
    const draft = e.consolidate(sngv);
    expect(draft).toMatchObject({ status: 'CONSOLIDATED', cancelledTaskIds: ['t1', 't2'], consolidatedBy: 'u2' });
    expect(draft.audit[0]).toMatchObject({ action: 'REPORT_CYCLE_CONSOLIDATED', payload: { missing: ['HT-SCT', 'HT-SNGV'] } });
    expect(e.done).toBe(true);
    expect(() => e.validateConsolidate(sngv)).toThrow(/already consolidated/);
  });
});
