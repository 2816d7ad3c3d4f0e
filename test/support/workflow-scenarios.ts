/**
 * Every workflow type and every branch as a scripted run, for recording histories (scripts/record-histories.ts);
 * workflows/src/replay-corpus.workflow-spec.ts checks each recorded history holds what its scenario claims.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  addDays,
  amendPlan,
  computePlan,
  cycleDates,
  DEFAULT_POLICY,
  DEFAULT_REPORT_CYCLE_POLICIES,
  isoDateInVietnam,
  VIETNAM_HOLIDAYS_2025_2027,
} from '@accord/domain';
import {
  agreementChangedSignal,
  appliedTransition,
  cancelUpdate,
  completeReportTaskUpdate,
  completeTaskUpdate,
  consolidateReportCycleUpdate,
  planItemsChangedSignal,
  POISONED_STEP,
  recomputeDeadlinesUpdate,
  retryIncidentUpdate,
  stateQuery,
  syncReportCycleUpdate,
  syncUpdate,
  withdrawUpdate,
  type Actor,
  type AgreementSnapshot,
  type CommitmentVersion,
  type IncidentOpening,
  type OpenReportCycleRequest,
  type ProposalWorkflowInput,
  type ReportCycleTransition,
  type Transition,
} from '@accord/temporal/contracts';

const A: Record<string, Actor> = {
  sub: { id: 'u-sct', fullName: 'Submitter', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] },
  sngv: { id: 'u-sngv', fullName: 'Officer', agencyCode: 'HT-SNGV', roles: ['REVIEWER'] },
  head: { id: 'u-sngv-head', fullName: 'Head', agencyCode: 'HT-SNGV', roles: ['REVIEWER', 'AGENCY_HEAD'] },
  bchqs: { id: 'u-bchqs', fullName: 'BCHQS', agencyCode: 'HT-BCHQS', roles: ['REVIEWER'] },
  stp: { id: 'u-stp', fullName: 'STP', agencyCode: 'HT-STP', roles: ['REVIEWER'] },
  chair: { id: 'u-chair', fullName: 'Chairman', agencyCode: 'HT-UBND', roles: ['LEADER'] },
  admin: { id: 'u-admin', fullName: 'Admin', agencyCode: null, roles: ['ADMIN'] },
};

type Handle = ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>;

function input(extra: Partial<ProposalWorkflowInput> = {}): ProposalWorkflowInput {
  return {
    ...extra,
    proposalId: randomUUID(),
    reference: 'TTQT-2026-00001',
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: 'u-sct', fullName: 'Submitter' },
    plan: computePlan(DEFAULT_POLICY, {
      kind: 'INTERNATIONAL_AGREEMENT',
      procedure: 'STANDARD',
      details: { level: 'PROVINCIAL_COMMITTEE', touchesDefence: true, touchesSecurity: false },
    }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
    searchAttributes: false,
    ...extra,
  };
}

/** Completes the first open task that accepts this decision from this actor (the validator refuses the others). */
async function decide(handle: Handle, who: keyof typeof A, decision: string, extra: object = {}): Promise<void> {
  const { openTaskIds } = await handle.query(stateQuery);
  for (const taskId of openTaskIds) {
    try {
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: decision as never, actor: A[who]!, ...extra }] });
      return;
    } catch {
      /* not this task */
    }
  }
  throw new Error(`${who} could not ${decision}`);
}

async function start(env: TestWorkflowEnvironment, taskQueue: string, extra: Partial<ProposalWorkflowInput> = {}): Promise<Handle> {
  const handle = await env.client.workflow.start('proposalWorkflow', {
    taskQueue,
    workflowId: `proposal-${randomUUID()}`,
    args: [input(extra)],
  });
  await handle.executeUpdate(syncUpdate);
  return handle as unknown as Handle;
}

async function toDecision(handle: Handle, bchqs = 'AGREE'): Promise<void> {
  await decide(handle, 'sngv', 'COMPLETE');
  await decide(handle, 'sngv', 'AGREE');
  await decide(handle, 'bchqs', bchqs);
  await decide(handle, 'head', 'AGREE');
  await decide(handle, 'sub', 'SUBMIT');
  await decide(handle, 'stp', 'CONFORMS');
}

