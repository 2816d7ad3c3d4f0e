/**
 * The proposal workflow under Temporal's time-skipping test server (real Temporal semantics, activities in
 * memory). One bundle per file; workflow ids from randomUUID; the binary comes from npm run setup.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { computePlan, DEFAULT_POLICY, VIETNAM_HOLIDAYS_2025_2027 } from '../../libs/domain/src';
import { completeTaskUpdate, stateQuery, syncUpdate, type Actor, type ProposalWorkflowInput, type Transition } from '../../libs/temporal/src/contracts';
import { temporalBinary } from '../../test/support/temporal-binaries';

const actors: Record<string, Actor> = {
  submitter: { id: 'u-sct', fullName: 'Submitter', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] },
  officer: { id: 'u-sngv', fullName: 'Officer', agencyCode: 'HT-SNGV', roles: ['REVIEWER'] },
  head: { id: 'u-sngv-head', fullName: 'Head', agencyCode: 'HT-SNGV', roles: ['REVIEWER', 'AGENCY_HEAD'] },
  bchqs: { id: 'u-bchqs', fullName: 'BCHQS', agencyCode: 'HT-BCHQS', roles: ['REVIEWER'] },
  ca: { id: 'u-ca', fullName: 'CA', agencyCode: 'HT-CA', roles: ['REVIEWER'] },
  stp: { id: 'u-stp', fullName: 'STP', agencyCode: 'HT-STP', roles: ['REVIEWER'] },
  chairman: { id: 'u-chair', fullName: 'Chairman', agencyCode: 'HT-UBND', roles: ['LEADER'] },
};

function input(): ProposalWorkflowInput {
  const details = { level: 'PROVINCIAL_COMMITTEE', touchesDefence: true, touchesSecurity: true, touchesInvestment: false, termMonths: 36 };
  return {
    proposalId: randomUUID(), reference: 'TTQT-2026-00001', kind: 'INTERNATIONAL_AGREEMENT', title: 'MoU', submittingAgency: 'HT-SCT',
    submittedBy: { id: actors.submitter!.id, fullName: 'Submitter' },
    plan: computePlan(DEFAULT_POLICY, { kind: 'INTERNATIONAL_AGREEMENT', procedure: 'STANDARD', details }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027], searchAttributes: false,
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

describe('proposalWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let transitions: Transition[];
  let failNextProjection = false;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalBinary('temporal-test-server') } } });
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} } as never });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  beforeEach(() => {
    transitions = [];
    failNextProjection = false;
  });

  async function withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: bundle,
      activities: {
        async applyTransition(t: Transition) {
          if (failNextProjection) {
            failNextProjection = false;
            throw new Error('database down');
          }
          if (!transitions.some((x) => x.key === t.key)) transitions.push(t);
        },
      },
    });
    return worker.runUntil(fn(taskQueue));
  }

  it('takes an MoU from intake to IN_FORCE, persisting every step once and in order', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start('proposalWorkflow', { taskQueue, workflowId: `proposal-${randomUUID()}`, args: [input()] });
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
      expect(consult.map((t) => `${t.kind}:${t.candidateAgency}`).sort()).toEqual(['EXTERNAL_OPINION:HT-SNGV', 'OPINION:HT-BCHQS', 'OPINION:HT-CA', 'OPINION:HT-SNGV']);
      for (const t of consult) {
        const who = t.candidateAgency === 'HT-BCHQS' ? 'bchqs' : t.candidateAgency === 'HT-CA' ? 'ca' : t.kind === 'OPINION' ? 'officer' : 'head';
        await complete(who, t.id, 'AGREE');
      }
      expect((await handle.query(stateQuery)).status).toBe('ABSORPTION');
      await complete('submitter', open()[0]!.id, 'SUBMIT');
      await complete('stp', open()[0]!.id, 'CONFORMS');
      // Four-eyes: the officer gave an opinion, so cannot decide; and is not of HT-UBND anyway.
      expect(await refusal(complete('officer', open()[0]!.id, 'APPROVE'))).toMatch(/^NotCandidate/);
      expect((await complete('chairman', open()[0]!.id, 'APPROVE')).proposal.status).toBe('APPROVED');
      const signingId = open()[0]!.id;
      await env.sleep('3 days');
      const signedAt = new Date(await env.currentTimeMs()).toISOString();
      const signed = await complete('submitter', signingId, 'SIGNED', { signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } });
      expect(signed.proposal.status).toBe('SIGNED');
      const [report] = open();
      expect(report).toMatchObject({ kind: 'POST_SIGNING_REPORT', clockType: 'CALENDAR_DAYS', clockLength: 15 });
      await complete('submitter', report!.id, 'SUBMITTED');
      expect((await handle.result()).status).toBe('IN_FORCE');

      expect(transitions.map((t) => t.seq)).toEqual(transitions.map((_, i) => i + 1));
      expect(transitions.at(-1)!.status).toBe('IN_FORCE');
      expect(transitions.filter((t) => t.agreement)).toHaveLength(1);
    });
  });

  it('refuses a second completion of the same task and a decision the task does not allow, writing nothing', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start('proposalWorkflow', { taskQueue, workflowId: `proposal-${randomUUID()}`, args: [input()] });
      await handle.executeUpdate(syncUpdate);
      const intakeId = transitions[0]!.openTasks[0]!.id;
      const before = transitions.length;
      expect(await refusal(handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'APPROVE', actor: actors.officer! }] }))).toMatch(/^DecisionNotAllowed: .*not allowed/);
      expect(await refusal(handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.bchqs! }] }))).toMatch(/^NotCandidate: .*HT-SNGV/);
      expect(transitions).toHaveLength(before);
      const results = await Promise.allSettled([
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.officer! }] }),
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.head! }] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      await handle.terminate('test done');
    });
  });

  it('retries a failed projection until it lands, so the caller still reads its own write', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start('proposalWorkflow', { taskQueue, workflowId: `proposal-${randomUUID()}`, args: [input()] });
      await handle.executeUpdate(syncUpdate);
      failNextProjection = true;
      const intakeId = transitions[0]!.openTasks[0]!.id;
      const result = await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: intakeId, decision: 'COMPLETE', actor: actors.officer! }] });
      expect(result.proposal.status).toBe('CONSULTATION');
      expect(transitions.at(-1)!.completedTasks[0]!.id).toBe(intakeId);
      await handle.terminate('test done');
    });
  });
});
