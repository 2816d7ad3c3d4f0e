/** The proposal state machine, driven directly: every branch of docs/api.md's "Meaning" paragraph. */
import { computePlan, DEFAULT_POLICY, VIETNAM_HOLIDAYS_2025_2027, type RoutingPolicy } from '@accord/domain';
import type { Actor, CompleteTaskRequest, ProposalWorkflowInput } from '@accord/temporal/contracts';
import { deciderAlsoReviews, type FourEyesReview } from '../../test/support/four-eyes-policy';
import { EngineRejection, ProposalEngine, type TransitionDraft } from './engine';

const actor = (id: string, agencyCode: string): Actor => ({ id, fullName: id, agencyCode, roles: [] });
const SUB = actor('sub', 'HT-SCT');
const OFFICER = actor('officer', 'HT-SNGV');
const HEAD = actor('head', 'HT-SNGV');
const BCHQS = actor('bchqs', 'HT-BCHQS');
const STP = actor('stp', 'HT-STP');
const CHAIR = actor('chair', 'HT-UBND');
const VICE_CHAIR = actor('vicechair', 'HT-UBND');

function setup(details: Record<string, unknown> = {}, start = '2026-03-02T02:00:00Z', policy: RoutingPolicy = DEFAULT_POLICY) {
  let now = new Date(start);
  let n = 0;
  const input: ProposalWorkflowInput = {
    proposalId: 'p1',
    reference: 'TTQT-2026-00001',
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: 'sub', fullName: 'sub' },
    plan: computePlan(policy, {
      kind: 'INTERNATIONAL_AGREEMENT',
      procedure: 'STANDARD',
      details: { level: 'PROVINCIAL_COMMITTEE', touchesDefence: true, touchesSecurity: false, touchesInvestment: false, ...details },
    }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
  };
  const engine = new ProposalEngine(input, { newId: () => `t${++n}`, now: () => now });
  const drafts: TransitionDraft[] = [engine.start()];
  const tasks = () => {
    const open = new Map<string, TransitionDraft['openTasks'][number] & { paused?: boolean; dueAtNow: string }>();
    for (const d of drafts) {
      d.openTasks.forEach((t) => open.set(t.id, { ...t, dueAtNow: t.dueAt }));
      d.completedTasks.forEach((t) => open.delete(t.id));
      d.cancelledTaskIds.forEach((id) => open.delete(id));
      d.pausedTasks.forEach((p) => open.has(p.id) && (open.get(p.id)!.paused = true));
      d.resumedTasks.forEach((r) => open.has(r.id) && Object.assign(open.get(r.id)!, { paused: false, dueAtNow: r.dueAt }));
    }
    return [...open.values()];
  };
  const one = (kind: string, agency?: string) => {
    const found = tasks().filter((t) => t.kind === kind && (!agency || t.candidateAgency === agency));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const complete = (who: Actor, taskId: string, decision: string, extra: Partial<CompleteTaskRequest> = {}) => {
    const d = engine.complete({ taskId, decision: decision as never, actor: who, ...extra });
    drafts.push(d);
    return d;
  };
  const throughConsultation = (decisionOf: (agency: string) => string = () => 'AGREE') => {
    complete(OFFICER, one('INTAKE_CHECK').id, 'COMPLETE');
    complete(OFFICER, one('OPINION', 'HT-SNGV').id, decisionOf('HT-SNGV'));
    complete(BCHQS, one('OPINION', 'HT-BCHQS').id, decisionOf('HT-BCHQS'));
    return complete(HEAD, one('EXTERNAL_OPINION').id, decisionOf('MOFA'));
  };
  const throughAppraisal = (decisionOf?: (agency: string) => string) => {
    throughConsultation(decisionOf);
    complete(SUB, one('ABSORPTION').id, 'SUBMIT');
    return complete(STP, one('APPRAISAL').id, 'CONFORMS');
  };
  return { engine, drafts, tasks, one, complete, throughConsultation, throughAppraisal, setNow: (iso: string) => (now = new Date(iso)) };
}

const rejection = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineRejection);
    return (e as EngineRejection).type;
  }
  throw new Error('not rejected');
};

