/**
 * One workflow per proposal (`<PROVINCE>:proposal-<id>`; `proposal-<id>` from before provinces). Decisions arrive as the `completeTask` Update, validated
 * here before anything enters history; each step is persisted by an idempotent projection activity.
 * Deterministic: workflow time via `new Date()` (the sandbox makes it replay-safe), ids via uuid4().
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  agreementChangedSignal,
  agreementWorkflowIdSuffix,
  inProvinceOf,
  LEGACY_PROVINCE,
  PROVINCE_SEARCH_ATTRIBUTE,
  provinceOfWorkflowId,
  provincePrefixOf,
  DEFAULT_EXPIRY_REMINDER_DAYS,
  cancelUpdate,
  completeTaskUpdate,
  POISONED_STEP,
  recomputeDeadlinesUpdate,
  retryIncidentUpdate,
  UpdateRejection,
  stateQuery,
  syncUpdate,
  withdrawUpdate,
  type ProposalActivities,
  type ReasonedRequest,
  type ProposalWorkflowInput,
  type ProposalState,
  type Transition,
} from '@accord/temporal/contracts';
import { agreementWorkflow } from './agreement.workflow';
import { runClocks } from './clock-loop';
import { EngineRejection, PATCHES, ProposalEngine, type TransitionDraft } from './engine';

const projectionOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
/** Histories recorded before `local-projections` scheduled each projection as an activity task; they replay with it. */
const remoteProjections = proxyActivities<ProposalActivities>(projectionOptions);
/**
 * Projections run as local activities (docs/benchmarks.md, issue 16): the worker runs the step itself while it holds
 * the workflow task, so a decision costs one workflow task instead of two plus an activity task's round trip through
 * the server, and its history one marker instead of three activity events. Same retries and incident rule; the
 * projection stays idempotent by transition key, which a local activity needs as much (it may run again if the
 * worker dies before the workflow task completes).
 */
const localProjections = proxyLocalActivities<ProposalActivities>(projectionOptions);

