/**
 * The engine's rules on a small hand-made plan, so every clock and branch is known exactly: what each refusal says,
 * withdrawal and cancellation, calendar-day clocks (stop-the-clock, reminders, recomputation), the audit and
 * notifications of each transition, signing that changes a registered agreement, and the patch guards.
 */
import { VIETNAM_HOLIDAYS_2025_2027, type Plan, type PlannedTask } from '@accord/domain';
import type { Actor, CompleteTaskRequest, ProposalWorkflowInput } from '@accord/temporal/contracts';
import { EngineRejection, PATCHES, ProposalEngine, type TransitionDraft } from './engine';

const actor = (id: string, agencyCode: string): Actor => ({ id, fullName: `${id} name`, agencyCode, roles: [] });
const SUB = actor('sub', 'HT-SCT');
const OFFICER = actor('officer', 'HT-SNGV');
const HEAD = actor('head', 'HT-SNGV');
const CA = actor('ca', 'HT-CA');
const STP = actor('stp', 'HT-STP');
const CHAIR = actor('chair', 'HT-UBND');
const ADMIN: Actor = { id: 'admin', fullName: 'Admin', agencyCode: null, roles: ['ADMIN'] };

const wd = (length: number) => ({ type: 'WORKING_DAYS' as const, length });
const cd = (length: number) => ({ type: 'CALENDAR_DAYS' as const, length });
const task = (kind: PlannedTask['kind'], candidateAgency: string, clock: PlannedTask['clock'], externalBody?: string): PlannedTask => ({
  kind,
  candidateAgency,
  clock,
  ...(externalBody ? { externalBody } : {}),
});

/** INTAKE, CONSULTATION (an opinion on working days, one on calendar days, a central body), APPRAISAL, DECISION, SIGNING. */
function smallPlan(opts: { pmConsent?: boolean; central?: boolean } = {}): Plan {
  return {
    policyVersion: 'test',
    stages: [
      { stage: 'INTAKE', tasks: [task('INTAKE_CHECK', 'HT-SNGV', wd(2))] },
      {
        stage: 'CONSULTATION',
        tasks: [task('OPINION', 'HT-SNGV', wd(7)), task('OPINION', 'HT-CA', cd(10)), task('EXTERNAL_OPINION', 'HT-SNGV', wd(7), 'MOFA')],
      },
      { stage: 'APPRAISAL', tasks: [task('APPRAISAL', 'HT-STP', wd(10))] },
      { stage: 'DECISION', tasks: [task('DECISION', 'HT-UBND', wd(7))] },
      ...(opts.central ? [{ stage: 'CENTRAL_DECISION' as const, tasks: [task('CENTRAL_DECISION', 'HT-SNGV', cd(60), 'GOV')] }] : []),
      { stage: 'SIGNING', tasks: [task('SIGNING', 'SUBMITTER', cd(30))] },
    ],
    gates: {
      supplement: wd(10),
      revision: wd(15),
      postSigningReport: cd(15),
      ...(opts.pmConsent ? { pmConsent: task('PM_CONSENT', 'HT-SNGV', cd(30), 'PM') } : {}),
    },
  };
}

type Open = TransitionDraft['openTasks'][number];

/** An MoU of HT-SCT on `plan`, with the 2025-2027 holidays. */
function proposalInput(plan: Plan, agreement?: ProposalWorkflowInput['agreement']): ProposalWorkflowInput {
  return {
    proposalId: 'p1',
    reference: 'TTQT-2026-00001',
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: 'sub', fullName: 'sub' },
    plan,
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
    ...(agreement ? { agreement } : {}),
  };
}

function run(
  plan: Plan = smallPlan(),
  opts: { start?: string; agreement?: ProposalWorkflowInput['agreement']; patched?: (id: string) => boolean } = {},
) {
  const clock = { now: new Date(opts.start ?? '2026-03-02T02:00:00Z') }; // Mon 2/3/2026, 09:00 in Hanoi
  let n = 0;
  const engine = new ProposalEngine(proposalInput(plan, opts.agreement), {
    newId: () => `t${++n}`,
    now: () => clock.now,
    ...(opts.patched ? { patched: opts.patched } : {}),
  });
  const drafts: TransitionDraft[] = [engine.start()];
  const open = (): Open[] => {
    const tasks = new Map<string, Open>();
    for (const d of drafts) {
      d.openTasks.forEach((t) => tasks.set(t.id, t));
      d.completedTasks.forEach((t) => tasks.delete(t.id));
      d.cancelledTaskIds.forEach((id) => tasks.delete(id));
    }
    return [...tasks.values()];
  };
  const one = (kind: string, agency?: string): Open => {
    const found = open().filter((t) => t.kind === kind && (!agency || t.candidateAgency === agency));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const complete = (who: Actor, t: Open, decision: string, extra: Partial<CompleteTaskRequest> = {}) => {
    const d = engine.complete({ taskId: t.id, decision: decision as never, actor: who, ...extra });
    drafts.push(d);
    return d;
  };
  const at = (iso: string) => (clock.now = new Date(iso));
  const throughConsultation = () => {
    complete(OFFICER, one('INTAKE_CHECK'), 'COMPLETE');
    complete(OFFICER, one('OPINION', 'HT-SNGV'), 'AGREE');
    complete(CA, one('OPINION', 'HT-CA'), 'AGREE');
    return complete(HEAD, one('EXTERNAL_OPINION'), 'AGREE');
  };
  const throughAppraisal = () => {
    throughConsultation();
    return complete(STP, one('APPRAISAL'), 'CONFORMS');
  };
  return { engine, drafts, open, one, complete, at, clock, throughConsultation, throughAppraisal };
}

/** The rejection's type and message, or a failure when nothing was rejected. */
function refusal(fn: () => unknown): { type: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineRejection);
    expect((e as EngineRejection).name).toBe('EngineRejection');
    return { type: (e as EngineRejection).type, message: (e as Error).message };
  }
  throw new Error('not rejected');
}

const signing = (signedAt: string) => ({ signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } });

