/**
 * The proposal workflow under Temporal's time-skipping test server (real Temporal semantics, activities in
 * memory). One bundle per file; workflow ids from randomUUID; the binary comes from npm run setup.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addDays, BusinessCalendar, computePlan, DEFAULT_POLICY, endOfDayInstant, VIETNAM_HOLIDAYS_2025_2027 } from '@accord/domain';
import {
  cancelUpdate,
  completeTaskUpdate,
  stateQuery,
  syncUpdate,
  withdrawUpdate,
  type Actor,
  type ProposalWorkflowInput,
  type Transition,
} from '@accord/temporal/contracts';
import { startTimeSkippingServer, useTimeSkipping } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';
import { patchIds } from '../../test/support/history-facts';
import { deciderAlsoReviews, type FourEyesReview } from '../../test/support/four-eyes-policy';

const actors: Record<string, Actor> = {
  submitter: { id: 'u-sct', fullName: 'Submitter', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] },
  officer: { id: 'u-sngv', fullName: 'Officer', agencyCode: 'HT-SNGV', roles: ['REVIEWER'] },
  head: { id: 'u-sngv-head', fullName: 'Head', agencyCode: 'HT-SNGV', roles: ['REVIEWER', 'AGENCY_HEAD'] },
  bchqs: { id: 'u-bchqs', fullName: 'BCHQS', agencyCode: 'HT-BCHQS', roles: ['REVIEWER'] },
  ca: { id: 'u-ca', fullName: 'CA', agencyCode: 'HT-CA', roles: ['REVIEWER'] },
  stp: { id: 'u-stp', fullName: 'STP', agencyCode: 'HT-STP', roles: ['REVIEWER'] },
  chairman: { id: 'u-chair', fullName: 'Chairman', agencyCode: 'HT-UBND', roles: ['LEADER'] },
  viceChair: { id: 'u-vicechair', fullName: 'Vice-chair', agencyCode: 'HT-UBND', roles: ['LEADER'] },
};

function input(): ProposalWorkflowInput {
  const details = { level: 'PROVINCIAL_COMMITTEE', touchesDefence: true, touchesSecurity: true, touchesInvestment: false, termMonths: 36 };
  return {
    proposalId: randomUUID(),
    reference: 'TTQT-2026-00001',
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU',
    submittingAgency: 'HT-SCT',
    submittedBy: { id: actors.submitter!.id, fullName: 'Submitter' },
    plan: computePlan(DEFAULT_POLICY, { kind: 'INTERNATIONAL_AGREEMENT', procedure: 'STANDARD', details }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027],
    searchAttributes: false,
  };
}

/** The failure type and message a refused Update carries (WorkflowUpdateFailedError wraps an ApplicationFailure). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
    return `${cause.type}: ${cause.message}`;
  }
  throw new Error('the Update was accepted');
}

/**
 * The first Tết break (the longest run of consecutive holidays in a year) after `nowMs` in the seeded calendar,
 * and the working day two working days before it. The seed must cover next year: the test says so if it does not.
 */
function nextTetBreak(nowMs: number): { openOn: string; lastDay: string } {
  const calendar = new BusinessCalendar(VIETNAM_HOLIDAYS_2025_2027);
  const holidays = VIETNAM_HOLIDAYS_2025_2027.filter((d) => d.kind === 'HOLIDAY')
    .map((d) => d.date)
    .sort();
  const after = new Date(nowMs + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const first of holidays.filter((d) => d > after)) {
    let last = first;
    while (holidays.includes(addDays(last, 1))) last = addDays(last, 1);
    if (holidays.filter((d) => d >= first && d <= last).length >= 4) {
      let openOn = addDays(first, -1);
      while (!calendar.isWorkingDay(openOn)) openOn = addDays(openOn, -1);
      openOn = addDays(openOn, -1);
      while (!calendar.isWorkingDay(openOn)) openOn = addDays(openOn, -1);
      return { openOn, lastDay: last };
    }
  }
  throw new Error(`No Tết break after ${after} in the seeded holidays: add next year's official calendar (libs/domain/src/calendar)`);
}

