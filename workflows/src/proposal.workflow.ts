/**
 * One workflow per proposal (`proposal-<id>`). Decisions arrive as the `completeTask` Update, validated
 * here before anything enters history; each step is persisted by an idempotent projection activity.
 * Deterministic: workflow time via `new Date()` (the sandbox makes it replay-safe), ids via uuid4().
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  completeTaskUpdate,
  stateQuery,
  syncUpdate,
  type ProposalActivities,
  type ProposalWorkflowInput,
  type ProposalState,
} from '../../libs/temporal/src/contracts';
import { EngineRejection, ProposalEngine, type TransitionDraft } from './engine';

const { applyTransition } = proxyActivities<ProposalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const keys = {
  status: defineSearchAttributeKey('ProposalStatus', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
};

export async function proposalWorkflow(input: ProposalWorkflowInput): Promise<ProposalState> {
  const { workflowId, runId } = workflowInfo();
  const engine = new ProposalEngine(input, { newId: uuid4, now: () => new Date() });
  let seq = 0;
  // Projections are applied one at a time, in workflow order, so the read side never goes backwards.
  let projections: Promise<void> = Promise.resolve();

  const persist = (draft: TransitionDraft): Promise<void> => {
    seq += 1;
    const transition = { ...draft, key: `${workflowId}/${seq}`, seq, workflowId, runId };
    if (input.searchAttributes !== false) {
      const pairs: SearchAttributeUpdatePair[] = [
        { key: keys.status, value: transition.status },
        { key: keys.stage, value: transition.stage },
      ];
      upsertSearchAttributes(pairs);
    }
    projections = projections.then(() => applyTransition(transition));
    return projections;
  };

  setHandler(stateQuery, () => engine.state);
  setHandler(syncUpdate, async () => {
    await projections;
    return engine.state;
  });
  setHandler(
    completeTaskUpdate,
    async (request) => {
      // The engine changes state synchronously, before the first await: a concurrent Update for the
      // same task is refused by its validator, so exactly one of two racing reviewers wins.
      const draft = engine.complete(request);
      await persist(draft);
      return { taskId: request.taskId, proposal: { id: input.proposalId, status: draft.status } };
    },
    {
      validator: (request) => {
        try {
          engine.validate(request);
        } catch (err) {
          if (err instanceof EngineRejection) throw ApplicationFailure.create({ type: err.type, message: err.message, nonRetryable: true });
          throw err;
        }
      },
    },
  );

  await persist(engine.start());
  await condition(() => engine.done && allHandlersFinished());
  await projections;
  return engine.state;
}