describe('what a refused completion says', () => {
  it('an unknown task, a task no longer open, another agency, a decision the kind does not allow', () => {
    const s = run();
    const intake = s.one('INTAKE_CHECK');
    expect(refusal(() => s.engine.validate({ taskId: 'nope', decision: 'COMPLETE', actor: OFFICER }))).toEqual({
      type: 'TaskNotFound',
      message: 'Task nope is not part of this proposal',
    });
    expect(refusal(() => s.engine.validate({ taskId: intake.id, decision: 'COMPLETE', actor: CA }))).toEqual({
      type: 'NotCandidate',
      message: 'Only members of HT-SNGV may complete this task',
    });
    expect(refusal(() => s.engine.validate({ taskId: intake.id, decision: 'APPROVE', actor: OFFICER }))).toEqual({
      type: 'DecisionNotAllowed',
      message: 'Decision APPROVE is not allowed for a INTAKE_CHECK task; allowed: COMPLETE, REQUEST_SUPPLEMENT',
    });
    s.complete(OFFICER, intake, 'COMPLETE');
    expect(refusal(() => s.engine.validate({ taskId: intake.id, decision: 'COMPLETE', actor: OFFICER }))).toEqual({
      type: 'TaskNotOpen',
      message: 'Task is completed',
    });
  });

  it('a cancelled task is "cancelled"; a paused one waits for the supplement', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const ca = s.one('OPINION', 'HT-CA');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    expect(refusal(() => s.engine.validate({ taskId: ca.id, decision: 'AGREE', actor: CA }))).toEqual({
      type: 'TaskPaused',
      message: 'The task clock is stopped until the requested supplement arrives',
    });
    expect(refusal(() => s.engine.validate({ taskId: s.one('SUPPLEMENT').id, decision: 'RESUBMIT', actor: SUB }))).toEqual({
      type: 'InvalidInput',
      message: 'RESUBMIT needs the changed dossier',
    });
    s.complete(SUB, s.one('SUPPLEMENT'), 'WITHDRAW');
    expect(refusal(() => s.engine.validate({ taskId: ca.id, decision: 'AGREE', actor: CA }))).toEqual({
      type: 'TaskNotOpen',
      message: 'Task is cancelled',
    });
  });

  it('four-eyes names the rule, and lets one person review again in a stage of the same name', () => {
    const plan = smallPlan();
    // Sequential consultation: HT-SNGV is asked again in a second CONSULTATION stage.
    plan.stages.splice(2, 0, { stage: 'CONSULTATION', tasks: [task('OPINION', 'HT-SNGV', wd(3))] });
    const s = run(plan);
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'AGREE');
    s.complete(CA, s.one('OPINION', 'HT-CA'), 'AGREE');
    const next = s.complete(HEAD, s.one('EXTERNAL_OPINION'), 'AGREE');
    // The second consultation opens under the same status: no status change is audited, nobody is told.
    expect(next.audit.map((a) => a.action)).toEqual(['TASK_COMPLETED', 'TASKS_OPENED']);
    expect(next.notifications.map((n) => n.kind)).toEqual(['TASK_OPENED']);
    // The same officer, same stage name: allowed.
    expect(s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'AGREE').status).toBe('APPRAISAL');
    // The officer moved to the appraising agency: they already decided the CONSULTATION stage.
    expect(
      refusal(() =>
        s.engine.validate({ taskId: s.one('APPRAISAL').id, decision: 'CONFORMS', actor: { ...OFFICER, agencyCode: 'HT-STP' } }),
      ),
    ).toEqual({
      type: 'FourEyes',
      message: 'Four-eyes: this person already decided the CONSULTATION stage of this proposal',
    });
    // The submitting agency itself may never review.
    const own = refusal(() =>
      s.engine.validate({ taskId: s.one('APPRAISAL').id, decision: 'CONFORMS', actor: { ...STP, agencyCode: 'HT-SCT' } }),
    );
    expect(own.type).toBe('NotCandidate');
  });

  it('the submitting agency reviewing its own proposal is refused as four-eyes, with the reason', () => {
    const plan = smallPlan();
    plan.stages[1]!.tasks.push(task('OPINION', 'HT-SCT', wd(7)));
    const s = run(plan);
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(refusal(() => s.engine.validate({ taskId: s.one('OPINION', 'HT-SCT').id, decision: 'AGREE', actor: SUB }))).toEqual({
      type: 'FourEyes',
      message: 'Four-eyes: the submitting agency cannot review, appraise or decide its own proposal',
    });
  });

  it('SIGNED needs a record with a valid time, not in the future and not before the approval; the bounds themselves are fine', () => {
    const s = run();
    s.throughAppraisal();
    s.at('2026-03-10T02:00:00Z');
    s.complete(CHAIR, s.one('DECISION'), 'APPROVE');
    const sig = s.one('SIGNING', 'HT-SCT');
    const validate = (extra: Partial<CompleteTaskRequest>) => () =>
      s.engine.validate({ taskId: sig.id, decision: 'SIGNED', actor: SUB, ...extra });
    expect(refusal(validate({}))).toEqual({ type: 'InvalidInput', message: 'SIGNED needs the signing record' });
    expect(refusal(validate(signing('yesterday')))).toEqual({ type: 'InvalidInput', message: 'signing.signedAt is not a valid time' });
    s.at('2026-03-12T02:00:00Z');
    expect(refusal(validate(signing('2026-03-12T02:00:00.001Z')))).toEqual({
      type: 'InvalidInput',
      message: 'signing.signedAt cannot be in the future',
    });
    expect(refusal(validate(signing('2026-03-10T01:59:59.999Z')))).toEqual({
      type: 'InvalidInput',
      message: 'signing.signedAt cannot be before the approval',
    });
    expect(() => validate(signing('2026-03-12T02:00:00Z'))()).not.toThrow();
    expect(() => validate(signing('2026-03-10T02:00:00Z'))()).not.toThrow();
  });
});

