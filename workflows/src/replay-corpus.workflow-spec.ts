/**
 * The replay corpus holds what it claims: each recorded history (test/fixtures/histories) shows the branch its
 * scenario is named after (the Updates, timers, continue-as-new ... below), every scenario is recorded, and every
 * workflow type in workflows/src has a history. Without this a re-recording could quietly lose a branch, and the
 * replay test would still pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFacts, patchIds } from '../../test/support/history-facts';
import { historyFromFileJson } from '../../test/support/history-files';
import { SCENARIOS } from '../../test/support/workflow-scenarios';

const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const scenarioOf = (file: string) => file.replace(/\.v\d+\.json$/, '');

/** The workflow types workflows/src exports to the worker (its index). */
const WORKFLOW_TYPES = [...readFileSync(join(__dirname, 'index.ts'), 'utf8').matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]!);

const PROPOSAL = 'type:proposalWorkflow';
const TIMERS = ['timer→applyTransition:TASK_REMINDER', 'timer→applyTransition:TASK_OVERDUE', 'timer→applyTransition:TASK_ESCALATED'];

/** What each scenario's history must show (facts from test/support/history-facts.ts). */
const CLAIMS: Record<string, string[]> = {
  'mou-signed-in-force': [
    PROPOSAL,
    'kind:INTERNATIONAL_AGREEMENT',
    'update:completeTask:SIGNED',
    'applyTransition:AGREEMENT_REGISTERED',
    'update:completeTask:SUBMITTED',
    'completed:IN_FORCE',
  ],
  'mou-with-search-attributes': [PROPOSAL, 'upserted:ProposalStatus', 'upserted:Stage', 'child:agreementWorkflow', 'completed:IN_FORCE'],
  'extend-signed': [PROPOSAL, 'action:EXTEND', 'applyTransition:AGREEMENT_EXTENDED', 'completed:IN_FORCE'],
  'supplement-resubmit-then-withdraw': [
    PROPOSAL,
    'update:completeTask:REQUEST_SUPPLEMENT',
    'applyTransition:CLOCKS_PAUSED',
    'update:completeTask:RESUBMIT',
    'applyTransition:CLOCKS_RESUMED',
    'update:withdraw',
    'completed:WITHDRAWN',
  ],
  'revision-then-reject': [
    PROPOSAL,
    'update:completeTask:NOT_CONFORMS',
    'update:completeTask:RESUBMIT',
    'update:completeTask:REJECT',
    'completed:REJECTED',
  ],
  'disagree-pm-consent-abandoned': [
    PROPOSAL,
    'update:completeTask:DISAGREE',
    'update:completeTask:CONSENT',
    'update:completeTask:ABANDONED',
    'completed:WITHDRAWN',
  ],
  'intake-amendment-disagree-no-pm-consent': [
    PROPOSAL,
    'update:completeTask:planAmendment',
    'applyTransition:PLAN_AMENDED',
    'update:completeTask:DISAGREE',
    'applyTransition:DISAGREEMENT_REFERRED',
    'completed:WITHDRAWN',
  ],
  'timers-overdue-then-cancel': [PROPOSAL, 'timer-fired', ...TIMERS, 'update:cancel', 'completed:CANCELLED'],
  'mechanism-approved': [PROPOSAL, 'kind:MECHANISM_PARTICIPATION', 'stage:DECISION', 'update:completeTask:APPROVE', 'completed:APPROVED'],
  'office-central-decision-approved': [PROPOSAL, 'kind:OVERSEAS_OFFICE', 'stage:CENTRAL_DECISION', 'completed:APPROVED'],
  'office-central-decision-rejected': [
    PROPOSAL,
    'kind:OVERSEAS_OFFICE',
    'stage:CENTRAL_DECISION',
    'update:completeTask:REJECT',
    'completed:REJECTED',
  ],
  'shortened-procedure-in-force': [PROPOSAL, 'consultation-clock:3 WORKING_DAYS', 'child:agreementWorkflow', 'completed:IN_FORCE'],
  'decision-returned-for-revision-in-force': [
    PROPOSAL,
    'update:completeTask:RETURN_FOR_REVISION',
    'update:completeTask:RESUBMIT',
    'update:completeTask:APPROVE',
    'completed:IN_FORCE',
  ],
  'pm-consent-refused': [PROPOSAL, 'update:completeTask:DISAGREE', 'update:completeTask:REFUSE', 'completed:REJECTED'],
  'deadlines-recomputed-then-withdrawn': [
    PROPOSAL,
    'update:recomputeDeadlines',
    'applyTransition:DEADLINES_RECOMPUTED',
    'update:withdraw',
    'completed:WITHDRAWN',
  ],
  'incident-retried-then-cancelled': [
    PROPOSAL,
    'activity-failed:applyTransition',
    'activity:openIncident',
    'update:retryIncident',
    'activity:closeIncident',
    'completed:CANCELLED',
  ],
  'timers-reminded-overdue-escalated-withdrawn': [PROPOSAL, 'stage:CONSULTATION', ...TIMERS, 'completed:WITHDRAWN'],
  'agreement-reminded-extended-expired': [
    'type:agreementWorkflow',
    'timer→applyAgreementEvent:EXPIRY_REMINDER',
    'signal:agreementChanged',
    'timer→applyAgreementEvent:EXPIRED',
    'completed:EXPIRED',
  ],
  'agreement-continue-as-new': ['type:agreementWorkflow', 'timer→applyAgreementEvent:EXPIRY_REMINDER', 'continued-as-new'],
  'plan-follow-up-signalled-continue-as-new': [
    'type:planFollowUpWorkflow',
    'timer→followUpPlan',
    'signal:planItemsChanged',
    'continued-as-new',
  ],
  'report-cycle-reminded-escalated-consolidated': [
    'type:reportCycleWorkflow',
    'kind:SEMI_ANNUAL',
    'update:completeReportTask:SUBMITTED',
    'timer→applyReportCycleTransition:TASK_REMINDER',
    'timer→applyReportCycleTransition:TASK_OVERDUE',
    'timer→applyReportCycleTransition:TASK_ESCALATED',
    'update:consolidateReportCycle',
    'activity:generateReportDocuments',
    'completed:CONSOLIDATED',
  ],
  'report-cycle-skipped': ['type:reportCycleWorkflow', 'activity:openReportCycle', 'completed:SKIPPED'],
  'commitments-sync-retried': [
    'type:commitmentsSyncWorkflow',
    'activity:collectCommitmentVersions',
    'activity-retried:deliverCommitmentVersion',
    'completed:void',
  ],
};