describe('ProposalEngine', () => {
  it('opens INTAKE_CHECK with a 2-working-day clock ending at 24:00 Hanoi time', () => {
    const { drafts } = setup({}, '2026-02-12T03:00:00Z'); // Thu 12/2/2026; Tết break Sat 14/2 - Sun 22/2
    const intake = drafts[0]!.openTasks[0]!;
    expect(intake).toMatchObject({ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clockType: 'WORKING_DAYS', clockLength: 2 });
    // Fri 13/2 is day 1; the break and the weekend do not count; Mon 23/2 is day 2.
    expect(intake.dueAt).toBe('2026-02-23T23:59:59.999+07:00');
    expect(drafts[0]!.status).toBe('INTAKE');
  });

  it('routes consultees by the proposal flags', () => {
    const s = setup({ touchesDefence: false, touchesSecurity: true, touchesInvestment: true });
    s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE');
    expect(
      s
        .tasks()
        .map((t) => `${t.kind}:${t.candidateAgency}:${t.externalBody ?? ''}`)
        .sort(),
    ).toEqual(['EXTERNAL_OPINION:HT-SNGV:MOF', 'EXTERNAL_OPINION:HT-SNGV:MOFA', 'OPINION:HT-CA:', 'OPINION:HT-SNGV:']);
  });

  it('REQUEST_SUPPLEMENT pauses the stage, RESUBMIT makes a new dossier, reopens the asker and restarts paused clocks', () => {
    const s = setup({}, '2026-03-02T02:00:00Z'); // Mon 2/3/2026
    s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE');
    const bchqsTask = s.one('OPINION', 'HT-BCHQS');
    expect(bchqsTask.dueAt).toBe('2026-03-11T23:59:59.999+07:00'); // 7 WD from Mon 2/3
    s.setNow('2026-03-04T02:00:00Z'); // Wed 4/3: 5 working days left (5,6,9,10,11)
    const asked = s.complete(OFFICER, s.one('OPINION', 'HT-SNGV').id, 'REQUEST_SUPPLEMENT', { comment: 'Thiếu bản dịch' });
    expect(asked.status).toBe('SUPPLEMENT_REQUESTED');
    expect(asked.pausedTasks.map((p) => p.id).sort()).toEqual([bchqsTask.id, s.one('EXTERNAL_OPINION').id].sort());
    expect(rejection(() => s.engine.validate({ taskId: bchqsTask.id, decision: 'AGREE', actor: BCHQS }))).toBe('TaskPaused');

    s.setNow('2026-03-09T02:00:00Z'); // Mon 9/3
    const resubmitted = s.complete(SUB, s.one('SUPPLEMENT').id, 'RESUBMIT', { dossier: { title: 'MoU v2' } });
    expect(resubmitted.status).toBe('CONSULTATION');
    expect(resubmitted.dossier).toEqual({ content: { title: 'MoU v2' }, createdBy: 'sub' });
    const resumed = resubmitted.resumedTasks.find((r) => r.id === bchqsTask.id)!;
    expect(resumed.dueAt).toBe('2026-03-16T23:59:59.999+07:00'); // 5 WD from Mon 9/3: 10,11,12,13,16
    const fresh = s.one('OPINION', 'HT-SNGV');
    expect(fresh.dueAt).toBe('2026-03-18T23:59:59.999+07:00'); // a fresh 7-WD clock
  });

  it('RESUBMIT without a dossier, or a supplement that is already open, are handled without losing the asker', () => {
    const s = setup();
    s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV').id, 'REQUEST_SUPPLEMENT');
    expect(rejection(() => s.engine.validate({ taskId: s.one('SUPPLEMENT').id, decision: 'RESUBMIT', actor: SUB }))).toBe('InvalidInput');
  });

  it('NOT_CONFORMS opens REVISION and the proposal returns to APPRAISAL with a fresh task', () => {
    const s = setup();
    s.throughConsultation();
    s.complete(SUB, s.one('ABSORPTION').id, 'SUBMIT');
    const d = s.complete(STP, s.one('APPRAISAL').id, 'NOT_CONFORMS', { comment: 'Điều 3 trái luật' });
    expect(d.status).toBe('REVISION_REQUESTED');
    const back = s.complete(SUB, s.one('REVISION').id, 'RESUBMIT', { dossier: { title: 'v2' } });
    expect(back.status).toBe('APPRAISAL');
    expect(s.one('APPRAISAL').id).not.toBe(d.completedTasks[0]!.id);
  });

  it('RETURN_FOR_REVISION at DECISION comes back to DECISION', () => {
    const s = setup();
    s.throughAppraisal();
    s.complete(CHAIR, s.one('DECISION').id, 'RETURN_FOR_REVISION');
    expect(s.complete(SUB, s.one('REVISION').id, 'RESUBMIT', { dossier: {} }).status).toBe('DECISION');
  });

  it('a DISAGREE makes APPROVE wait for the Prime Minister: CONSENT goes on to SIGNING, REFUSE rejects', () => {
    for (const [answer, status] of [
      ['CONSENT', 'APPROVED'],
      ['REFUSE', 'REJECTED'],
    ] as const) {
      const s = setup();
      s.throughAppraisal((agency) => (agency === 'HT-BCHQS' ? 'DISAGREE' : 'AGREE'));
      expect(s.complete(CHAIR, s.one('DECISION').id, 'APPROVE').status).toBe('AWAITING_PM_CONSENT');
      const pm = s.one('PM_CONSENT');
      expect(pm).toMatchObject({ candidateAgency: 'HT-SNGV', externalBody: 'PM' });
      expect(s.complete(HEAD, pm.id, answer).status).toBe(status);
    }
  });

  it('REJECT ends the proposal and cancels nothing that is not open', () => {
    const s = setup();
    s.throughAppraisal();
    const d = s.complete(CHAIR, s.one('DECISION').id, 'REJECT');
    expect(d.status).toBe('REJECTED');
    expect(s.engine.done).toBe(true);
    expect(s.tasks()).toHaveLength(0);
  });

  it('WITHDRAW from a SUPPLEMENT cancels every open task', () => {
    const s = setup();
    s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE');
    s.complete(OFFICER, s.one('OPINION', 'HT-SNGV').id, 'REQUEST_SUPPLEMENT');
    const d = s.complete(SUB, s.one('SUPPLEMENT').id, 'WITHDRAW', { comment: 'Không tiếp tục' });
    expect(d.status).toBe('WITHDRAWN');
    expect(d.cancelledTaskIds).toHaveLength(2);
    expect(s.engine.done).toBe(true);
  });

  it('four-eyes: the submitting agency never reviews its own proposal, and one person decides one review stage', () => {
    const s = setup();
    const ownReview = { ...SUB, agencyCode: 'HT-SNGV' };
    const sameAgency = setup();
    // A proposal submitted by HT-SNGV cannot get its opinion from HT-SNGV members.
    const input = (sameAgency.engine as unknown as { input: ProposalWorkflowInput }).input;
    input.submittingAgency = 'HT-SNGV';
    sameAgency.complete(OFFICER, sameAgency.one('INTAKE_CHECK').id, 'COMPLETE');
    expect(
      rejection(() => sameAgency.engine.validate({ taskId: sameAgency.one('OPINION', 'HT-SNGV').id, decision: 'AGREE', actor: ownReview })),
    ).toBe('FourEyes');

    s.throughConsultation();
    s.complete(SUB, s.one('ABSORPTION').id, 'SUBMIT');
    // The STP reviewer appraises; had BCHQS's reviewer moved to STP, the earlier opinion would bar them.
    const movedReviewer = { ...BCHQS, agencyCode: 'HT-STP' };
    expect(rejection(() => s.engine.validate({ taskId: s.one('APPRAISAL').id, decision: 'CONFORMS', actor: movedReviewer }))).toBe(
      'FourEyes',
    );
  });

  it.each<FourEyesReview>(['OPINION', 'APPRAISAL'])(
    'four-eyes by person at DECISION: who gave the %s cannot decide, another member of the deciding agency can',
    (review) => {
      // The deciding agency (HT-UBND) also reviews, so the Chairman is a candidate for both tasks.
      const policy = {
        ...DEFAULT_POLICY,
        routes: [
          deciderAlsoReviews(DEFAULT_POLICY, review, { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }, 'Four-eyes'),
          ...DEFAULT_POLICY.routes,
        ],
      };
      const s = setup({}, undefined, policy);
      s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE');
      if (review === 'OPINION') s.complete(CHAIR, s.one('OPINION', 'HT-UBND').id, 'AGREE');
      else s.complete(OFFICER, s.one('OPINION', 'HT-SNGV').id, 'AGREE');
      s.complete(SUB, s.one('ABSORPTION').id, 'SUBMIT');
      s.complete(review === 'APPRAISAL' ? CHAIR : STP, s.one('APPRAISAL', review === 'APPRAISAL' ? 'HT-UBND' : 'HT-STP').id, 'CONFORMS');
      const decision = s.one('DECISION', 'HT-UBND');
      expect(rejection(() => s.engine.validate({ taskId: decision.id, decision: 'APPROVE', actor: CHAIR }))).toBe('FourEyes');
      // Refused means nothing happened: the same task is still open for the rest of the agency.
      expect(() => s.complete(CHAIR, decision.id, 'APPROVE')).toThrow(/already decided the (CONSULTATION|APPRAISAL) stage/);
      expect(s.one('DECISION', 'HT-UBND').id).toBe(decision.id);
      expect(s.complete(VICE_CHAIR, decision.id, 'APPROVE').status).toBe('APPROVED');
    },
  );

  it('SIGNED needs a signing time between the approval and now; ABANDONED withdraws', () => {
    const s = setup({}, '2026-03-02T02:00:00Z');
    s.throughAppraisal();
    s.setNow('2026-03-10T02:00:00Z');
    s.complete(CHAIR, s.one('DECISION').id, 'APPROVE');
    const signing = s.one('SIGNING');
    const sign = (signedAt: string) => ({ signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } });
    expect(
      rejection(() => s.engine.validate({ taskId: signing.id, decision: 'SIGNED', actor: SUB, ...sign('2026-03-09T02:00:00Z') })),
    ).toBe('InvalidInput');
    expect(
      rejection(() => s.engine.validate({ taskId: signing.id, decision: 'SIGNED', actor: SUB, ...sign('2026-03-11T02:00:00Z') })),
    ).toBe('InvalidInput');
    s.setNow('2026-04-20T02:00:00Z');
    const d = s.complete(SUB, signing.id, 'SIGNED', sign('2026-04-17T03:00:00Z')); // Fri 17/4/2026
    expect(d.status).toBe('SIGNED');
    expect(d.agreement?.signing.place).toBe('Hà Tĩnh');
    // 15 calendar days from 17/4 is Sat 2/5; 2/5 is a weekend day, so it ends on the next working day Mon 4/5.
    expect(s.one('POST_SIGNING_REPORT').dueAt).toBe('2026-05-04T23:59:59.999+07:00');

    const t = setup();
    t.throughAppraisal();
    t.complete(CHAIR, t.one('DECISION').id, 'APPROVE');
    expect(t.complete(SUB, t.one('SIGNING').id, 'ABANDONED').status).toBe('WITHDRAWN');
  });

  it('records every step in the audit entries of its transition', () => {
    const s = setup();
    const d = s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE', { comment: 'Đủ hồ sơ' });
    expect(d.audit.map((a) => a.action)).toEqual(['TASK_COMPLETED', 'STATUS_CHANGED', 'TASKS_OPENED']);
    expect(d.audit[0]).toMatchObject({ actor: { id: 'officer', type: 'USER' }, payload: { decision: 'COMPLETE', comment: 'Đủ hồ sơ' } });
  });

  it("a substitute's decision names the absent assignee in the audit, the decision record and a notification to that person", () => {
    const s = setup();
    const away = { id: 'officer-away', fullName: 'Nguyễn Văn Vắng' };
    const d = s.complete(OFFICER, s.one('INTAKE_CHECK').id, 'COMPLETE', { onBehalfOf: away });
    expect(d.audit[0]).toMatchObject({ action: 'TASK_COMPLETED', actor: { id: 'officer' }, payload: { onBehalfOf: away } });
    expect(d.completedTasks).toEqual([expect.objectContaining({ completedBy: 'officer', onBehalfOf: away })]);
    expect(d.notifications.filter((n) => n.kind === 'TASK_COMPLETED_ON_BEHALF')).toEqual([
      {
        kind: 'TASK_COMPLETED_ON_BEHALF',
        taskId: d.completedTasks[0]!.id,
        agencyCode: 'HT-SNGV',
        audience: 'USER',
        userId: away.id,
        params: {
          taskKind: 'INTAKE_CHECK',
          decision: 'COMPLETE',
          byId: 'officer',
          byName: 'officer',
          onBehalfOfId: away.id,
          onBehalfOfName: away.fullName,
        },
      },
    ]);
    // Deciding one's own task: nobody is named, nobody extra is told.
    const own = s.complete(OFFICER, s.one('OPINION', 'HT-SNGV').id, 'AGREE');
    expect(own.completedTasks[0]).not.toHaveProperty('onBehalfOf');
    expect(own.notifications.some((n) => n.kind === 'TASK_COMPLETED_ON_BEHALF')).toBe(false);
  });
});