describe('withdrawal and cancellation', () => {
  it('only the submitting agency withdraws; it ends the proposal, cancels open tasks and is audited with the reason', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(refusal(() => s.engine.withdraw(OFFICER, 'x'))).toEqual({
      type: 'NotCandidate',
      message: 'Only the submitting agency may withdraw its proposal',
    });
    const openIds = s.open().map((t) => t.id);
    const d = s.engine.withdraw(SUB, 'Đối tác rút lui');
    expect(d.status).toBe('WITHDRAWN');
    expect(d.stage).toBe('CONSULTATION');
    expect(d.cancelledTaskIds).toEqual(openIds);
    expect(d.audit.map((a) => a.action)).toEqual(['PROPOSAL_WITHDRAWN', 'STATUS_CHANGED', 'TASKS_CANCELLED']);
    expect(d.audit[0]).toEqual({
      action: 'PROPOSAL_WITHDRAWN',
      stage: 'CONSULTATION',
      actor: { id: 'sub', name: 'sub name', type: 'USER' },
      payload: { reason: 'Đối tác rút lui' },
    });
    expect(d.audit[1]).toMatchObject({ payload: { from: 'CONSULTATION', to: 'WITHDRAWN' } });
    expect(d.audit[2]).toMatchObject({ payload: { taskIds: openIds } });
    // The submitter is not told about its own withdrawal.
    expect(d.notifications).toEqual([]);
    expect(s.engine.done).toBe(true);
    expect(s.engine.state).toEqual({ status: 'WITHDRAWN', stage: 'CONSULTATION', openTaskIds: [] });
    expect(refusal(() => s.engine.withdraw(SUB, 'again'))).toEqual({
      type: 'NotWithdrawable',
      message: 'The proposal is WITHDRAWN and can no longer be withdrawn',
    });
  });

  it('may withdraw while a supplement is requested, not once approved or waiting for the Government', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'REQUEST_SUPPLEMENT');
    expect(() => s.engine.validateWithdraw(SUB)).not.toThrow();

    const approved = run();
    approved.throughAppraisal();
    approved.complete(CHAIR, approved.one('DECISION'), 'APPROVE');
    expect(approved.engine.done).toBe(false); // signing is still to come
    expect(refusal(() => approved.engine.validateWithdraw(SUB))).toEqual({
      type: 'NotWithdrawable',
      message: 'The proposal is APPROVED and can no longer be withdrawn',
    });

    const central = run(smallPlan({ central: true }));
    central.throughAppraisal();
    expect(central.complete(CHAIR, central.one('DECISION'), 'APPROVE').status).toBe('AWAITING_CENTRAL_DECISION');
    expect(refusal(() => central.engine.validateWithdraw(SUB)).type).toBe('NotWithdrawable');
  });

  it('an administrator cancels a running proposal (even after signing), the submitter is told; an ended one cannot be cancelled', () => {
    const s = run();
    s.throughAppraisal();
    s.at('2026-03-20T02:00:00Z');
    s.complete(CHAIR, s.one('DECISION'), 'APPROVE');
    s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-20T02:00:00Z'));
    expect(s.engine.state).toEqual({ status: 'SIGNED', stage: 'POST_SIGNING', openTaskIds: [s.one('POST_SIGNING_REPORT').id] });
    expect(() => s.engine.validateCancel()).not.toThrow();
    const d = s.engine.cancel(ADMIN, 'Nhập nhầm');
    expect(d.status).toBe('CANCELLED');
    expect(d.audit[0]).toEqual({
      action: 'PROPOSAL_CANCELLED',
      stage: 'POST_SIGNING',
      actor: { id: 'admin', name: 'Admin', type: 'USER' },
      payload: { reason: 'Nhập nhầm' },
    });
    expect(d.notifications).toEqual([
      { kind: 'PROPOSAL_DECIDED', agencyCode: 'HT-SCT', audience: 'AGENCY', params: { status: 'CANCELLED' } },
    ]);
    expect(s.engine.done).toBe(true);
    expect(refusal(() => s.engine.cancel(ADMIN, 'again'))).toEqual({
      type: 'NotWithdrawable',
      message: 'The proposal has ended (CANCELLED)',
    });
  });
});