const signing = (signedAt: string) => ({ signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } });

/** What the in-memory activities saw while a scenario ran (scenarios read task kinds and incidents from it). */
export interface ScenarioContext {
  transitions: Transition[];
  incidents: IncidentOpening[];
  reportTransitions: ReportCycleTransition[];
  /** The agreement registry row the agreement workflow reads (its scenarios set it before starting). */
  agreement: AgreementSnapshot;
  /** The due date the reporting activities open a cycle with; null: the cycle exists already (SKIPPED). */
  cycleDueOn: string | null;
  /** applyTransition throws a PoisonedStep for the step of this seq, until an administrator's retry clears it. */
  poisonSeq?: number;
}

/** The run whose history is recorded: a workflow id (its latest run) or one given run (before a continue-as-new). */
export type RecordedRun = string | { workflowId: string; runId: string };

export interface Scenario {
  name: string;
  /** 'dev': recorded on the dev server (real time, our search attributes registered); else the time-skipping server. */
  server?: 'dev';
  /** Activities of the workflows this scenario runs; proposal and agreement activities by default. */
  activities?: (ctx: ScenarioContext) => object;
  run(env: TestWorkflowEnvironment, taskQueue: string, ctx: ScenarioContext): Promise<RecordedRun>;
}

/** The proposal (and agreement) activities, in memory: each transition once, a poisoned step until retried. */
export function proposalActivities(ctx: ScenarioContext): object {
  return {
    async applyTransition(t: Transition) {
      if (t.seq === ctx.poisonSeq)
        throw ApplicationFailure.create({
          type: POISONED_STEP,
          message: 'duplicate key value violates unique constraint',
          nonRetryable: true,
        });
      if (!ctx.transitions.some((x) => x.key === t.key)) ctx.transitions.push(t);
      return appliedTransition(t);
    },
    async openIncident(incident: IncidentOpening) {
      ctx.incidents.push(incident);
    },
    async closeIncident() {},
    // A registry entry far in the future: the agreement workflow just waits.
    async loadAgreement() {
      return { status: 'IN_FORCE' as const, signedOn: '2026-01-01', expiresOn: '2099-01-01', leadAgency: 'HT-SCT', proposalId: 'p' };
    },
    async applyAgreementEvent() {},
  };
}

/** The MoU path from submission to the post-signing report; signed a day after the approval (a moment on real time). */
async function mouToInForce(env: TestWorkflowEnvironment, h: Handle, realTime = false): Promise<string> {
  await toDecision(h);
  await decide(h, 'chair', 'APPROVE');
  if (realTime) await new Promise((resolve) => setTimeout(resolve, 50));
  else await env.sleep('1 day');
  await decide(h, 'sub', 'SIGNED', signing(new Date(await env.currentTimeMs()).toISOString()));
  await decide(h, 'sub', 'SUBMITTED');
  await h.result();
  return h.workflowId;
}

const YES: Record<string, string> = {
  INTAKE_CHECK: 'COMPLETE',
  OPINION: 'AGREE',
  EXTERNAL_OPINION: 'AGREE',
  ABSORPTION: 'SUBMIT',
  APPRAISAL: 'CONFORMS',
  DECISION: 'APPROVE',
  PM_CONSENT: 'CONSENT',
  CENTRAL_DECISION: 'APPROVE',
  SIGNING: 'SIGNED',
  POST_SIGNING_REPORT: 'SUBMITTED',
  SUPPLEMENT: 'RESUBMIT',
  REVISION: 'RESUBMIT',
};
const reviewer = (agencyCode: string): Actor => ({ id: `u-${agencyCode}`, fullName: agencyCode, agencyCode, roles: ['REVIEWER'] });
const BY_AGENCY: Record<string, Actor> = {
  'HT-SCT': A.sub!,
  'HT-SNGV': A.sngv!,
  'HT-BCHQS': A.bchqs!,
  'HT-STP': A.stp!,
  'HT-UBND': A.chair!,
};

