/**
 * The bare-Temporal baseline: the same shape as a proposal workflow (one activity per step, Updates that each
 * run one activity before answering, a `sync` Update after start) with nothing else: no Nest, no database, no
 * engine. Measured on the same dev server in the same run, it turns Accord's figures into a ratio.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

export const baselineSyncUpdate = defineUpdate<number, []>('sync');
export const baselineDecideUpdate = defineUpdate<number, [{ taskId: string }]>('decide');

export interface BaselineInput {
  /** Decisions after which the workflow ends (Accord's proposal workflow ends at IN_FORCE). */
  decisions: number;
}

const { project } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function baselineWorkflow(input: BaselineInput): Promise<number> {
  let step = 0;
  const decided = new Set<string>();
  // Steps are projected one at a time, in order, as in proposalWorkflow.
  let chain: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    step += 1;
    const s = step;
    chain = chain.then(async () => {
      await project(s);
    });
    return chain;
  };
  setHandler(baselineSyncUpdate, async () => {
    await chain;
    return step;
  });
  setHandler(
    baselineDecideUpdate,
    async ({ taskId }) => {
      decided.add(taskId);
      await persist();
      return step;
    },
    {
      validator: ({ taskId }) => {
        if (decided.has(taskId)) throw new Error(`task ${taskId} is decided already`);
      },
    },
  );
  await persist();
  await condition(() => decided.size >= input.decisions);
  await condition(allHandlersFinished);
  await chain;
  return step;
}