describe('transitions: tasks, audit and notifications', () => {
  it('start opens the first stage: projection, notification and audit', () => {
    const s = run();
    const d = s.drafts[0]!;
    expect(d).toMatchObject({ proposalId: 'p1', at: '2026-03-02T02:00:00.000Z', status: 'INTAKE', stage: 'INTAKE' });
    expect(d.openTasks).toEqual([
      {
        id: 't1',
        kind: 'INTAKE_CHECK',
        stage: 'INTAKE',
        candidateAgency: 'HT-SNGV',
        createdAt: '2026-03-02T02:00:00.000Z',
        dueAt: '2026-03-04T23:59:59.999+07:00',
        clockType: 'WORKING_DAYS',
        clockLength: 2,
        allowedDecisions: ['COMPLETE', 'REQUEST_SUPPLEMENT'],
        round: 1,
      },
    ]);
    expect(d.notifications).toEqual([
      {
        kind: 'TASK_OPENED',
        taskId: 't1',
        agencyCode: 'HT-SNGV',
        audience: 'AGENCY',
        params: { taskKind: 'INTAKE_CHECK', dueAt: '2026-03-04T23:59:59.999+07:00' },
      },
    ]);
    expect(d.audit).toEqual([
      {
        action: 'STATUS_CHANGED',
        stage: 'INTAKE',
        actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
        payload: { from: 'SUBMITTED', to: 'INTAKE' },
      },
      {
        action: 'TASKS_OPENED',
        stage: 'INTAKE',
        actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
        payload: {
          tasks: [
            { id: 't1', kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', externalBody: undefined, dueAt: '2026-03-04T23:59:59.999+07:00' },
          ],
        },
      },
    ]);
    expect(d.cancelledTaskIds).toEqual([]);
    expect(d.pausedTasks).toEqual([]);
    expect(d.resumedTasks).toEqual([]);
    expect(d.escalatedTaskIds).toEqual([]);
    expect(s.engine.state).toEqual({ status: 'INTAKE', stage: 'INTAKE', openTaskIds: ['t1'] });
  });

  it('a completion records the decision (comment, attachments, external body) and opens the next stage with the next round', () => {
    const s = run();
    s.at('2026-03-03T02:00:00Z');
    const intake = s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', { comment: '', attachmentIds: [] });
    expect(intake.completedTasks).toEqual([
      { id: 't1', decision: 'COMPLETE', comment: '', completedBy: 'officer', completedAt: '2026-03-03T02:00:00.000Z' },
    ]);
    expect(intake.audit[0]).toEqual({
      action: 'TASK_COMPLETED',
      stage: 'INTAKE',
      actor: { id: 'officer', name: 'officer name', type: 'USER' },
      payload: { taskId: 't1', kind: 'INTAKE_CHECK', decision: 'COMPLETE' },
    });
    expect(intake.openTasks.map((t) => [t.kind, t.candidateAgency, t.externalBody, t.round, t.dueAt])).toEqual([
      ['OPINION', 'HT-SNGV', undefined, 2, '2026-03-12T23:59:59.999+07:00'],
      ['OPINION', 'HT-CA', undefined, 2, '2026-03-13T23:59:59.999+07:00'], // 10 calendar days from Tue 3/3
      ['EXTERNAL_OPINION', 'HT-SNGV', 'MOFA', 2, '2026-03-12T23:59:59.999+07:00'],
    ]);
    expect(intake.notifications.map((n) => n.kind)).toEqual(['TASK_OPENED', 'TASK_OPENED', 'TASK_OPENED']);
    const external = s.complete(HEAD, s.one('EXTERNAL_OPINION'), 'AGREE_WITH_COMMENTS', { comment: 'Lưu ý', attachmentIds: ['a1'] });
    expect(external.completedTasks[0]).toMatchObject({ comment: 'Lưu ý', attachmentIds: ['a1'] });
    expect(external.audit[0]!.payload).toEqual({
      taskId: 't4',
      kind: 'EXTERNAL_OPINION',
      decision: 'AGREE_WITH_COMMENTS',
      externalBody: 'MOFA',
      comment: 'Lưu ý',
      attachmentIds: ['a1'],
    });
    // A decision without a comment records none: no `comment` key at all, so the projection stores NULL, not "".
    const silent = s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'AGREE');
    expect(silent.completedTasks[0]).toStrictEqual({
      id: 't2',
      decision: 'AGREE',
      completedBy: 'officer',
      completedAt: '2026-03-03T02:00:00.000Z',
    });
    // One opinion still open: the stage goes on, nothing else happens.
    expect(external).toMatchObject({ status: 'CONSULTATION', openTasks: [], notifications: [] });
    expect(external.audit.map((a) => a.action)).toEqual(['TASK_COMPLETED']);
  });

  it('a DISAGREE completes an opinion like any other; the stage advances when the last one is in', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'DISAGREE').status).toBe('CONSULTATION');
    expect(s.complete(CA, s.one('OPINION', 'HT-CA'), 'DISAGREE').status).toBe('CONSULTATION');
    expect(s.complete(HEAD, s.one('EXTERNAL_OPINION'), 'DISAGREE').status).toBe('APPRAISAL');
    const toDecision = s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    // No PM consent gate: the disagreements go to the decision, named with their bodies.
    expect(toDecision.audit.find((a) => a.action === 'DISAGREEMENT_REFERRED')).toEqual({
      action: 'DISAGREEMENT_REFERRED',
      stage: 'DECISION',
      actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
      payload: {
        to: 'DECISION',
        disagreements: [
          { taskId: 't2', kind: 'OPINION', candidateAgency: 'HT-SNGV' },
          { taskId: 't3', kind: 'OPINION', candidateAgency: 'HT-CA' },
          { taskId: 't4', kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA' },
        ],
      },
    });
    expect(s.complete(CHAIR, s.one('DECISION'), 'APPROVE').status).toBe('APPROVED');
  });

  it('without a disagreement nothing is referred, and with a PM consent gate nothing is referred either', () => {
    const s = run();
    expect(s.throughAppraisal().audit.some((a) => a.action === 'DISAGREEMENT_REFERRED')).toBe(false);
    const gated = run(smallPlan({ pmConsent: true }));
    gated.complete(OFFICER, gated.one('INTAKE_CHECK'), 'COMPLETE');
    gated.complete(OFFICER, gated.one('OPINION', 'HT-SNGV'), 'DISAGREE');
    gated.complete(CA, gated.one('OPINION', 'HT-CA'), 'AGREE');
    gated.complete(HEAD, gated.one('EXTERNAL_OPINION'), 'AGREE');
    expect(gated.complete(STP, gated.one('APPRAISAL'), 'CONFORMS').audit.some((a) => a.action === 'DISAGREEMENT_REFERRED')).toBe(false);
    // With the gate, APPROVE waits for the Prime Minister.
    const waiting = gated.complete(CHAIR, gated.one('DECISION'), 'APPROVE');
    expect(waiting.status).toBe('AWAITING_PM_CONSENT');
    expect(waiting.stage).toBe('DECISION');
    expect(waiting.notifications).toContainEqual({
      kind: 'PROPOSAL_DECIDED',
      agencyCode: 'HT-SCT',
      audience: 'AGENCY',
      params: { status: 'AWAITING_PM_CONSENT' },
    });
    expect(gated.one('PM_CONSENT')).toMatchObject({ stage: 'DECISION', externalBody: 'PM', clockType: 'CALENDAR_DAYS', clockLength: 30 });
  });

  it("after the Prime Minister consents, the Government's own APPROVE is not held again", () => {
    const s = run(smallPlan({ pmConsent: true, central: true }));
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'DISAGREE');
    s.complete(CA, s.one('OPINION', 'HT-CA'), 'AGREE');
    s.complete(HEAD, s.one('EXTERNAL_OPINION'), 'AGREE');
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    expect(s.complete(CHAIR, s.one('DECISION'), 'APPROVE').status).toBe('AWAITING_PM_CONSENT');
    expect(s.complete(HEAD, s.one('PM_CONSENT'), 'CONSENT').status).toBe('AWAITING_CENTRAL_DECISION');
    expect(s.complete(HEAD, s.one('CENTRAL_DECISION'), 'APPROVE').status).toBe('APPROVED');
    expect(s.engine.done).toBe(false);
    expect(s.one('SIGNING').candidateAgency).toBe('HT-SCT');
  });

  it('a CENTRAL_DECISION APPROVE after a disagreement does not ask the Prime Minister (only the provincial DECISION does)', () => {
    const plan = smallPlan({ pmConsent: true, central: true });
    plan.stages = plan.stages.filter((st) => st.stage !== 'DECISION');
    const s = run(plan);
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'DISAGREE');
    s.complete(CA, s.one('OPINION', 'HT-CA'), 'AGREE');
    s.complete(HEAD, s.one('EXTERNAL_OPINION'), 'AGREE');
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    expect(s.complete(HEAD, s.one('CENTRAL_DECISION'), 'APPROVE').status).toBe('APPROVED');
  });

  it('REQUEST_SUPPLEMENT pauses the rest of the stage (never the supplement), and each RESUBMIT reopens exactly the askers', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const ca = s.one('OPINION', 'HT-CA');
    const mofa = s.one('EXTERNAL_OPINION');
    const first = s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    expect(first.pausedTasks).toEqual([
      { id: ca.id, reason: 'Supplement requested at OPINION' },
      { id: mofa.id, reason: 'Supplement requested at OPINION' },
    ]);
    expect(first.audit.find((a) => a.action === 'CLOCKS_PAUSED')).toEqual({
      action: 'CLOCKS_PAUSED',
      stage: 'CONSULTATION',
      actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
      payload: { tasks: first.pausedTasks },
    });
    const supplement = s.one('SUPPLEMENT', 'HT-SCT');
    expect(supplement).toMatchObject({
      stage: 'CONSULTATION',
      clockType: 'WORKING_DAYS',
      clockLength: 10,
      allowedDecisions: ['RESUBMIT', 'WITHDRAW'],
    });
    expect(first.notifications).toContainEqual({
      kind: 'PROPOSAL_DECIDED',
      agencyCode: 'HT-SCT',
      audience: 'AGENCY',
      params: { status: 'SUPPLEMENT_REQUESTED' },
    });
    // A paused task cannot ask; but the supplement itself is never paused, and no second one is opened.
    const plan = smallPlan();
    plan.stages[1]!.tasks.push(task('APPRAISAL', 'HT-STP', wd(5)));
    const t = run(plan);
    t.complete(OFFICER, t.one('INTAKE_CHECK'), 'COMPLETE');
    t.complete(OFFICER, t.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    expect(t.open().filter((o) => o.kind === 'SUPPLEMENT')).toHaveLength(1);
    t.complete(SUB, t.one('SUPPLEMENT'), 'RESUBMIT', { dossier: { v: 2 } });
    const second = t.complete(STP, t.one('APPRAISAL'), 'REQUEST_SUPPLEMENT');
    expect(second.pausedTasks.map((p) => p.id).sort()).toEqual(
      [t.one('OPINION', 'HT-CA').id, t.one('EXTERNAL_OPINION').id, t.one('OPINION', 'HT-SNGV').id].sort(),
    );
    expect(second.openTasks.map((o) => o.kind)).toEqual(['SUPPLEMENT']);
    // Both askers (the first one's fresh task and the appraiser) get a fresh task; the paused ones resume.
    const back = t.complete(SUB, t.one('SUPPLEMENT'), 'RESUBMIT', { dossier: { v: 3 } });
    expect(back.openTasks.map((o) => `${o.kind}:${o.candidateAgency}`)).toEqual(['APPRAISAL:HT-STP']);
    expect(back.resumedTasks.map((r) => r.id).sort()).toEqual(
      [t.one('OPINION', 'HT-CA').id, t.one('EXTERNAL_OPINION').id, t.one('OPINION', 'HT-SNGV').id].sort(),
    );
    expect(back.audit.find((a) => a.action === 'CLOCKS_RESUMED')?.payload).toEqual({ tasks: back.resumedTasks });
    // The first asker is not asked again after this second resubmission.
    expect(back.openTasks.some((o) => o.candidateAgency === 'HT-SNGV')).toBe(false);
  });

  it('a calendar-day clock stops on a supplement and restarts with the calendar days it had left', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE'); // Mon 2/3: CA's 10 calendar days end Thu 12/3
    const ca = s.one('OPINION', 'HT-CA');
    expect(ca.dueAt).toBe('2026-03-12T23:59:59.999+07:00');
    s.at('2026-03-05T02:00:00Z'); // Thu 5/3: 7 calendar days left (6..12)
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    s.at('2026-03-16T02:00:00Z'); // Mon 16/3
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    // 7 calendar days from Mon 16/3 = Mon 23/3.
    expect(back.resumedTasks.find((r) => r.id === ca.id)).toEqual({ id: ca.id, dueAt: '2026-03-23T23:59:59.999+07:00' });
    // The working-day clock of MOFA: 7 WD from 2/3 end 11/3; on 5/3 4 were left (6, 9, 10, 11): 17, 18, 19, 20/3.
    expect(back.resumedTasks.find((r) => r.id === s.one('EXTERNAL_OPINION').id)?.dueAt).toBe('2026-03-20T23:59:59.999+07:00');
  });

  it('a calendar-day clock keeps the weekend days it had left, not only the working ones', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE'); // CA's 10 calendar days end Thu 12/3
    const ca = s.one('OPINION', 'HT-CA');
    s.at('2026-03-06T02:00:00Z'); // Fri 6/3: 6 calendar days left (7..12), of which only 4 are working days
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    s.at('2026-03-16T02:00:00Z'); // Mon 16/3
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    // 6 calendar days from Mon 16/3 end Sun 22/3, moved to Mon 23/3 (4 would have ended Fri 20/3).
    expect(back.resumedTasks.find((r) => r.id === ca.id)).toEqual({ id: ca.id, dueAt: '2026-03-23T23:59:59.999+07:00' });
  });

  it('a clock asked to stop after its day has passed restarts with none left (never negative)', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const ca = s.one('OPINION', 'HT-CA');
    s.at('2026-03-20T02:00:00Z'); // after CA's due day 12/3
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    s.at('2026-03-23T02:00:00Z'); // Mon 23/3
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    expect(back.resumedTasks.find((r) => r.id === ca.id)?.dueAt).toBe('2026-03-23T23:59:59.999+07:00');
    // With nothing left it is overdue at the end of that very day (its reminders would come a day later).
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-23T17:00:00Z'), taskId: ca.id, kind: 'OVERDUE' });
  });

  it('a revision cancels only the open tasks of its stage, opens REVISION, and the resubmission reopens the stage in a new round', () => {
    const s = run();
    s.throughConsultation();
    s.at('2026-03-05T02:00:00Z');
    const appraisal = s.one('APPRAISAL');
    expect(appraisal.round).toBe(3);
    const d = s.complete(STP, appraisal, 'NOT_CONFORMS');
    expect(d.cancelledTaskIds).toEqual([]);
    expect(d.status).toBe('REVISION_REQUESTED');
    expect(d.notifications).toContainEqual({
      kind: 'PROPOSAL_DECIDED',
      agencyCode: 'HT-SCT',
      audience: 'AGENCY',
      params: { status: 'REVISION_REQUESTED' },
    });
    const revision = s.one('REVISION', 'HT-SCT');
    expect(revision).toMatchObject({ stage: 'APPRAISAL', clockLength: 15, round: 3, dueAt: '2026-03-26T23:59:59.999+07:00' });
    s.at('2026-03-09T02:00:00Z');
    const back = s.complete(SUB, revision, 'RESUBMIT', { dossier: { title: 'v2' } });
    expect(back.dossier).toEqual({ content: { title: 'v2' }, createdBy: 'sub' });
    expect(back.openTasks).toEqual([
      expect.objectContaining({
        kind: 'APPRAISAL',
        round: 4,
        dueAt: '2026-03-23T23:59:59.999+07:00',
        createdAt: '2026-03-09T02:00:00.000Z',
      }),
    ]);
    expect(back.status).toBe('APPRAISAL');
    expect(back.audit.find((a) => a.action === 'STATUS_CHANGED')?.payload).toEqual({ from: 'REVISION_REQUESTED', to: 'APPRAISAL' });
  });

  it('a revision at a stage with other open tasks cancels them (audited), not tasks of other stages', () => {
    const plan = smallPlan();
    plan.stages[3]!.tasks.push(task('DECISION', 'HT-VPUBND', wd(7)));
    const s = run(plan);
    s.throughAppraisal();
    const other = s.one('DECISION', 'HT-VPUBND');
    const d = s.complete(CHAIR, s.one('DECISION', 'HT-UBND'), 'RETURN_FOR_REVISION');
    expect(d.cancelledTaskIds).toEqual([other.id]);
    expect(d.audit.find((a) => a.action === 'TASKS_CANCELLED')).toEqual({
      action: 'TASKS_CANCELLED',
      stage: 'DECISION',
      actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
      payload: { taskIds: [other.id] },
    });
    const back = s.complete(SUB, s.one('REVISION'), 'RESUBMIT', { dossier: {} });
    expect(back.openTasks.map((t) => t.candidateAgency)).toEqual(['HT-UBND', 'HT-VPUBND']);
  });

  it('REJECT and REFUSE reject, and tell the submitter; ABANDONED withdraws without telling', () => {
    const s = run();
    s.throughAppraisal();
    const d = s.complete(CHAIR, s.one('DECISION'), 'REJECT');
    expect(d.notifications).toEqual([
      { kind: 'PROPOSAL_DECIDED', agencyCode: 'HT-SCT', audience: 'AGENCY', params: { status: 'REJECTED' } },
    ]);
    expect(s.engine.state.openTaskIds).toEqual([]);

    const t = run();
    t.throughAppraisal();
    t.complete(CHAIR, t.one('DECISION'), 'APPROVE');
    const abandoned = t.complete(SUB, t.one('SIGNING'), 'ABANDONED');
    expect(abandoned.status).toBe('WITHDRAWN');
    expect(abandoned.notifications).toEqual([]);
    expect(t.engine.done).toBe(true);
  });
});

