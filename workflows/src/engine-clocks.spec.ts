/** Statutory clocks on the business calendar: reminders at 50 % / 80 %, overdue + escalation at 100 %, stop-the-clock. */
import { computePlan, DEFAULT_POLICY, VIETNAM_HOLIDAYS_2025_2027 } from '@accord/domain';
import type { Actor, ProposalWorkflowInput } from '@accord/temporal/contracts';
import { ProposalEngine, type TransitionDraft } from './engine';

const OFFICER: Actor = { id: 'officer', fullName: 'Officer', agencyCode: 'HT-SNGV', roles: ['REVIEWER'] };
const SUB: Actor = { id: 'sub', fullName: 'Submitter', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] };

function engineAt(iso: string) {
  const clock = { now: new Date(iso) };
  let n = 0;
  const input: ProposalWorkflowInput = {
    proposalId: 'p',
    reference: 'R',
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'T',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: 'sub', fullName: 'S' },
    plan: computePlan(DEFAULT_POLICY, {
      kind: 'INTERNATIONAL_AGREEMENT',
      procedure: 'STANDARD',
      details: { level: 'PROVINCIAL_COMMITTEE', touchesDefence: false, touchesSecurity: false },
    }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
  };
  const engine = new ProposalEngine(input, { newId: () => `t${++n}`, now: () => clock.now });
  const start = engine.start();
  /** Advances time event by event, as the workflow's timers would, collecting what fires. */
  const runUntil = (iso: string) => {
    const fired: { at: string; action: string; taskId: unknown }[] = [];
    const end = Date.parse(iso);
    for (let next = engine.nextClockEvent(); next && next.at <= end; next = engine.nextClockEvent()) {
      clock.now = new Date(next.at);
      const draft = engine.fireClockEvents() as TransitionDraft;
      for (const a of draft.audit) fired.push({ at: draft.at, action: a.action, taskId: a.payload.taskId });
    }
    clock.now = new Date(iso);
    return fired;
  };
  return { engine, start, clock, runUntil };
}