const keys = {
  status: defineSearchAttributeKey('ProposalStatus', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  province: defineSearchAttributeKey(PROVINCE_SEARCH_ATTRIBUTE, SearchAttributeType.KEYWORD),
};

/**
 * The patches a proposal started since `folded-patches-v1` has, all under that one marker. Each patch's marker comes
 * with an upsert of the TemporalChangeVersion search attribute (the SDK core adds it), which is a visibility write on
 * the server: about 2 ms of the Temporal server's CPU each on the bench's dev server (docs/benchmarks.md, sixth stop),
 * four or five of them per proposal. A proposal started before the fold replays with the markers it recorded: during
 * replay `folded-patches-v1` is absent and each patch is asked for as before. A patch added later is asked for on its
 * own (not listed here) until a later fold.
 */
const FOLDED_PATCHES: ReadonlySet<string> = new Set([
  'incidents-v1',
  'local-projections',
  'search-attributes-on-change',
  PATCHES.INTAKE_PLAN_AMENDMENT,
  PATCHES.AGREEMENT_LIFECYCLE,
]);

export async function proposalWorkflow(input: ProposalWorkflowInput): Promise<ProposalState> {
  const { workflowId, runId } = workflowInfo();
  // First, before any other patch is asked for, and once: whether this run has every folded patch under one marker.
  // Asked again once live, a run from before the fold would get true and change course mid-history.
  const folded = patched('folded-patches-v1');
  const isPatched = (patchId: string): boolean => (folded && FOLDED_PATCHES.has(patchId)) || patched(patchId);
  const engine = new ProposalEngine(input, { newId: uuid4, now: () => new Date(), patched: isPatched });
  // Histories recorded before incidents existed never saw a PoisonedStep failure; the marker keeps them replaying.
  const incidents = isPatched('incidents-v1');
  const { applyTransition, openIncident, closeIncident } = isPatched('local-projections') ? localProjections : remoteProjections;
  /** The incident a failed step waits on, and whether an administrator asked to run it again. */
  let waiting: { incidentId: string; retry: boolean } | null = null;
  let retries = 0;

  /**
   * Applies a projection; a step that keeps failing on the same input (the activity says PoisonedStep) opens an
   * incident and waits for an administrator's retry (docs/reliability.md), then runs again. Later steps queue behind it.
   */
  const project = async (transition: Transition): Promise<void> => {
    if (!incidents) {
      await applyTransition(transition);
      return;
    }
    let incidentId: string | null = null;
    for (;;) {
      try {
        await applyTransition(transition);
        if (incidentId) await closeIncident({ incidentId, at: new Date().toISOString() });
        return;
      } catch (err) {
        // An activity task's failure arrives wrapped in an ActivityFailure; a local activity's as the ApplicationFailure itself.
        const cause = err instanceof ActivityFailure ? err.cause : err;
        if (!(cause instanceof ApplicationFailure && cause.type === POISONED_STEP)) throw err;
        // One incident per failed step: a retry that fails again reopens it with the new error.
        incidentId ??= uuid4();
        await openIncident({
          id: incidentId,
          workflowId,
          runId,
          proposalId: input.proposalId,
          stepKey: transition.key,
          step: { seq: transition.seq, action: transition.audit[0]?.action ?? 'STEP', status: transition.status, stage: transition.stage },
          activity: 'applyTransition',
          errorType: POISONED_STEP,
          errorMessage: cause.message,
          openedAt: new Date().toISOString(),
          retryCount: retries,
        });
        const wait = { incidentId, retry: false };
        waiting = wait;
        await condition(() => wait.retry);
        waiting = null;
        retries += 1;
      }
    }
  };
  let seq = 0;
  /** Bumped on every step, so the clock loop recomputes its next timer. */
  let changes = 0;
  // Projections are applied one at a time, in workflow order, so the read side never goes backwards.
  let projections: Promise<void> = Promise.resolve();

  /** The status and stage the last upsert indexed (none yet: the start indexed the status SUBMITTED only). */
  let indexed: { status?: string; stage?: string | null } = {};
  const index = (status: string, stage: string | null): void => {
    // Each upsert is a history event and a visibility write on the server (issue 16): only what changed is sent. A
    // history from before `search-attributes-on-change` upserted both on every step, and replays that way.
    const pairs: SearchAttributeUpdatePair[] = isPatched('search-attributes-on-change')
      ? [
          ...(status !== indexed.status ? [{ key: keys.status, value: status }] : []),
          ...(stage !== indexed.stage ? [{ key: keys.stage, value: stage }] : []),
        ]
      : [
          { key: keys.status, value: status },
          { key: keys.stage, value: stage },
        ];
    if (pairs.length) upsertSearchAttributes(pairs);
    indexed = { status, stage };
  };

  const persist = (draft: TransitionDraft): Promise<void> => {
    seq += 1;
    changes += 1;
    const transition = { ...draft, key: `${workflowId}/${seq}`, seq, workflowId, runId };
    if (input.searchAttributes !== false) index(transition.status, transition.stage);
    projections = projections.then(() => project(transition));
    return projections;
  };

  /**
   * After signing: a new agreement gets its own lifecycle workflow; a signed change tells the agreement's workflow.
   * The agreement's workflow is in this proposal's province: its id takes this workflow's prefix (none for a proposal
   * from before provinces, whose history recorded the unprefixed child id).
   */
  const followUp = async (draft: TransitionDraft): Promise<void> => {
    if (draft.agreement?.id) {
      // Legacy parents start the child exactly as their history recorded it (no search attribute either).
      const province = provincePrefixOf(workflowId);
      await startChild(agreementWorkflow, {
        workflowId: inProvinceOf(workflowId, agreementWorkflowIdSuffix(draft.agreement.id)),
        args: [{ agreementId: draft.agreement.id, reminderDays: input.plan.gates.expiryReminderDays ?? DEFAULT_EXPIRY_REMINDER_DAYS }],
        // The agreement outlives the proposal (years): closing the proposal must not end it.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        ...(province && input.searchAttributes !== false ? { typedSearchAttributes: [{ key: keys.province, value: province }] } : {}),
      });
    }
    if (draft.agreementChange) {
      const suffix = agreementWorkflowIdSuffix(draft.agreementChange.agreementId);
      // A Hà Tĩnh agreement registered before provinces has an unprefixed workflow: tried when the prefixed one is not there.
      const targets = [
        ...new Set([inProvinceOf(workflowId, suffix), ...(provinceOfWorkflowId(workflowId) === LEGACY_PROVINCE ? [suffix] : [])]),
      ];
      for (const target of targets) {
        try {
          await getExternalWorkflowHandle(target).signal(agreementChangedSignal, draft.agreementChange);
          break;
        } catch {
          // An agreement registered before lifecycle workflows existed has none to tell; the registry row is already updated.
        }
      }
    }
  };

  /** Validators turn the engine's refusals into non-retryable failures: the Update is rejected before it enters history. */
  const rejecting = (validate: () => void) => () => {
    try {
      validate();
    } catch (err) {
      if (err instanceof EngineRejection) throw ApplicationFailure.create({ type: err.type, message: err.message, nonRetryable: true });
      throw err;
    }
  };

  setHandler(stateQuery, () => engine.state);
  setHandler(syncUpdate, async () => {
    // Wait for the chain as it stands, and for whatever was chained while waiting.
    for (let seen = projections; ; seen = projections) {
      await seen;
      if (seen === projections) return engine.state;
    }
  });
  setHandler(
    completeTaskUpdate,
    async (request) => {
      // The engine changes state synchronously, before the first await: a concurrent Update for the
      // same task is refused by its validator, so exactly one of two racing reviewers wins.
      const draft = engine.complete(request);
      await persist(draft);
      await followUp(draft);
      const completed = draft.completedTasks.find((task) => task.id === request.taskId);
      return { taskId: request.taskId, proposal: { id: input.proposalId, status: draft.status }, ...(completed ? { completed } : {}) };
    },
    { validator: (request) => rejecting(() => engine.validate(request))() },
  );

  setHandler(
    withdrawUpdate,
    async ({ actor, reason }) => {
      const draft = engine.withdraw(actor, reason);
      await persist(draft);
      return { id: input.proposalId, status: draft.status };
    },
    { validator: ({ actor }) => rejecting(() => engine.validateWithdraw(actor))() },
  );
  setHandler(
    cancelUpdate,
    async ({ actor, reason }) => {
      const draft = engine.cancel(actor, reason);
      await persist(draft);
      return { id: input.proposalId, status: draft.status };
    },
    { validator: (_request: ReasonedRequest) => rejecting(() => engine.validateCancel())() },
  );

  setHandler(
    recomputeDeadlinesUpdate,
    async ({ calendar, reason, actor }) => {
      const draft = engine.recomputeDeadlines(calendar, actor, reason);
      await persist(draft);
      return { id: input.proposalId, rescheduled: draft.rescheduledTasks?.length ?? 0 };
    },
    { validator: (_request) => rejecting(() => engine.validateCancel())() },
  );

  setHandler(
    retryIncidentUpdate,
    ({ incidentId }) => {
      const w = waiting as { incidentId: string; retry: boolean } | null;
      if (w) w.retry = true;
      return { incidentId, retrying: true };
    },
    {
      validator: ({ incidentId }) => {
        const w = waiting as { incidentId: string; retry: boolean } | null;
        if (!w || w.incidentId !== incidentId || w.retry) {
          throw ApplicationFailure.create({
            type: UpdateRejection.NO_INCIDENT,
            message: 'The proposal is not waiting on this incident',
            nonRetryable: true,
          });
        }
      },
    },
  );

  await persist(engine.start());
  // Clocks: sleep until the next reminder / overdue instant, or until a decision changes the picture.
  await runClocks(engine, () => changes, persist);
  await condition(allHandlersFinished);
  await projections;
  return engine.state;
}