describe('signing', () => {
  const approved = (opts: Parameters<typeof run>[1] = {}) => {
    const s = run(smallPlan(), opts);
    s.throughAppraisal();
    s.complete(CHAIR, s.one('DECISION'), 'APPROVE');
    s.at('2026-03-20T02:00:00Z');
    return s;
  };

  it('registers a new agreement with its id and opens the post-signing report from the Vietnamese signing day', () => {
    const s = approved({ agreement: { action: 'SIGN' } });
    // 23:30 on 19/3 UTC is already Fri 20/3 in Hanoi: 15 calendar days from 20/3 = Sat 4/4, so Mon 6/4.
    const d = s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-19T18:30:00Z'));
    expect(d.agreement).toEqual({ id: 't8', signing: signing('2026-03-19T18:30:00Z').signing });
    expect(d.agreementChange).toBeUndefined();
    expect(d.audit.find((a) => a.action === 'AGREEMENT_REGISTERED')).toEqual({
      action: 'AGREEMENT_REGISTERED',
      stage: 'SIGNING',
      actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
      payload: { agreementId: 't8', ...signing('2026-03-19T18:30:00Z').signing },
    });
    expect(d.audit.find((a) => a.action === 'STATUS_CHANGED')).toMatchObject({
      stage: 'POST_SIGNING',
      payload: { from: 'APPROVED', to: 'SIGNED' },
    });
    expect(s.one('POST_SIGNING_REPORT')).toMatchObject({
      stage: 'POST_SIGNING',
      candidateAgency: 'HT-SCT',
      clockType: 'CALENDAR_DAYS',
      dueAt: '2026-04-06T23:59:59.999+07:00',
    });
    expect(d.stage).toBe('POST_SIGNING');
    const done = s.complete(SUB, s.one('POST_SIGNING_REPORT'), 'SUBMITTED');
    expect(done.status).toBe('IN_FORCE');
    expect(done.stage).toBe('POST_SIGNING');
    expect(s.engine.done).toBe(true);
  });

  it.each([
    ['AMEND', 'AGREEMENT_AMENDED'],
    ['EXTEND', 'AGREEMENT_EXTENDED'],
    ['TERMINATE', 'AGREEMENT_TERMINATED'],
  ] as const)('%s changes the registered agreement instead of registering one', (action, audit) => {
    const s = approved({ agreement: { action, relatedAgreementId: 'ag-1', termMonths: 24 } });
    const d = s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-20T01:00:00Z'));
    expect(d.agreement).toBeUndefined();
    expect(d.agreementChange).toEqual({
      agreementId: 'ag-1',
      action,
      signing: signing('2026-03-20T01:00:00Z').signing,
      proposalId: 'p1',
      reference: 'TTQT-2026-00001',
      termMonths: 24,
    });
    expect(d.audit.find((a) => a.action === audit)).toEqual({
      action: audit,
      stage: 'SIGNING',
      actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
      payload: { agreementId: 'ag-1', ...signing('2026-03-20T01:00:00Z').signing },
    });
  });

  it('SIGN registers a new agreement even when the proposal names a related one', () => {
    const s = approved({ agreement: { action: 'SIGN', relatedAgreementId: 'ag-1' } });
    const d = s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-20T01:00:00Z'));
    expect(d.agreementChange).toBeUndefined();
    expect(d.agreement?.id).toBe('t8');
  });

  it('a change without a term keeps none; a change with no related agreement registers a new one', () => {
    const s = approved({ agreement: { action: 'TERMINATE', relatedAgreementId: 'ag-1' } });
    expect(s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-20T01:00:00Z')).agreementChange).not.toHaveProperty('termMonths');
    const t = approved({ agreement: { action: 'AMEND' } });
    const d = t.complete(SUB, t.one('SIGNING'), 'SIGNED', signing('2026-03-20T01:00:00Z'));
    expect(d.agreementChange).toBeUndefined();
    expect(d.agreement?.id).toBe('t8');
  });

  it('histories from before the agreement lifecycle replay as they were: no agreement id, no change', () => {
    const patched = jest.fn((id: string) => id !== PATCHES.AGREEMENT_LIFECYCLE);
    const s = approved({ agreement: { action: 'AMEND', relatedAgreementId: 'ag-1' }, patched });
    const d = s.complete(SUB, s.one('SIGNING'), 'SIGNED', signing('2026-03-20T01:00:00Z'));
    expect(patched).toHaveBeenCalledWith('agreement-lifecycle');
    expect(d.agreementChange).toBeUndefined();
    expect(d.agreement).toEqual({ signing: signing('2026-03-20T01:00:00Z').signing });
    expect(d.audit.find((a) => a.action === 'AGREEMENT_REGISTERED')?.payload).not.toHaveProperty('agreementId');
  });
});

describe('plan amendment at intake', () => {
  const amended = (base: Plan): Plan => ({
    ...base,
    stages: base.stages.map((st) =>
      st.stage === 'CONSULTATION' ? { ...st, tasks: [...st.tasks, task('OPINION', 'HT-BCHQS', wd(7))] } : st,
    ),
  });
  const amendment = { at: '2026-03-02T02:00:00Z', by: { id: 'officer', fullName: 'officer name' } };

  it('a refused shortened procedure is carried in the transition and audited, without empty fields', () => {
    const s = run();
    const plan = amended(smallPlan());
    const d = s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', {
      planAmendment: { plan, amendment: { ...amendment, procedure: 'STANDARD', addedConsultees: [] } },
    });
    expect(d.plan).toEqual(plan);
    expect(d.procedure).toBe('STANDARD');
    expect(d.audit.find((a) => a.action === 'PLAN_AMENDED')).toEqual({
      action: 'PLAN_AMENDED',
      stage: 'INTAKE',
      actor: { id: 'officer', name: 'officer name', type: 'USER' },
      payload: { procedure: 'STANDARD', shortenedRefused: true },
    });
    expect(s.open().map((t) => t.candidateAgency)).toContain('HT-BCHQS');
  });

  it('without a procedure change the transition carries the plan only', () => {
    const s = run();
    const d = s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', { planAmendment: { plan: amended(smallPlan()), amendment } });
    expect(d).not.toHaveProperty('procedure');
    expect(d.audit.find((a) => a.action === 'PLAN_AMENDED')?.payload).toEqual({});
  });

  it('histories from before plan amendments ignore one (the patch is asked only when an amendment comes)', () => {
    const patched = jest.fn((id: string) => id !== PATCHES.INTAKE_PLAN_AMENDMENT);
    const s = run(smallPlan(), { patched });
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(patched).not.toHaveBeenCalled();
    const t = run(smallPlan(), { patched });
    const d = t.complete(OFFICER, t.one('INTAKE_CHECK'), 'COMPLETE', { planAmendment: { plan: amended(smallPlan()), amendment } });
    expect(patched).toHaveBeenCalledWith('intake-plan-amendment');
    expect(d.plan).toBeUndefined();
    expect(t.open().map((o) => o.candidateAgency)).not.toContain('HT-BCHQS');
  });
});