describe('task clocks', () => {
  it('reminds and escalates INTAKE_CHECK at working-day instants across the Tết 2026 break', () => {
    // Thu 12/2/2026 10:00 Hanoi; 2 working days: Fri 13/2, then the break (14-22/2), Mon 23/2.
    const { start, runUntil } = engineAt('2026-02-12T03:00:00Z');
    const intake = start.openTasks[0]!;
    expect(intake.dueAt).toBe('2026-02-23T23:59:59.999+07:00');
    const fired = runUntil('2026-03-01T00:00:00Z');
    expect(fired).toEqual([
      { at: '2026-02-13T17:00:00.000Z', action: 'TASK_REMINDER', taskId: intake.id }, // end of working day 1 (50 %)
      { at: '2026-02-13T17:00:00.000Z', action: 'TASK_REMINDER', taskId: intake.id }, // 80 % of 2 days is still day 1
      { at: '2026-02-23T17:00:00.000Z', action: 'TASK_OVERDUE', taskId: intake.id }, // 24:00 on Mon 23/2
      { at: '2026-02-23T17:00:00.000Z', action: 'TASK_ESCALATED', taskId: intake.id },
    ]);
  });

  it('times a 7-working-day opinion: 50 % after day 3, 80 % after day 5, overdue after day 7, skipping Tết', () => {
    const { engine, runUntil, clock } = engineAt('2026-02-11T03:00:00Z');
    clock.now = new Date('2026-02-12T03:00:00Z'); // intake completed Thu 12/2
    const draft = engine.complete({ taskId: 't1', decision: 'COMPLETE', actor: OFFICER });
    const opinion = draft.openTasks.find((t) => t.kind === 'OPINION')!;
    // Working days after 12/2: 13/2 (1), 23/2 (2), 24 (3), 25 (4), 26 (5), 27 (6), 2/3 (7).
    expect(opinion.dueAt).toBe('2026-03-02T23:59:59.999+07:00');
    const ofOpinion = runUntil('2026-03-10T00:00:00Z').filter((f) => f.taskId === opinion.id);
    expect(ofOpinion.map((f) => [f.action, f.at])).toEqual([
      ['TASK_REMINDER', '2026-02-24T17:00:00.000Z'],
      ['TASK_REMINDER', '2026-02-26T17:00:00.000Z'],
      ['TASK_OVERDUE', '2026-03-02T17:00:00.000Z'],
      ['TASK_ESCALATED', '2026-03-02T17:00:00.000Z'],
    ]);
  });

  it('escalation is addressed to the agency head and overdue to the candidates', () => {
    const fire = engineAt('2026-06-01T03:00:00Z'); // Mon 1/6/2026: intake due end of Wed 3/6
    fire.clock.now = new Date('2026-06-04T00:00:00Z');
    const draft = fire.engine.fireClockEvents()!;
    expect(draft.notifications.map((n) => [n.kind, n.audience, n.agencyCode])).toEqual([
      ['TASK_REMINDER', 'AGENCY', 'HT-SNGV'],
      ['TASK_REMINDER', 'AGENCY', 'HT-SNGV'],
      ['TASK_OVERDUE', 'AGENCY', 'HT-SNGV'],
      ['TASK_ESCALATED', 'AGENCY_HEAD', 'HT-SNGV'],
    ]);
    expect(draft.escalatedTaskIds).toEqual(['t1']);
    expect(fire.engine.fireClockEvents()).toBeNull(); // each event fires once
  });

  it('stops the clock during a supplement spanning 30/4-1/5 and restarts it from the resubmission day', () => {
    // Intake opens Mon 27/4/2026 (2 WD: Tue 28/4, Wed 29/4). Supplement asked Tue 28/4 with 1 WD left.
    const { engine, start, clock, runUntil } = engineAt('2026-04-27T02:00:00Z');
    clock.now = new Date('2026-04-28T02:00:00Z');
    const asked = engine.complete({ taskId: start.openTasks[0]!.id, decision: 'REQUEST_SUPPLEMENT', actor: OFFICER });
    const supplement = asked.openTasks.find((t) => t.kind === 'SUPPLEMENT')!;
    // 10 WD for the supplement from Tue 28/4: 29/4, [30/4 and 1/5 holidays, weekend], 4/5 ... 8/5, 11/5 ... 14/5.
    expect(supplement.dueAt).toBe('2026-05-14T23:59:59.999+07:00');
    // Nothing fires for the paused intake; only the supplement's own reminders (none before 5/5).
    expect(runUntil('2026-05-04T16:00:00Z')).toEqual([]);
    clock.now = new Date('2026-05-04T03:00:00Z'); // Mon 4/5
    const back = engine.complete({ taskId: supplement.id, decision: 'RESUBMIT', actor: SUB, dossier: { title: 'v2' } });
    const fresh = back.openTasks.find((t) => t.kind === 'INTAKE_CHECK')!;
    expect(fresh.dueAt).toBe('2026-05-06T23:59:59.999+07:00'); // a fresh 2-WD clock from Mon 4/5
  });
});

describe('recomputing deadlines after a holiday edit', () => {
  it('recounts running clocks from their start on the new calendar and leaves paused ones alone', () => {
    const { engine, start, clock } = engineAt('2026-06-01T03:00:00Z'); // Mon 1/6/2026: intake due Wed 3/6
    expect(start.openTasks[0]!.dueAt).toBe('2026-06-03T23:59:59.999+07:00');
    clock.now = new Date('2026-06-01T05:00:00Z');
    const admin: Actor = { id: 'admin', fullName: 'Admin', agencyCode: null, roles: ['ADMIN'] };
    const extraHoliday = { date: '2026-06-02', name: 'Ngày nghỉ bổ sung', nameEn: 'Extra day off', kind: 'HOLIDAY' as const };
    const draft = engine.recomputeDeadlines([...VIETNAM_HOLIDAYS_2025_2027, extraHoliday], admin, 'Quyết định nghỉ bù');
    expect(draft.rescheduledTasks).toEqual([{ id: start.openTasks[0]!.id, dueAt: '2026-06-04T23:59:59.999+07:00' }]);
    expect(draft.audit[0]).toMatchObject({
      action: 'DEADLINES_RECOMPUTED',
      actor: { id: 'admin', type: 'USER' },
      payload: { reason: 'Quyết định nghỉ bù', changes: [{ from: '2026-06-03T23:59:59.999+07:00', to: '2026-06-04T23:59:59.999+07:00' }] },
    });
    // Recomputing again with the same calendar changes nothing.
    expect(engine.recomputeDeadlines([...VIETNAM_HOLIDAYS_2025_2027, extraHoliday], admin, 'again').rescheduledTasks).toEqual([]);
  });
});