describe('the replay corpus', () => {
  const histories = new Map(files.map((f) => [f, historyFromFileJson(readFileSync(join(dir, f), 'utf8'))]));
  const facts = new Map([...histories].map(([f, history]) => [f, historyFacts(history)]));

  it('has a history of every workflow type the worker runs', () => {
    expect(WORKFLOW_TYPES.length).toBeGreaterThanOrEqual(5);
    const recorded = new Set([...facts.values()].flatMap((f) => [...f].filter((x) => x.startsWith('type:'))));
    expect(WORKFLOW_TYPES.filter((type) => !recorded.has(`type:${type}`))).toEqual([]);
  });

  it('has every scenario recorded, and a claim for each', () => {
    const recorded = new Set(files.map(scenarioOf));
    expect(SCENARIOS.map((s) => s.name).filter((name) => !recorded.has(name))).toEqual([]);
    expect([...recorded].filter((name) => !CLAIMS[name])).toEqual([]);
  });

  it('has every proposal scenario recorded both with projections as activity tasks and as local activities', () => {
    // Proposals started before `local-projections` still run with activity tasks: both branches must keep replaying.
    const proposalFiles = files.filter((f) => facts.get(f)!.has(PROPOSAL));
    const scenarios = new Set(proposalFiles.map(scenarioOf));
    const withFact = (fact: string) => new Set(proposalFiles.filter((f) => facts.get(f)!.has(fact)).map(scenarioOf));
    const local = withFact('local-activity:applyTransition');
    const remote = new Set(proposalFiles.filter((f) => !facts.get(f)!.has('local-activity:applyTransition')).map(scenarioOf));
    expect([...scenarios].filter((name) => !local.has(name))).toEqual([]);
    expect([...scenarios].filter((name) => !remote.has(name))).toEqual([]);
  });

  it("upserts a proposal's status and stage only when they change since `search-attributes-on-change`, and every step before", () => {
    // Each upsert is a history event and a visibility write (issue 16); histories from before the patch keep replaying.
    const upserts = (file: string) => {
      const events = histories.get(file)!.events ?? [];
      const all = events
        .map((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields)
        .filter((f): f is NonNullable<typeof f> => !!f)
        .map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Buffer.from(v.data as Uint8Array).toString()])));
      // The SDK lists the patches a workflow took in TemporalChangeVersion; `folded-patches-v1` stands for this one too.
      const patched = all.some((f) => /search-attributes-on-change|folded-patches-v1/.test(f.TemporalChangeVersion ?? ''));
      return { patched, fields: all.filter((f) => !('TemporalChangeVersion' in f)) };
    };
    const withAttributes = files.filter((f) => f.startsWith('mou-with-search-attributes.'));
    const after = withAttributes.map(upserts).filter((h) => h.patched);
    const before = withAttributes.map(upserts).filter((h) => !h.patched);
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    for (const { fields } of after) {
      const last: Record<string, string> = {};
      for (const upsert of fields) {
        expect(Object.entries(upsert).filter(([k, v]) => last[k] === v)).toEqual([]);
        Object.assign(last, upsert);
      }
    }
    // Before the patch: both keys on every step, repeated values included.
    for (const { fields } of before) {
      expect(fields.every((f) => 'ProposalStatus' in f && 'Stage' in f)).toBe(true);
      expect(new Set(fields.map((f) => f.Stage)).size).toBeLessThan(fields.length);
    }
  });

  it('records one patch marker per proposal since `folded-patches-v1`, and the older rounds one per patch', () => {
    // Each patch marker comes with a TemporalChangeVersion upsert, a visibility write (issue 16): a proposal started
    // now has one for all the patches folded; the rounds before keep replaying with theirs.
    const proposalFiles = files.filter((f) => facts.get(f)!.has(PROPOSAL));
    const patches = new Map(proposalFiles.map((f) => [f, patchIds(histories.get(f)!)]));
    const folded = proposalFiles.filter((f) => patches.get(f)!.includes('folded-patches-v1'));
    expect(folded.length).toBeGreaterThan(0);
    for (const file of folded) expect([file, patches.get(file)]).toEqual([file, ['folded-patches-v1']]);
    // Every folded scenario also recorded before the fold, with its patches one marker each (the v5 round on).
    const perPatch = new Set(
      proposalFiles
        .filter((f) => !folded.includes(f) && ['incidents-v1', 'local-projections'].every((id) => patches.get(f)!.includes(id)))
        .map(scenarioOf),
    );
    expect([...new Set(folded.map(scenarioOf))].filter((name) => !perPatch.has(name))).toEqual([]);
  });

  it.each(files)('%s shows the branch it is named after', (file) => {
    const missing = CLAIMS[scenarioOf(file)]!.filter((claim) => !facts.get(file)!.has(claim));
    expect(missing).toEqual([]);
  });
});