describe('clocks on a plan with calendar-day and working-day tasks', () => {
  it('the next clock event is the earliest over every open, running task; none when nothing runs', () => {
    const s = run();
    // INTAKE_CHECK 2 WD from Mon 2/3: 50 % and 80 % at the end of Tue 3/3, overdue after Wed 4/3.
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-03T17:00:00Z'), taskId: 't1', kind: 'REMINDER_50' });
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    // Opinions (7 WD: 3rd WD Thu 5/3) and CA's 10 calendar days (5th day Sat 7/3 -> Mon 9/3): the earliest is 5/3.
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-05T17:00:00Z'), taskId: 't2', kind: 'REMINDER_50' });
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    // Everything but the supplement is paused: 10 WD from 2/3, 50 % = end of Mon 9/3.
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-09T17:00:00Z'), taskId: 't5', kind: 'REMINDER_50' });
    s.complete(SUB, s.one('SUPPLEMENT'), 'WITHDRAW');
    expect(s.engine.nextClockEvent()).toBeNull();
    expect(s.engine.fireClockEvents()).toBeNull();
  });

  it('reminders of a calendar-day clock fall at the end of a working day, with the percent in audit and notification', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const ca = s.one('OPINION', 'HT-CA'); // 10 calendar days from Mon 2/3: due Thu 12/3
    for (const other of [s.one('OPINION', 'HT-SNGV'), s.one('EXTERNAL_OPINION')])
      s.complete(other.kind === 'OPINION' ? OFFICER : HEAD, other, 'AGREE');
    // 50 %: 5 days -> Sat 7/3, carried to Mon 9/3. 80 %: 8 days -> Tue 10/3.
    s.at('2026-03-09T16:59:59.999Z');
    expect(s.engine.fireClockEvents()).toBeNull();
    s.at('2026-03-09T17:00:00Z');
    const half = s.engine.fireClockEvents()!;
    expect(half.audit).toEqual([
      {
        action: 'TASK_REMINDER',
        stage: 'CONSULTATION',
        actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
        payload: { taskId: ca.id, kind: 'OPINION', candidateAgency: 'HT-CA', dueAt: '2026-03-12T23:59:59.999+07:00', percent: 50 },
      },
    ]);
    expect(half.notifications).toEqual([
      {
        kind: 'TASK_REMINDER',
        taskId: ca.id,
        agencyCode: 'HT-CA',
        audience: 'AGENCY',
        params: { taskKind: 'OPINION', dueAt: '2026-03-12T23:59:59.999+07:00', percent: 50 },
      },
    ]);
    expect(half).toMatchObject({ status: 'CONSULTATION', stage: 'CONSULTATION', escalatedTaskIds: [] });
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-10T17:00:00Z'), taskId: ca.id, kind: 'REMINDER_80' });
    s.at('2026-03-10T17:00:00Z');
    expect(s.engine.fireClockEvents()!.notifications[0]!.params).toMatchObject({ percent: 80 });
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-12T17:00:00Z'), taskId: ca.id, kind: 'OVERDUE' });
    s.at('2026-03-12T16:59:59.999Z');
    expect(s.engine.fireClockEvents()).toBeNull();
    s.at('2026-03-12T17:00:00Z');
    const overdue = s.engine.fireClockEvents()!;
    expect(overdue.audit.map((a) => [a.action, a.payload])).toEqual([
      ['TASK_OVERDUE', { taskId: ca.id, kind: 'OPINION', candidateAgency: 'HT-CA', dueAt: '2026-03-12T23:59:59.999+07:00' }],
      [
        'TASK_ESCALATED',
        { taskId: ca.id, kind: 'OPINION', candidateAgency: 'HT-CA', dueAt: '2026-03-12T23:59:59.999+07:00', to: 'AGENCY_HEAD' },
      ],
    ]);
    expect(overdue.notifications.map((n) => n.params)).toEqual([
      { taskKind: 'OPINION', dueAt: '2026-03-12T23:59:59.999+07:00' },
      { taskKind: 'OPINION', dueAt: '2026-03-12T23:59:59.999+07:00' },
    ]);
    expect(s.engine.nextClockEvent()).toBeNull();
  });

  it('a one-day clock reminds at the end of its only day', () => {
    const plan = smallPlan();
    plan.stages[0]!.tasks[0]!.clock = wd(1);
    const s = run(plan);
    expect(s.one('INTAKE_CHECK').dueAt).toBe('2026-03-03T23:59:59.999+07:00');
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-03T17:00:00Z'), taskId: 't1', kind: 'REMINDER_50' });
  });

  it('recomputing deadlines reschedules running clocks only, on their own unit, and is audited at the current stage', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const ca = s.one('OPINION', 'HT-CA');
    const mofa = s.one('EXTERNAL_OPINION');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'AGREE');
    // Thu 12/3 (CA's last calendar day) and Wed 11/3 become days off.
    const extra = ['2026-03-11', '2026-03-12'].map((date) => ({ date, name: 'Nghỉ', nameEn: 'Off', kind: 'HOLIDAY' as const }));
    const d = s.engine.recomputeDeadlines([...VIETNAM_HOLIDAYS_2025_2027, ...extra], ADMIN, 'Quyết định mới');
    expect(d.rescheduledTasks).toEqual([
      { id: ca.id, dueAt: '2026-03-13T23:59:59.999+07:00' }, // a calendar period ending on a day off ends on the next working day
      { id: mofa.id, dueAt: '2026-03-13T23:59:59.999+07:00' }, // 7 WD from 2/3 skipping 11, 12/3
    ]);
    expect(d.audit).toEqual([
      {
        action: 'DEADLINES_RECOMPUTED',
        stage: 'CONSULTATION',
        actor: { id: 'admin', name: 'Admin', type: 'USER' },
        payload: {
          reason: 'Quyết định mới',
          changes: [
            { taskId: ca.id, from: '2026-03-12T23:59:59.999+07:00', to: '2026-03-13T23:59:59.999+07:00' },
            { taskId: mofa.id, from: '2026-03-11T23:59:59.999+07:00', to: '2026-03-13T23:59:59.999+07:00' },
          ],
        },
      },
    ]);
    // The reminders follow the new calendar.
    expect(s.engine.nextClockEvent()).toEqual({ at: Date.parse('2026-03-05T17:00:00Z'), taskId: mofa.id, kind: 'REMINDER_50' });
  });

  it('recomputing leaves a paused clock alone; it restarts on the new calendar', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT'); // Mon 2/3: MOFA keeps its 7 WD
    const mofa = s.one('EXTERNAL_OPINION');
    const extra = [{ date: '2026-03-10', name: 'Nghỉ', nameEn: 'Off', kind: 'HOLIDAY' as const }];
    const d = s.engine.recomputeDeadlines([...VIETNAM_HOLIDAYS_2025_2027, ...extra], ADMIN, 'r');
    expect(d.rescheduledTasks!.map((r) => r.id)).toEqual([s.one('SUPPLEMENT').id]);
    expect(d.stage).toBe('CONSULTATION');
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    // 7 WD from Mon 2/3 without Tue 10/3: 3, 4, 5, 6, 9, 11, 12.
    expect(back.resumedTasks.find((r) => r.id === mofa.id)?.dueAt).toBe('2026-03-12T23:59:59.999+07:00');
  });
});