/**
 * Takes every open task in turn, each with its kind's usual decision unless `decisions` says otherwise (a list is
 * used up in order, e.g. the first DECISION returns for revision and the second approves), until the workflow ends.
 */
async function drive(
  env: TestWorkflowEnvironment,
  h: Handle,
  ctx: ScenarioContext,
  decisions: Record<string, string | string[]> = {},
): Promise<string> {
  const queued = Object.fromEntries(Object.entries(decisions).map(([kind, d]) => [kind, Array.isArray(d) ? [...d] : d]));
  for (let step = 0; step < 40; step++) {
    const { openTaskIds } = await h.query(stateQuery);
    if (!openTaskIds.length) break;
    const task = ctx.transitions.flatMap((t) => t.openTasks).find((t) => t.id === openTaskIds[0])!;
    const wanted = queued[task.kind];
    const decision = Array.isArray(wanted) ? (wanted.shift() ?? YES[task.kind]!) : (wanted ?? YES[task.kind]!);
    // Central bodies' answers are recorded by SNGV's head: the officer's own opinion stays separate (four-eyes).
    const actor = task.externalBody ? A.head! : (BY_AGENCY[task.candidateAgency] ?? reviewer(task.candidateAgency));
    let extra: object = {};
    if (decision === 'SIGNED') {
      await env.sleep('1 day');
      extra = signing(new Date(await env.currentTimeMs()).toISOString());
    }
    if (decision === 'RESUBMIT') extra = { dossier: { title: 'v2' } };
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: decision as never, actor, ...extra }] });
  }
  await h.result();
  return h.workflowId;
}

/** Sleeps (workflow time skips) until the given instant. */
async function sleepUntil(env: TestWorkflowEnvironment, ms: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (ms > now) await env.sleep(ms - now);
}

const today = async (env: TestWorkflowEnvironment): Promise<string> => isoDateInVietnam(new Date(await env.currentTimeMs()));

/** An agreement registry row kept in memory: the agreement workflow reads it, its events write it. */
function agreementActivities(registry: AgreementSnapshot): object {
  return {
    async loadAgreement() {
      return { ...registry };
    },
    async applyAgreementEvent(e: { kind: string }) {
      if (e.kind === 'EXPIRED') registry.status = 'EXPIRED';
    },
  };
}

/** The reporting activities in memory: the cycle opens on the given due date with three reporting agencies. */
function reportCycleActivities(ctx: ScenarioContext): object {
  return {
    async openReportCycle(r: OpenReportCycleRequest) {
      const due = ctx.cycleDueOn;
      if (!due) return null; // a cycle of this kind and year exists already
      const dates = cycleDates(
        DEFAULT_REPORT_CYCLE_POLICIES.find((p) => p.kind === r.kind)!,
        r.year,
      );
      return {
        cycleId: r.cycleId,
        title: dates.title,
        openedOn: isoDateInVietnam(new Date(r.at)),
        dueOn: r.dueOn ?? due,
        periodFrom: dates.periodFrom,
        periodTo: dates.periodTo,
        consolidator: 'HT-SNGV',
        reporters: ['HT-SCT', 'HT-SGDDT', 'HT-SNGV'].map((agencyCode) => ({ agencyCode, prefill: {} })),
      };
    },
    async applyReportCycleTransition(t: ReportCycleTransition) {
      if (!ctx.reportTransitions.some((x) => x.key === t.key)) ctx.reportTransitions.push(t);
    },
    async generateReportDocuments({ cycleId }: { cycleId: string }) {
      return {
        cycleId,
        documents: [
          { format: 'docx' as const, sha256: 'x', bytes: 1 },
          { format: 'xlsx' as const, sha256: 'y', bytes: 1 },
        ],
      };
    },
  };
}

