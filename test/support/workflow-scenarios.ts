/** Every branch of the proposal workflow as a scripted run, for recording histories (scripts/record-histories.ts). */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { amendPlan, computePlan, DEFAULT_POLICY, VIETNAM_HOLIDAYS_2025_2027 } from '../../libs/domain/src';
import {
  cancelUpdate, completeTaskUpdate, stateQuery, syncUpdate, withdrawUpdate, type Actor, type ProposalWorkflowInput,
} from '../../libs/temporal/src/contracts';

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
    proposalId: randomUUID(), reference: 'TTQT-2026-00001', kind: 'INTERNATIONAL_AGREEMENT', title: 'MoU', submittingAgency: 'HT-SCT',
    submittedBy: { id: 'u-sct', fullName: 'Submitter' },
    plan: computePlan(DEFAULT_POLICY, { kind: 'INTERNATIONAL_AGREEMENT', procedure: 'STANDARD', details: { level: 'PROVINCIAL_COMMITTEE', touchesDefence: true, touchesSecurity: false } }),
    calendar: [...VIETNAM_HOLIDAYS_2025_2027], searchAttributes: false,
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
  const handle = await env.client.workflow.start('proposalWorkflow', { taskQueue, workflowId: `proposal-${randomUUID()}`, args: [input(extra)] });
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

export interface Scenario {
  name: string;
  /** 'dev': recorded on the dev server (real time, our search attributes registered); else the time-skipping server. */
  server?: 'dev';
  run(env: TestWorkflowEnvironment, taskQueue: string): Promise<string>;
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
    run: async (env, q) => mouToInForce(env, await start(env, q, { agreement: { action: 'EXTEND', relatedAgreementId: randomUUID(), termMonths: 24 } })),
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
      const plan = computePlan(DEFAULT_POLICY, { kind: 'INTERNATIONAL_AGREEMENT', procedure: 'STANDARD', details: { level: 'DEPARTMENT', touchesDefence: false, touchesSecurity: false } });
      const amendment = { at: '2026-03-02T02:00:00.000Z', by: { id: 'u-sngv', fullName: 'Officer' }, comment: 'Gần biên giới', addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MND' }] };
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
];