describe('edges: amendments, supplements and clocks across a pause', () => {
  it('before start the proposal is SUBMITTED with no stage and nothing open', () => {
    const engine = new ProposalEngine(proposalInput(smallPlan()), { newId: () => 'x', now: () => new Date('2026-03-02T02:00:00Z') });
    expect(engine.state).toEqual({ status: 'SUBMITTED', stage: null, openTaskIds: [] });
    expect(engine.done).toBe(false);
    expect(engine.nextClockEvent()).toBeNull();
  });

  it('a plan amendment on an opinion is refused even with an agreeing decision, and nothing changes', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const opinion = s.one('OPINION', 'HT-SNGV');
    const plan = smallPlan();
    const amendment = { at: '2026-03-02T02:00:00Z', by: { id: 'officer', fullName: 'officer name' } };
    expect(refusal(() => s.complete(OFFICER, opinion, 'AGREE', { planAmendment: { plan, amendment } }))).toEqual({
      type: 'InvalidInput',
      message: 'Consultees and the procedure can only be changed when completing INTAKE_CHECK with COMPLETE',
    });
    expect(s.engine.state.openTaskIds).toContain(opinion.id);
  });

  it('an amended plan without the stage being run is refused, not a crash', () => {
    const s = run();
    const amendment = { at: '2026-03-02T02:00:00Z', by: { id: 'officer', fullName: 'officer name' } };
    const empty = { ...smallPlan(), stages: [] };
    expect(refusal(() => s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', { planAmendment: { plan: empty, amendment } }))).toEqual({
      type: 'InvalidInput',
      message: 'The amended plan must keep the stages already run',
    });
    expect(s.engine.state).toEqual({ status: 'INTAKE', stage: 'INTAKE', openTaskIds: [s.one('INTAKE_CHECK').id] });
  });

  it("an asker's fresh task after the supplement keeps its agency, external body and clock (type and length)", () => {
    const plan = smallPlan();
    plan.stages[1]!.tasks.push(task('OPINION', 'HT-BNG', cd(12), 'MOD'));
    const s = run(plan);
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.complete(actor('bng', 'HT-BNG'), s.one('OPINION', 'HT-BNG'), 'REQUEST_SUPPLEMENT');
    s.at('2026-03-09T02:00:00Z'); // Mon 9/3
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    expect(back.openTasks).toEqual([
      expect.objectContaining({
        kind: 'OPINION',
        candidateAgency: 'HT-BNG',
        externalBody: 'MOD',
        clockType: 'CALENDAR_DAYS',
        clockLength: 12,
        dueAt: '2026-03-23T23:59:59.999+07:00', // 12 calendar days from Mon 9/3 = Sat 21/3, so Mon 23/3
      }),
    ]);
    // An asker without an external body gets none.
    const t = run();
    t.complete(OFFICER, t.one('INTAKE_CHECK'), 'COMPLETE');
    t.complete(CA, t.one('OPINION', 'HT-CA'), 'REQUEST_SUPPLEMENT');
    const again = t.complete(SUB, t.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    expect(again.openTasks).toHaveLength(1);
    expect(again.openTasks[0]).not.toHaveProperty('externalBody');
  });

  it('a clock restarted after a supplement does not repeat the reminders it already sent', () => {
    const s = run();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE'); // Mon 2/3
    const mofa = s.one('EXTERNAL_OPINION'); // 7 WD: 50 % after Thu 5/3, due Wed 11/3
    s.at('2026-03-05T17:00:00Z');
    const half = s.engine.fireClockEvents()!;
    expect(half.audit.filter((a) => a.payload.taskId === mofa.id).map((a) => a.payload.percent)).toEqual([50]);
    s.at('2026-03-06T02:00:00Z'); // Fri 6/3: MOFA has 9, 10, 11/3 left
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'REQUEST_SUPPLEMENT');
    s.at('2026-03-09T02:00:00Z'); // Mon 9/3: 3 WD from 9/3 = 10, 11, 12/3
    const back = s.complete(SUB, s.one('SUPPLEMENT'), 'RESUBMIT', { dossier: {} });
    expect(back.resumedTasks.find((r) => r.id === mofa.id)?.dueAt).toBe('2026-03-12T23:59:59.999+07:00');
    // Its 50 % is not sent again; its 80 % (2 of the 3 days) falls at the end of Wed 11/3.
    s.at('2026-03-10T17:00:00Z');
    expect(s.engine.fireClockEvents()?.audit.filter((a) => a.payload.taskId === mofa.id) ?? []).toEqual([]);
    s.at('2026-03-11T17:00:00Z');
    const eighty = s.engine.fireClockEvents()!;
    expect(eighty.audit.filter((a) => a.payload.taskId === mofa.id).map((a) => [a.action, a.payload.percent])).toEqual([
      ['TASK_REMINDER', 80],
    ]);
  });
});