/** A fresh context for one scenario run. */
export const scenarioContext = (): ScenarioContext => ({
  transitions: [],
  incidents: [],
  reportTransitions: [],
  cycleDueOn: null,
  agreement: { status: 'IN_FORCE', signedOn: '', expiresOn: null, leadAgency: 'HT-SCT', proposalId: 'p' },
});

export const SCENARIOS: Scenario[] = [
  {
    name: 'mou-signed-in-force',
    run: async (env, q) => mouToInForce(env, await start(env, q)),
  },
  {
    // As production runs it: status and stage upserted as search attributes (the other scenarios leave them out).
    name: 'mou-with-search-attributes',
    server: 'dev',
    run: async (env, q) => mouToInForce(env, await start(env, q, { searchAttributes: true }), true),
  },
  {
    name: 'extend-signed',
    run: async (env, q) =>
      mouToInForce(env, await start(env, q, { agreement: { action: 'EXTEND', relatedAgreementId: randomUUID(), termMonths: 24 } })),
  },
  {
    name: 'supplement-resubmit-then-withdraw',
    async run(env, q) {
      const h = await start(env, q);
      await decide(h, 'sngv', 'COMPLETE');
      await decide(h, 'bchqs', 'REQUEST_SUPPLEMENT', { comment: 'Thiếu bản dịch' });
      await env.sleep('2 days');
      await decide(h, 'sub', 'RESUBMIT', { dossier: { title: 'v2' } });
      await h.executeUpdate(withdrawUpdate, { args: [{ reason: 'Đối tác hoãn', actor: A.sub! }] });
      await h.result();
      return h.workflowId;
    },
  },
  {
    name: 'revision-then-reject',
    async run(env, q) {
      const h = await start(env, q);
      await decide(h, 'sngv', 'COMPLETE');
      await decide(h, 'sngv', 'AGREE');
      await decide(h, 'bchqs', 'AGREE');
      await decide(h, 'head', 'AGREE');
      await decide(h, 'sub', 'SUBMIT');
      await decide(h, 'stp', 'NOT_CONFORMS');
      await decide(h, 'sub', 'RESUBMIT', { dossier: { title: 'v2' } });
      await decide(h, 'stp', 'CONFORMS');
      await decide(h, 'chair', 'REJECT');
      await h.result();
      return h.workflowId;
    },
  },
  {
    name: 'disagree-pm-consent-abandoned',
    async run(env, q) {
      const h = await start(env, q);
      await toDecision(h, 'DISAGREE');
      await decide(h, 'chair', 'APPROVE');
      await decide(h, 'head', 'CONSENT');
      await decide(h, 'sub', 'ABANDONED');
      await h.result();
      return h.workflowId;
    },
  },
  {
    // Policy 2026.2 (issue 13): a department agreement has no PM consent gate; the intake officer adds consultees
    // (patched 'intake-plan-amendment'); a DISAGREE goes to the Chairman's decision, who approves; signing abandoned.
    name: 'intake-amendment-disagree-no-pm-consent',
    async run(env, q) {
      const plan = computePlan(DEFAULT_POLICY, {
        kind: 'INTERNATIONAL_AGREEMENT',
        procedure: 'STANDARD',
        details: { level: 'DEPARTMENT', touchesDefence: false, touchesSecurity: false },
      });
      const amendment = {
        at: '2026-03-02T02:00:00.000Z',
        by: { id: 'u-sngv', fullName: 'Officer' },
        comment: 'Gần biên giới',
        addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MND' }],
      };
      const h = await start(env, q, { plan });
      await decide(h, 'sngv', 'COMPLETE', { planAmendment: { plan: amendPlan(plan, amendment, 'STANDARD'), amendment } });
      await decide(h, 'sngv', 'AGREE');
      await decide(h, 'bchqs', 'DISAGREE');
      await decide(h, 'head', 'AGREE');
      await decide(h, 'sub', 'SUBMIT');
      await decide(h, 'stp', 'CONFORMS');
      await decide(h, 'chair', 'APPROVE');
      await decide(h, 'sub', 'ABANDONED');
      await h.result();
      return h.workflowId;
    },
  },
  {
    name: 'timers-overdue-then-cancel',
    async run(env, q) {
      const h = await start(env, q);
      await env.sleep('10 days');
      await h.executeUpdate(syncUpdate);
      await h.executeUpdate(cancelUpdate, { args: [{ reason: 'Trùng hồ sơ', actor: A.admin! }] });
      await h.result();
      return h.workflowId;
    },
  },
  // ---- Recorded from v4 on: every kind, procedure and branch, and every workflow type ----
  {
    name: 'mechanism-approved',
    run: async (env, q, ctx) =>
      drive(
        env,
        await start(env, q, {
          kind: 'MECHANISM_PARTICIPATION',
          plan: computePlan(DEFAULT_POLICY, {
            kind: 'MECHANISM_PARTICIPATION',
            procedure: 'STANDARD',
            details: { participationLevel: 'PROVINCIAL_COMMITTEE' },
          }),
        }),
        ctx,
      ),
  },
  {
    // The province proposes, the Government decides (Res. 250/2025 Art 14): the CENTRAL_DECISION stage approves.
    name: 'office-central-decision-approved',
    run: async (env, q, ctx) =>
      drive(
        env,
        await start(env, q, {
          kind: 'OVERSEAS_OFFICE',
          plan: computePlan(DEFAULT_POLICY, { kind: 'OVERSEAS_OFFICE', procedure: 'STANDARD', details: {} }),
        }),
        ctx,
      ),
  },
  {
    name: 'office-central-decision-rejected',
    run: async (env, q, ctx) =>
      drive(
        env,
        await start(env, q, {
          kind: 'OVERSEAS_OFFICE',
          plan: computePlan(DEFAULT_POLICY, { kind: 'OVERSEAS_OFFICE', procedure: 'STANDARD', details: {} }),
        }),
        ctx,
        { CENTRAL_DECISION: 'REJECT' },
      ),
  },
  {
    name: 'shortened-procedure-in-force',
    run: async (env, q, ctx) =>
      drive(
        env,
        await start(env, q, {
          plan: computePlan(DEFAULT_POLICY, {
            kind: 'INTERNATIONAL_AGREEMENT',
            procedure: 'SHORTENED',
            details: { level: 'DEPARTMENT', touchesDefence: false, touchesSecurity: false },
          }),
        }),
        ctx,
      ),
  },
  {
    // The Chairman returns the dossier for revision; the submitter resubmits; approved, signed, in force.
    name: 'decision-returned-for-revision-in-force',
    run: async (env, q, ctx) => drive(env, await start(env, q), ctx, { DECISION: ['RETURN_FOR_REVISION', 'APPROVE'] }),
  },
  {
    // A consultee disagrees, the Chairman approves, the Prime Minister refuses (Law 70/2020 Art 19(4)): REJECTED.
    name: 'pm-consent-refused',
    run: async (env, q, ctx) => drive(env, await start(env, q), ctx, { OPINION: 'DISAGREE', PM_CONSENT: 'REFUSE' }),
  },
  {
    // A holiday announced after the tasks opened: the administrator recomputes their deadlines; then withdrawn.
    name: 'deadlines-recomputed-then-withdrawn',
    async run(env, q) {
      const h = await start(env, q);
      await decide(h, 'sngv', 'COMPLETE');
      const from = await today(env);
      const announced = [1, 2, 3].map((n) => ({
        date: addDays(from, n),
        name: 'Nghỉ bù',
        nameEn: 'Compensatory day off',
        kind: 'HOLIDAY' as const,
      }));
      await h.executeUpdate(recomputeDeadlinesUpdate, {
        args: [{ calendar: [...VIETNAM_HOLIDAYS_2025_2027, ...announced], reason: 'Lịch nghỉ bù mới', actor: A.admin! }],
      });
      await h.executeUpdate(withdrawUpdate, { args: [{ reason: 'Đối tác hoãn', actor: A.sub! }] });
      await h.result();
      return h.workflowId;
    },
  },
  {
    // The intake step's projection fails as a PoisonedStep: an incident opens, the administrator retries, it lands.
    name: 'incident-retried-then-cancelled',
    async run(env, q, ctx) {
      const h = await start(env, q);
      ctx.poisonSeq = 2;
      const completing = decide(h, 'sngv', 'COMPLETE');
      for (let waited = 0; !ctx.incidents.length; waited += 50) {
        if (waited > 30_000) throw new Error('no incident opened');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      ctx.poisonSeq = undefined; // the cause is fixed
      await h.executeUpdate(retryIncidentUpdate, {
        args: [{ incidentId: ctx.incidents[0]!.id, actor: A.admin!, comment: 'Đã sửa dữ liệu' }],
      });
      await completing;
      await h.executeUpdate(cancelUpdate, { args: [{ reason: 'Trùng hồ sơ', actor: A.admin! }] });
      await h.result();
      return h.workflowId;
    },
  },
  {
    // Opinions left alone past their 7 working days: reminders, overdue and escalation fire on workflow timers.
    name: 'timers-reminded-overdue-escalated-withdrawn',
    async run(env, q) {
      const h = await start(env, q);
      await decide(h, 'sngv', 'COMPLETE');
      await env.sleep('20 days');
      await h.executeUpdate(syncUpdate);
      await h.executeUpdate(withdrawUpdate, { args: [{ reason: 'Đối tác hoãn', actor: A.sub! }] });
      await h.result();
      return h.workflowId;
    },
  },
  {
    // The 60-day reminder of the first term, a signed extension (signal), then the new term's reminders and expiry.
    name: 'agreement-reminded-extended-expired',
    activities: (ctx) => agreementActivities(ctx.agreement),
    async run(env, q, ctx) {
      const from = await today(env);
      Object.assign(ctx.agreement, { status: 'IN_FORCE', signedOn: from, expiresOn: addDays(from, 100) });
      const agreementId = randomUUID();
      const h = await env.client.workflow.start('agreementWorkflow', {
        taskQueue: q,
        workflowId: `agreement-${agreementId}`,
        args: [{ agreementId, reminderDays: [180, 60] }],
      });
      await env.sleep('50 days');
      ctx.agreement.expiresOn = addDays(from, 300); // the extension's projection writes the registry first
      await h.signal(agreementChangedSignal, {
        agreementId,
        action: 'EXTEND',
        signing: { signedAt: new Date(await env.currentTimeMs()).toISOString(), place: 'Hà Tĩnh', signatories: [] },
        proposalId: 'p2',
        reference: 'TTQT-2026-00002',
        termMonths: 12,
      });
      await h.result();
      return h.workflowId;
    },
  },
  {
    // A policy with 60 daily expiry reminders: after 50 events the workflow continues as new (history kept short).
    // The recorded history is the first run's, ending in WorkflowExecutionContinuedAsNew.
    name: 'agreement-continue-as-new',
    activities: (ctx) => agreementActivities(ctx.agreement),
    async run(env, q, ctx) {
      const from = await today(env);
      Object.assign(ctx.agreement, { status: 'IN_FORCE', signedOn: from, expiresOn: addDays(from, 100) });
      const agreementId = randomUUID();
      const reminderDays = Array.from({ length: 60 }, (_, i) => i + 1);
      const h = await env.client.workflow.start('agreementWorkflow', {
        taskQueue: q,
        workflowId: `agreement-${agreementId}`,
        args: [{ agreementId, reminderDays }],
      });
      await h.result(); // follows the chain of runs to the expiry
      return { workflowId: h.workflowId, runId: h.firstExecutionRunId };
    },
  },
  {
    // A plan checked daily (an item falls due each day): an item update signals it; after 100 passes it continues as new.
    name: 'plan-follow-up-signalled-continue-as-new',
    activities: () => ({
      async followUpPlan({ at }: { at: string }) {
        return { escalated: 1, nextCheckAt: new Date(Date.parse(at) + 86_400_000).toISOString() };
      },
    }),
    async run(env, q) {
      const h = await env.client.workflow.start('planFollowUpWorkflow', {
        taskQueue: q,
        workflowId: `plan-${randomUUID()}`,
        args: [{ planId: randomUUID() }],
      });
      await env.sleep('10 days');
      await h.signal(planItemsChangedSignal);
      for (let days = 0; (await h.describe()).runId === h.firstExecutionRunId; days++) {
        if (days > 200) throw new Error('the plan follow-up never continued as new');
        await env.sleep('1 day');
      }
      await env.client.workflow.getHandle(h.workflowId).terminate('recorded');
      return { workflowId: h.workflowId, runId: h.firstExecutionRunId };
    },
  },
  {
    // A 6-month cycle opened by the Schedule (kind only), due in 25 days: one report on time, one after the 50 %
    // reminder, one after the 80 % reminder, overdue and escalation; HT-SNGV consolidates.
    name: 'report-cycle-reminded-escalated-consolidated',
    activities: reportCycleActivities,
    async run(env, q, ctx) {
      ctx.cycleDueOn = addDays(await today(env), 25);
      const h = await env.client.workflow.start('reportCycleWorkflow', {
        taskQueue: q,
        workflowId: `report-cycle-SEMI_ANNUAL-${randomUUID()}`,
        args: [{ kind: 'SEMI_ANNUAL' }],
      });
      await h.executeUpdate(syncReportCycleUpdate);
      const submit = (agencyCode: string) =>
        h.executeUpdate(completeReportTaskUpdate, {
          args: [
            {
              taskId: ctx.reportTransitions.flatMap((t) => t.openTasks).find((t) => t.candidateAgency === agencyCode)!.id,
              decision: 'SUBMITTED',
              actor: reviewer(agencyCode),
              comment: `Báo cáo của ${agencyCode}`,
            },
          ],
        });
      await submit('HT-SCT');
      await sleepUntil(env, Date.parse(`${addDays(ctx.cycleDueOn!, -10)}T08:00:00+07:00`));
      await submit('HT-SNGV');
      await sleepUntil(env, Date.parse(`${addDays(ctx.cycleDueOn!, 2)}T08:00:00+07:00`));
      await submit('HT-SGDDT');
      await h.executeUpdate(consolidateReportCycleUpdate, {
        args: [{ actor: { ...reviewer('HT-SNGV'), roles: ['REVIEWER', 'AGENCY_HEAD'] } }],
      });
      await h.result();
      return h.workflowId;
    },
  },
  {
    // A catch-up start for a kind and year already opened: nothing opens, the run ends SKIPPED.
    name: 'report-cycle-skipped',
    activities: reportCycleActivities,
    async run(env, q) {
      const h = await env.client.workflow.start('reportCycleWorkflow', {
        taskQueue: q,
        workflowId: `report-cycle-ANNUAL-${randomUUID()}`,
        args: [{ kind: 'ANNUAL' }],
      });
      await h.executeUpdate(syncReportCycleUpdate);
      await h.result();
      return h.workflowId;
    },
  },
  {
    // Three undelivered versions: the first delivery fails twice (endpoint down) and is retried with backoff.
    name: 'commitments-sync-retried',
    activities: () => {
      let failures = 0;
      const outcomes = ['DELIVERED', 'ALREADY_DELIVERED', 'REJECTED'] as const;
      return {
        async collectCommitmentVersions(): Promise<CommitmentVersion[]> {
          return [
            { agreementId: 'a1', version: 1 },
            { agreementId: 'a2', version: 1 },
            { agreementId: 'a3', version: 2 },
          ];
        },
        async deliverCommitmentVersion(v: CommitmentVersion) {
          if (v.agreementId === 'a1' && failures < 2) {
            failures += 1;
            throw new Error('connect ECONNREFUSED national commitments endpoint');
          }
          return { ...v, outcome: outcomes[Number(v.agreementId.slice(1)) - 1]! };
        },
      };
    },
    async run(env, q) {
      const h = await env.client.workflow.start('commitmentsSyncWorkflow', {
        taskQueue: q,
        workflowId: `commitments-sync-${randomUUID()}`,
      });
      await h.result();
      return h.workflowId;
    },
  },
];