/** Retries an assertion for a few (real) seconds: projections of timer events land asynchronously. */
async function eventually(assertion: () => void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('proposalWorkflow (time-skipping)', () => {
  const temporal = useTimeSkipping();
  let transitions: Transition[];
  let failNextProjection = false;

  beforeEach(() => {
    transitions = [];
    failNextProjection = false;
  });

  async function withWorker<T>(fn: (taskQueue: string) => Promise<T>, onEnv: TestWorkflowEnvironment = temporal.env): Promise<T> {
    const activities = {
      async loadAgreement() {
        return { status: 'IN_FORCE' as const, signedOn: '2026-01-01', expiresOn: '2099-01-01', leadAgency: 'HT-SCT', proposalId: 'p' };
      },
      async applyAgreementEvent() {},
      async applyTransition(t: Transition) {
        if (failNextProjection) {
          failNextProjection = false;
          throw new Error('database down');
        }
        if (!transitions.some((x) => x.key === t.key)) transitions.push(t);
      },
    };
    return withTestWorker({ env: onEnv, bundle: temporal.bundle, activities }, fn);
  }

  it('takes an MoU from intake to IN_FORCE, persisting every step once and in order', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        // A province's proposal (issue 15): its agreement's workflow is started in the same province, below.
        workflowId: `DN:proposal-${randomUUID()}`,
        args: [input()],
      });
      const complete = async (actor: keyof typeof actors, taskId: string, decision: string, extra: object = {}) =>
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: decision as never, actor: actors[actor]!, ...extra }] });
      const open = () => transitions.flatMap((t) => t.openTasks).filter((t) => (transitionsState().open as Set<string>).has(t.id));
      const transitionsState = () => {
        const openIds = new Set<string>();
        for (const t of transitions) {
          t.openTasks.forEach((x) => openIds.add(x.id));
          t.completedTasks.forEach((x) => openIds.delete(x.id));
          t.cancelledTaskIds.forEach((x) => openIds.delete(x));
        }
        return { open: openIds };
      };

      expect((await handle.executeUpdate(syncUpdate)).status).toBe('INTAKE');
      const [intake] = open();
      expect(intake!.kind).toBe('INTAKE_CHECK');
      expect((await complete('officer', intake!.id, 'COMPLETE')).proposal.status).toBe('CONSULTATION');
      const consult = open();
      expect(consult.map((t) => `${t.kind}:${t.candidateAgency}`).sort()).toEqual([
        'EXTERNAL_OPINION:HT-SNGV',
        'OPINION:HT-BCHQS',
        'OPINION:HT-CA',
        'OPINION:HT-SNGV',
      ]);
      for (const t of consult) {
        const who =
          t.candidateAgency === 'HT-BCHQS' ? 'bchqs' : t.candidateAgency === 'HT-CA' ? 'ca' : t.kind === 'OPINION' ? 'officer' : 'head';
        await complete(who, t.id, 'AGREE');
      }
      expect((await handle.query(stateQuery)).status).toBe('ABSORPTION');
      await complete('submitter', open()[0]!.id, 'SUBMIT');
      await complete('stp', open()[0]!.id, 'CONFORMS');
      // Not of HT-UBND: refused as a non-candidate before any four-eyes check (person-level four-eyes: see below).
      expect(await refusal(complete('officer', open()[0]!.id, 'APPROVE'))).toMatch(/^NotCandidate/);
      expect((await complete('chairman', open()[0]!.id, 'APPROVE')).proposal.status).toBe('APPROVED');
      const signingId = open()[0]!.id;
      await temporal.env.sleep('3 days');
      const signedAt = new Date(await temporal.env.currentTimeMs()).toISOString();
      const signed = await complete('submitter', signingId, 'SIGNED', {
        signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] },
      });
      expect(signed.proposal.status).toBe('SIGNED');
      const [report] = open();
      expect(report).toMatchObject({ kind: 'POST_SIGNING_REPORT', clockType: 'CALENDAR_DAYS', clockLength: 15 });
      await complete('submitter', report!.id, 'SUBMITTED');
      expect((await handle.result()).status).toBe('IN_FORCE');

      expect(transitions.map((t) => t.seq)).toEqual(transitions.map((_, i) => i + 1));
      expect(transitions.at(-1)!.status).toBe('IN_FORCE');
      expect(transitions.filter((t) => t.agreement)).toHaveLength(1);
      const agreementId = transitions.find((t) => t.agreement)!.agreement!.id!;
      const agreement = await temporal.env.client.workflow.getHandle(`DN:agreement-${agreementId}`).describe();
      expect(agreement.type).toBe('agreementWorkflow');

      // Every patch a new proposal has (signing's agreement-lifecycle included) under one marker, not one each: each
      // marker comes with a TemporalChangeVersion upsert, a visibility write on the server.
      expect(patchIds(await handle.fetchHistory())).toEqual(['folded-patches-v1']);
    });
  });

  it('tells the workflow of a Hà Tĩnh agreement from before provinces (no prefix) of a change an HT: proposal signed', async () => {
    await withWorker(async (taskQueue) => {
      const agreementId = randomUUID();
      const legacy = await temporal.env.client.workflow.start('agreementWorkflow', {
        taskQueue,
        workflowId: `agreement-${agreementId}`,
        args: [{ agreementId, reminderDays: [] }],
      });
      const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `HT:proposal-${randomUUID()}`,
        args: [{ ...input(), agreement: { action: 'EXTEND', relatedAgreementId: agreementId, termMonths: 24 } }],
      });
      await handle.executeUpdate(syncUpdate);
      // Each step: the first open task some actor may complete with the first decision it allows.
      const order = ['COMPLETE', 'AGREE', 'SUBMIT', 'CONFORMS', 'APPROVE', 'SIGNED', 'SUBMITTED'];
      for (let step = 0; step < 30; step++) {
        const { status, openTaskIds } = await handle.query(stateQuery);
        if (status === 'IN_FORCE') break;
        const open = transitions.flatMap((t) => t.openTasks).filter((t) => openTaskIds.includes(t.id));
        const task = open[0]!;
        const decision = order.find((d) => task.allowedDecisions.includes(d as never))!;
        const extra =
          decision === 'SIGNED'
            ? { signing: { signedAt: new Date(await temporal.env.currentTimeMs()).toISOString(), place: 'Hà Tĩnh', signatories: [] } }
            : {};
        let done = false;
        for (const actor of Object.values(actors)) {
          try {
            await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: decision as never, actor, ...extra }] });
            done = true;
            break;
          } catch {
            /* not this actor's */
          }
        }
        expect(`${task.kind} ${decision} ${done}`).toBe(`${task.kind} ${decision} true`);
      }
      expect((await handle.result()).status).toBe('IN_FORCE');
      // HT:agreement-… does not exist: the unprefixed workflow got the change.
      const history = await legacy.fetchHistory();
      expect(history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes)).toHaveLength(1);
      const proposalHistory = await handle.fetchHistory();
      const targets = proposalHistory
        .events!.map((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowExecution?.workflowId)
        .filter(Boolean);
      expect(targets).toEqual([`HT:agreement-${agreementId}`, `agreement-${agreementId}`]);
    });
  });

  it('refuses a second completion of the same task and a decision the task does not allow, writing nothing', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `proposal-${randomUUID()}`,
        args: [input()],
      });
      await handle.executeUpdate(syncUpdate);
      const intakeId = transitions[0]!.openTasks[0]!.id;
      const before = transitions.length;
      expect(
        await refusal(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'APPROVE', actor: actors.officer! }] }),
        ),
      ).toMatch(/^DecisionNotAllowed: .*not allowed/);
      expect(
        await refusal(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.bchqs! }] }),
        ),
      ).toMatch(/^NotCandidate: .*HT-SNGV/);
      expect(transitions).toHaveLength(before);
      const results = await Promise.allSettled([
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.officer! }] }),
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.head! }] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      await handle.terminate('test done');
    });
  });

  it.each<FourEyesReview>(['OPINION', 'APPRAISAL'])(
    'four-eyes by person: who gave the %s cannot take the DECISION through the Update, another member can',
    async (review) => {
      await withWorker(async (taskQueue) => {
        // A policy in which HT-UBND, the deciding agency, also gives the opinion or the appraisal.
        const policy = {
          ...DEFAULT_POLICY,
          routes: [
            deciderAlsoReviews(DEFAULT_POLICY, review, { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }, 'Four-eyes'),
            ...DEFAULT_POLICY.routes,
          ],
        };
        const plan = computePlan(policy, {
          kind: 'INTERNATIONAL_AGREEMENT',
          procedure: 'STANDARD',
          details: { level: 'PROVINCIAL_COMMITTEE' },
        });
        const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
          taskQueue,
          workflowId: `proposal-${randomUUID()}`,
          args: [{ ...input(), plan }],
        });
        const complete = (actor: keyof typeof actors, taskId: string, decision: string) =>
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: decision as never, actor: actors[actor]! }] });
        const openTask = async (kind: string) => {
          const { openTaskIds } = await handle.query(stateQuery);
          const task = transitions.flatMap((t) => t.openTasks).find((t) => t.kind === kind && openTaskIds.includes(t.id));
          if (!task) throw new Error(`no open ${kind} task`);
          return task;
        };
        await handle.executeUpdate(syncUpdate);
        await complete('officer', (await openTask('INTAKE_CHECK')).id, 'COMPLETE');
        const opinion = await openTask('OPINION');
        expect(opinion.candidateAgency).toBe(review === 'OPINION' ? 'HT-UBND' : 'HT-SNGV');
        await complete(review === 'OPINION' ? 'chairman' : 'officer', opinion.id, 'AGREE');
        await complete('submitter', (await openTask('ABSORPTION')).id, 'SUBMIT');
        const appraisal = await openTask('APPRAISAL');
        expect(appraisal.candidateAgency).toBe(review === 'APPRAISAL' ? 'HT-UBND' : 'HT-STP');
        await complete(review === 'APPRAISAL' ? 'chairman' : 'stp', appraisal.id, 'CONFORMS');
        const decision = await openTask('DECISION');
        expect(decision.candidateAgency).toBe('HT-UBND');
        const before = transitions.length;
        expect(await refusal(complete('chairman', decision.id, 'APPROVE'))).toMatch(
          /^FourEyes: .*already decided the (CONSULTATION|APPRAISAL) stage/,
        );
        expect(transitions).toHaveLength(before);
        expect((await handle.query(stateQuery)).openTaskIds).toEqual([decision.id]);
        expect((await complete('viceChair', decision.id, 'APPROVE')).proposal.status).toBe('APPROVED');
        await handle.terminate('test done');
      });
    },
  );

  it('retries a failed projection until it lands, so the caller still reads its own write', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `proposal-${randomUUID()}`,
        args: [input()],
      });
      await handle.executeUpdate(syncUpdate);
      failNextProjection = true;
      const intakeId = transitions[0]!.openTasks[0]!.id;
      const result = await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.officer! }],
      });
      expect(result.proposal.status).toBe('CONSULTATION');
      expect(transitions.at(-1)!.completedTasks[0]!.id).toBe(intakeId);
      await handle.terminate('test done');
    });
  });

  it('fires reminders, overdue and escalation on workflow timers, across the next Tết break', async () => {
    // A server of its own: its clock starts today, whatever the other tests skipped to.
    const ownEnv = await startTimeSkippingServer();
    const tet = nextTetBreak(await ownEnv.currentTimeMs());
    try {
      await withWorker(async (taskQueue) => {
        const calendar = new BusinessCalendar(VIETNAM_HOLIDAYS_2025_2027);
        const handle = await ownEnv.client.workflow.start('proposalWorkflow', {
          taskQueue,
          workflowId: `proposal-${randomUUID()}`,
          args: [input()],
        });
        await handle.executeUpdate(syncUpdate);
        // Leave the intake alone until 09:00 Hanoi two working days before the break; its own clock runs out meanwhile.
        await ownEnv.sleep(Date.parse(`${tet.openOn}T09:00:00+07:00`) - (await ownEnv.currentTimeMs()));
        const intakeId = transitions[0]!.openTasks[0]!.id;
        const escalations = () =>
          transitions.flatMap((t) => t.audit.filter((a) => a.action === 'TASK_ESCALATED').map((a) => a.payload.taskId));
        await eventually(() => expect(escalations()).toEqual([intakeId]));
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.officer! }] });
        const opinion = transitions.at(-1)!.openTasks.find((t) => t.kind === 'OPINION' && t.candidateAgency === 'HT-SNGV')!;
        const day = (n: number) => Date.parse(endOfDayInstant(calendar.addWorkingDays(tet.openOn, n))) + 1;
        expect(opinion.dueAt).toBe(endOfDayInstant(calendar.addWorkingDays(tet.openOn, 7)));
        await ownEnv.sleep(day(7) + 60_000 - (await ownEnv.currentTimeMs()));
        await eventually(() => expect(escalations()).toContain(opinion.id));
        const fired = transitions
          .flatMap((t) => t.audit.filter((a) => a.payload.taskId === opinion.id).map((a) => ({ action: a.action, at: Date.parse(t.at) })))
          .filter(({ action }) => action !== 'TASKS_OPENED');
        const expected = [
          ['TASK_REMINDER', day(3)],
          ['TASK_REMINDER', day(5)],
          ['TASK_OVERDUE', day(7)],
          ['TASK_ESCALATED', day(7)],
        ] as const;
        expect(fired.map((f) => f.action)).toEqual(expected.map(([action]) => action));
        // Each fires at 24:00 Hanoi time of its working day (a timer may land a few milliseconds late, never early).
        fired.forEach((f, i) => expect(f.at - expected[i]![1]).toBeGreaterThanOrEqual(0));
        fired.forEach((f, i) => expect(f.at - expected[i]![1]).toBeLessThan(1000));
        // The 7 working days skip the whole break: the due date falls after its last day.
        expect(opinion.dueAt.slice(0, 10) > tet.lastDay).toBe(true);
        await handle.terminate('test done');
      }, ownEnv);
    } finally {
      await ownEnv.teardown();
    }
  });

  it('withdraws before the decision and refuses once decided; an administrator cancels', async () => {
    await withWorker(async (taskQueue) => {
      const a = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `proposal-${randomUUID()}`,
        args: [input()],
      });
      await a.executeUpdate(syncUpdate);
      expect(await refusal(a.executeUpdate(withdrawUpdate, { args: [{ reason: 'x', actor: actors.officer! }] }))).toMatch(/^NotCandidate/);
      expect((await a.executeUpdate(withdrawUpdate, { args: [{ reason: 'Đối tác hoãn', actor: actors.submitter! }] })).status).toBe(
        'WITHDRAWN',
      );
      expect((await a.result()).status).toBe('WITHDRAWN');
      expect(transitions.at(-1)!.cancelledTaskIds).toHaveLength(1);

      const b = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `proposal-${randomUUID()}`,
        args: [input()],
      });
      await b.executeUpdate(syncUpdate);
      const admin = { id: 'admin', fullName: 'Admin', agencyCode: null, roles: ['ADMIN'] };
      expect((await b.executeUpdate(cancelUpdate, { args: [{ reason: 'Trùng hồ sơ', actor: admin }] })).status).toBe('CANCELLED');
      expect((await b.result()).status).toBe('CANCELLED');
    });
  });

  it.each([
    ['MECHANISM_PARTICIPATION', { participationLevel: 'PROVINCIAL_COMMITTEE' }, 'APPROVED'],
    ['OVERSEAS_OFFICE', {}, 'APPROVED'],
    ['INTERNATIONAL_AGREEMENT', { level: 'DEPARTMENT', touchesDefence: false, touchesSecurity: true, termMonths: 12 }, 'IN_FORCE'],
  ] as const)('takes a %s proposal through its plan to %s', async (kind, details, finalStatus) => {
    await withWorker(async (taskQueue) => {
      const plan = computePlan(DEFAULT_POLICY, { kind, procedure: 'STANDARD', details });
      const handle = await temporal.env.client.workflow.start('proposalWorkflow', {
        taskQueue,
        workflowId: `proposal-${randomUUID()}`,
        args: [{ ...input(), kind, plan }],
      });
      await handle.executeUpdate(syncUpdate);
      const yes: Record<string, string> = {
        INTAKE_CHECK: 'COMPLETE',
        OPINION: 'AGREE',
        EXTERNAL_OPINION: 'AGREE',
        ABSORPTION: 'SUBMIT',
        APPRAISAL: 'CONFORMS',
        DECISION: 'APPROVE',
        CENTRAL_DECISION: 'APPROVE',
        SIGNING: 'SIGNED',
        POST_SIGNING_REPORT: 'SUBMITTED',
      };
      const reviewer = (agencyCode: string): Actor => ({
        id: `reviewer-${agencyCode}`,
        fullName: agencyCode,
        agencyCode,
        roles: ['REVIEWER'],
      });
      const byAgency: Record<string, Actor> = {
        'HT-SNGV': actors.officer!,
        'HT-BCHQS': actors.bchqs!,
        'HT-CA': actors.ca!,
        'HT-STP': actors.stp!,
        'HT-UBND': actors.chairman!,
        'HT-SCT': actors.submitter!,
        'HT-BDBP': reviewer('HT-BDBP'),
        'HT-VPUBND': reviewer('HT-VPUBND'),
        'HT-SNV': reviewer('HT-SNV'),
        'HT-STC': reviewer('HT-STC'),
      };
      const stagesSeen: string[] = [];
      for (let step = 0; step < 30; step++) {
        const state = await handle.query(stateQuery);
        if (!state.openTaskIds.length) break;
        const taskId = state.openTaskIds[0]!;
        const task = transitions.flatMap((t) => t.openTasks).find((t) => t.id === taskId)!;
        if (!stagesSeen.includes(task.stage)) stagesSeen.push(task.stage);
        // Central bodies' answers are recorded by SNGV's head: the officer's own opinion stays separate (four-eyes).
        const actor = task.externalBody ? actors.head! : byAgency[task.candidateAgency]!;
        const signing =
          task.kind === 'SIGNING'
            ? {
                signing: {
                  signedAt: new Date(await temporal.env.currentTimeMs()).toISOString(),
                  place: 'Hà Tĩnh',
                  signatories: [{ name: 'A', title: 'B', party: 'C' }],
                },
              }
            : {};
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: yes[task.kind] as never, actor, ...signing }] });
      }
      expect((await handle.result()).status).toBe(finalStatus);
      expect(stagesSeen.filter((st) => st !== 'POST_SIGNING')).toEqual(
        plan.stages.map((st) => st.stage).filter((st, i, all) => all.indexOf(st) === i),
      );
    });
  });
});
