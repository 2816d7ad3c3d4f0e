/**
 * Every route of the default policy walked through the engine: department and border-commune agreements
 * (the latter with consecutive CONSULTATION stages), the shortened procedure, mechanism participation and an
 * overseas office with its central decision.
 */
import {
  amendPlan,
  computePlan,
  DEFAULT_POLICY,
  VIETNAM_HOLIDAYS_2025_2027,
  type Plan,
  type ProposalKind,
  type Procedure,
} from '@accord/domain';
import type { Actor, CompleteTaskRequest, ProposalWorkflowInput } from '@accord/temporal/contracts';
import { ProposalEngine, type TransitionDraft } from './engine';

const actor = (id: string, agencyCode: string): Actor => ({ id, fullName: id, agencyCode, roles: [] });
const SUB = actor('sub', 'HT-SCT');
const OFFICER = actor('officer', 'HT-SNGV');
const HEAD = actor('head', 'HT-SNGV');
const BCHQS = actor('bchqs', 'HT-BCHQS');
const CA = actor('ca', 'HT-CA');
const STP = actor('stp', 'HT-STP');
const CHAIR = actor('chair', 'HT-UBND');
const OPINION_BY: Record<string, Actor> = {
  'HT-SNGV': OFFICER,
  'HT-BCHQS': BCHQS,
  'HT-CA': CA,
  'HT-SNV': actor('snv', 'HT-SNV'),
  'HT-STC': actor('stc', 'HT-STC'),
  'HT-VPUBND': actor('vp', 'HT-VPUBND'),
};

type OpenTask = TransitionDraft['openTasks'][number];

function walk(kind: ProposalKind, details: Record<string, unknown>, procedure: Procedure = 'STANDARD', start = '2026-03-02T02:00:00Z') {
  const now = { at: new Date(start) };
  let n = 0;
  const plan: Plan = computePlan(DEFAULT_POLICY, { kind, procedure, details });
  const input: ProposalWorkflowInput = {
    proposalId: 'p1',
    reference: 'R-1',
    kind,
    title: 'T',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: 'sub', fullName: 'sub' },
    plan,
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
  };
  const engine = new ProposalEngine(input, { newId: () => `t${++n}`, now: () => now.at });
  const drafts: TransitionDraft[] = [engine.start()];
  const open = (): OpenTask[] => {
    const tasks = new Map<string, OpenTask>();
    for (const d of drafts) {
      d.openTasks.forEach((t) => tasks.set(t.id, t));
      d.completedTasks.forEach((t) => tasks.delete(t.id));
      d.cancelledTaskIds.forEach((id) => tasks.delete(id));
    }
    return [...tasks.values()];
  };
  const summary = () =>
    open()
      .map((t) => `${t.stage}:${t.kind}:${t.candidateAgency}${t.externalBody ? `:${t.externalBody}` : ''}`)
      .sort();
  const one = (kind: string, agency?: string): OpenTask => {
    const found = open().filter((t) => t.kind === kind && (!agency || t.candidateAgency === agency));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const complete = (who: Actor, task: OpenTask, decision: string, extra: Partial<CompleteTaskRequest> = {}) => {
    const d = engine.complete({ taskId: task.id, decision: decision as never, actor: who, ...extra });
    drafts.push(d);
    return d;
  };
  /** Completes every open task of the current consultation stage with AGREE (central answers recorded by the head). */
  const agreeAll = (decisionOf: (t: OpenTask) => string = () => 'AGREE') => {
    let last: TransitionDraft | undefined;
    for (const t of open()) last = complete(t.kind === 'EXTERNAL_OPINION' ? HEAD : OPINION_BY[t.candidateAgency]!, t, decisionOf(t));
    return last!;
  };
  const status = () => drafts[drafts.length - 1]!.status;
  return { engine, plan, drafts, open, summary, one, complete, agreeAll, status, now };
}

const agreement = (level: string, flags: Record<string, boolean> = {}) => ({
  action: 'SIGN',
  level,
  touchesDefence: false,
  touchesSecurity: false,
  touchesInvestment: false,
  borderArea: false,
  ...flags,
});
const sign = { signing: { signedAt: '2026-04-01T03:00:00Z', place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } };

describe('default policy routes through the engine', () => {
  it('DEPARTMENT: parallel consultation, appraisal, the Chairman decides within 5 working days, then signing', () => {
    const s = walk('INTERNATIONAL_AGREEMENT', agreement('DEPARTMENT', { touchesSecurity: true }));
    expect(s.plan.stages.map((st) => st.stage)).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'SIGNING']);
    expect(s.status()).toBe('INTAKE');
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(s.summary()).toEqual(['CONSULTATION:OPINION:HT-CA', 'CONSULTATION:OPINION:HT-SNGV']);
    s.agreeAll();
    expect(s.status()).toBe('ABSORPTION');
    s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    const decision = s.one('DECISION', 'HT-UBND');
    // Decree 64/2021 Art 5: 5 working days from Mon 2/3/2026 -> Mon 9/3.
    expect(decision).toMatchObject({ clockType: 'WORKING_DAYS', clockLength: 5, dueAt: '2026-03-09T23:59:59.999+07:00' });
    expect(s.complete(CHAIR, decision, 'APPROVE').status).toBe('APPROVED');
    s.now.at = new Date('2026-04-02T02:00:00Z');
    expect(s.complete(SUB, s.one('SIGNING', 'HT-SCT'), 'SIGNED', sign).status).toBe('SIGNED');
    expect(s.complete(SUB, s.one('POST_SIGNING_REPORT'), 'SUBMITTED').status).toBe('IN_FORCE');
    expect(s.engine.done).toBe(true);
  });

  describe('BORDER_COMMUNE: HT-SNGV first, then BCHQS, CA and the Border Guard side by side (Decree 64/2021 Art 7; policy 2026.2)', () => {
    // Every flag false: the border-commune reviews do not depend on the submitter's own flags.
    const details = agreement('BORDER_COMMUNE');
    const BDBP = actor('bdbp', 'HT-BDBP');

    it('plans SNgV, then one stage with HT-BCHQS, HT-CA and HT-BDBP, whatever the flags', () => {
      const consultees = (plan: Plan) =>
        plan.stages.filter((st) => st.stage === 'CONSULTATION').map((st) => st.tasks.map((t) => t.candidateAgency));
      expect(consultees(walk('INTERNATIONAL_AGREEMENT', details).plan)).toEqual([['HT-SNGV'], ['HT-BCHQS', 'HT-CA', 'HT-BDBP']]);
      expect(consultees(walk('INTERNATIONAL_AGREEMENT', { ...details, borderArea: true, touchesSecurity: true }).plan)).toEqual([
        ['HT-SNGV'],
        ['HT-BCHQS', 'HT-CA', 'HT-BDBP'],
      ]);
    });

    it("a DISAGREE goes to the Chairman's decision, shown in the audit, with no Prime Minister's consent gate", () => {
      const s = walk('INTERNATIONAL_AGREEMENT', details);
      expect(s.plan.gates.pmConsent).toBeUndefined();
      s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
      s.complete(OFFICER, s.one('OPINION', 'HT-SNGV'), 'AGREE');
      expect(s.summary()).toEqual(['CONSULTATION:OPINION:HT-BCHQS', 'CONSULTATION:OPINION:HT-BDBP', 'CONSULTATION:OPINION:HT-CA']);
      s.complete(BCHQS, s.one('OPINION', 'HT-BCHQS'), 'AGREE');
      s.complete(BDBP, s.one('OPINION', 'HT-BDBP'), 'DISAGREE', { comment: 'Ảnh hưởng an ninh biên giới' });
      expect(s.complete(CA, s.one('OPINION', 'HT-CA'), 'AGREE').status).toBe('ABSORPTION');
      s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
      const toDecision = s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
      const referred = toDecision.audit.find((a) => a.action === 'DISAGREEMENT_REFERRED');
      expect(referred?.payload).toMatchObject({ disagreements: [{ kind: 'OPINION', candidateAgency: 'HT-BDBP' }] });
      expect(s.complete(CHAIR, s.one('DECISION'), 'APPROVE').status).toBe('APPROVED');
    });
  });

  it('DEPARTMENT: DEFENCE and SECURITY in fields imply BCHQS and CA even with the flags false; no PM consent after a DISAGREE', () => {
    const s = walk('INTERNATIONAL_AGREEMENT', { ...agreement('DEPARTMENT'), fields: ['TRADE', 'DEFENCE', 'SECURITY'] });
    expect(s.plan.gates.pmConsent).toBeUndefined();
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(s.summary()).toEqual(['CONSULTATION:OPINION:HT-BCHQS', 'CONSULTATION:OPINION:HT-CA', 'CONSULTATION:OPINION:HT-SNGV']);
    s.agreeAll((t) => (t.candidateAgency === 'HT-CA' ? 'DISAGREE' : 'AGREE'));
    s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    expect(s.complete(CHAIR, s.one('DECISION'), 'APPROVE').status).toBe('APPROVED');
  });

  it("PROVINCIAL_COMMITTEE keeps the Prime Minister's consent gate (Law 70/2020 Art 19(4)) with its basis", () => {
    const s = walk('INTERNATIONAL_AGREEMENT', agreement('PROVINCIAL_COMMITTEE'));
    expect(s.plan.gates.pmConsent).toMatchObject({ kind: 'PM_CONSENT', externalBody: 'PM', basis: expect.stringContaining('Art 19(4)') });
    expect(s.plan.gates.postSigningReport).toMatchObject({ type: 'CALENDAR_DAYS', length: 15, basis: 'Law 70/2020 Art 19(5)' });
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    s.agreeAll((t) => (t.externalBody === 'MOFA' ? 'DISAGREE' : 'AGREE'));
    s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    expect(s.complete(CHAIR, s.one('DECISION'), 'APPROVE').status).toBe('AWAITING_PM_CONSENT');
    expect(s.complete(HEAD, s.one('PM_CONSENT'), 'CONSENT').status).toBe('APPROVED');
  });

  it('INTAKE_CHECK COMPLETE with a plan amendment: the added consultee opens with the consultation, and the amendment is audited', () => {
    const s = walk('INTERNATIONAL_AGREEMENT', agreement('DEPARTMENT'));
    const by = { id: 'officer', fullName: 'officer' };
    const amendment = {
      at: '2026-03-02T02:00:00Z',
      by,
      comment: 'Gần khu vực biên giới',
      addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MND' }],
    };
    const plan = amendPlan(s.plan, amendment, 'STANDARD');
    const d = s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', { planAmendment: { plan, amendment } });
    expect(d.plan).toEqual(plan);
    expect(d.audit.find((a) => a.action === 'PLAN_AMENDED')?.payload).toMatchObject({
      addedConsultees: amendment.addedConsultees,
      comment: 'Gần khu vực biên giới',
    });
    expect(s.summary()).toEqual([
      'CONSULTATION:EXTERNAL_OPINION:HT-SNGV:MND',
      'CONSULTATION:OPINION:HT-BCHQS',
      'CONSULTATION:OPINION:HT-SNGV',
    ]);
    expect(s.one('OPINION', 'HT-BCHQS')).toMatchObject({ clockLength: 7 });
    expect(plan.stages[1]!.tasks.find((t) => t.candidateAgency === 'HT-BCHQS')).toMatchObject({ addedBy: by });
  });

  it('a plan amendment is refused on any task but INTAKE_CHECK COMPLETE', () => {
    const s = walk('INTERNATIONAL_AGREEMENT', agreement('DEPARTMENT'));
    const amendment = { at: '2026-03-02T02:00:00Z', by: { id: 'o', fullName: 'o' }, addedConsultees: [{ agency: 'HT-CA' }] };
    const planAmendment = { plan: amendPlan(s.plan, amendment, 'STANDARD'), amendment };
    expect(() => s.complete(OFFICER, s.one('INTAKE_CHECK'), 'REQUEST_SUPPLEMENT', { planAmendment })).toThrow(/INTAKE_CHECK with COMPLETE/);
    const withoutIntake = { ...planAmendment, plan: { ...planAmendment.plan, stages: planAmendment.plan.stages.slice(1) } };
    expect(() => s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE', { planAmendment: withoutIntake })).toThrow(
      /keep the stages already run/,
    );
  });

  it('SHORTENED: opinions, central opinions and appraisal on 3-working-day clocks (Law 70/2020 Art 35, 39); other clocks unchanged', () => {
    const s = walk(
      'INTERNATIONAL_AGREEMENT',
      agreement('PROVINCIAL_COMMITTEE', { touchesDefence: true, touchesInvestment: true }),
      'SHORTENED',
    );
    expect(s.one('INTAKE_CHECK')).toMatchObject({ clockLength: 2 });
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    const consultation = s.open();
    expect(consultation.map((t) => `${t.kind}:${t.candidateAgency}:${t.externalBody ?? ''}`).sort()).toEqual([
      'EXTERNAL_OPINION:HT-SNGV:MOF',
      'EXTERNAL_OPINION:HT-SNGV:MOFA',
      'OPINION:HT-BCHQS:',
      'OPINION:HT-SNGV:',
    ]);
    // Mon 2/3/2026 + 3 working days = Thu 5/3.
    for (const t of consultation)
      expect(t).toMatchObject({ clockType: 'WORKING_DAYS', clockLength: 3, dueAt: '2026-03-05T23:59:59.999+07:00' });
    s.agreeAll();
    expect(s.one('ABSORPTION')).toMatchObject({ clockLength: 5 });
    s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
    expect(s.one('APPRAISAL')).toMatchObject({ clockLength: 3 });
    s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
    expect(s.one('DECISION')).toMatchObject({ clockLength: 7 });
    // The standard procedure keeps 7 working days for the same proposal.
    const standard = walk('INTERNATIONAL_AGREEMENT', agreement('PROVINCIAL_COMMITTEE'), 'STANDARD');
    expect(standard.plan.stages[1]!.tasks.map((t) => t.clock.length)).toEqual([7, 7]);
  });

  it("MECHANISM_PARTICIPATION: SNgV, the People's Committee office and MOFA, absorption, then the decision ends the proposal as APPROVED (nothing to sign)", () => {
    const s = walk('MECHANISM_PARTICIPATION', { mechanismName: 'Mekong-Lancang forum', participationLevel: 'PROVINCIAL_COMMITTEE' });
    expect(s.plan.stages.map((st) => st.stage)).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'DECISION']);
    s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
    expect(s.summary()).toEqual([
      'CONSULTATION:EXTERNAL_OPINION:HT-SNGV:MOFA',
      'CONSULTATION:OPINION:HT-SNGV',
      'CONSULTATION:OPINION:HT-VPUBND',
    ]);
    expect(s.agreeAll().status).toBe('ABSORPTION');
    expect(s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT').status).toBe('DECISION');
    const d = s.complete(CHAIR, s.one('DECISION'), 'APPROVE');
    expect(d.status).toBe('APPROVED');
    expect(s.open()).toEqual([]);
    expect(s.engine.done).toBe(true);
  });

  describe('OVERSEAS_OFFICE: the provincial decision, then the Government decides (Res. 250/2025 Art 14)', () => {
    const throughDecision = () => {
      const s = walk('OVERSEAS_OFFICE', { hostCountry: 'JP', city: 'Osaka' });
      expect(s.plan.stages.map((st) => st.stage)).toEqual([
        'INTAKE',
        'CONSULTATION',
        'ABSORPTION',
        'APPRAISAL',
        'DECISION',
        'CENTRAL_DECISION',
      ]);
      s.complete(OFFICER, s.one('INTAKE_CHECK'), 'COMPLETE');
      // Source 001 II.4: SNgV with the Departments of Home Affairs and Finance.
      expect(s.summary()).toEqual(['CONSULTATION:OPINION:HT-SNGV', 'CONSULTATION:OPINION:HT-SNV', 'CONSULTATION:OPINION:HT-STC']);
      s.agreeAll();
      s.complete(SUB, s.one('ABSORPTION'), 'SUBMIT');
      s.complete(STP, s.one('APPRAISAL'), 'CONFORMS');
      const d = s.complete(CHAIR, s.one('DECISION'), 'APPROVE');
      expect(d.status).toBe('AWAITING_CENTRAL_DECISION');
      expect(d.stage).toBe('CENTRAL_DECISION');
      // 60 calendar days from Mon 2/3/2026 = Fri 1/5, a holiday: the period ends on the next working day, Mon 4/5.
      expect(s.one('CENTRAL_DECISION', 'HT-SNGV')).toMatchObject({
        externalBody: 'GOV',
        clockType: 'CALENDAR_DAYS',
        clockLength: 60,
        dueAt: '2026-05-04T23:59:59.999+07:00',
      });
      return s;
    };

    it('the Government approves: APPROVED, and nothing is left open', () => {
      const s = throughDecision();
      expect(s.complete(HEAD, s.one('CENTRAL_DECISION'), 'APPROVE').status).toBe('APPROVED');
      expect(s.open()).toEqual([]);
      expect(s.engine.done).toBe(true);
    });

    it('the Government rejects: REJECTED', () => {
      const s = throughDecision();
      expect(s.complete(HEAD, s.one('CENTRAL_DECISION'), 'REJECT').status).toBe('REJECTED');
      expect(s.engine.done).toBe(true);
    });
  });
});
