/**
 * One workflow per imported implementation plan (`<PROVINCE>:plan-<id>`): at the end of each item's due day it runs the
 * follow-up, which flags overdue items and escalates each to the lead agency's head once per due date (like an
 * overdue review task). Status updates signal it, so it re-reads the plan; between due dates it sleeps.
 */
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { planItemsChangedSignal, type PlanActivities, type PlanFollowUpInput } from '@accord/temporal/contracts';

const { followUpPlan } = proxyActivities<PlanActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function planFollowUpWorkflow(input: PlanFollowUpInput): Promise<void> {
  let changed = false;
  setHandler(planItemsChangedSignal, () => {
    changed = true;
  });
  for (let passes = 1; ; passes++) {
    changed = false;
    const { nextCheckAt } = await followUpPlan({ planId: input.planId, at: new Date().toISOString() });
    if (nextCheckAt === null) {
      await condition(() => changed);
    } else {
      const wait = Date.parse(nextCheckAt) - new Date().getTime(); // workflow time
      if (wait > 0) await condition(() => changed, wait);
    }
    // Plans run for years: keep the history short.
    if (passes >= 100 || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof planFollowUpWorkflow>(input);
  }
}
