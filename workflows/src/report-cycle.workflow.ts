/**
 * One workflow per reporting cycle (docs/domain.md "Reporting cycles"). A Temporal Schedule starts it on the policy's
 * opening day (or an administrator does, by hand): it opens the cycle from the policy, the registry and the plans,
 * opens a PERIODIC_REPORT task per reporting agency, reminds and escalates on the review-task clock, takes the
 * reports as the `completeReportTask` Update, and ends when the consolidating agency (HT-SNGV) consolidates, which
 * generates the consolidated report (DOCX and XLSX). Deterministic: workflow time, ids via uuid4().
 */
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { isoDateInVietnam } from '@accord/domain';
import {
  completeReportTaskUpdate,
  consolidateReportCycleUpdate,
  reportCycleStateQuery,
  syncReportCycleUpdate,
  UpdateRejection,
  type ReportCycleActivities,
  type ReportCycleState,
  type ReportCycleWorkflowInput,
} from '@accord/temporal/contracts';
import { runClocks } from './clock-loop';
import { EngineRejection } from './engine';
import { ReportCycleEngine, type ReportCycleDraft } from './report-cycle.engine';

const { openReportCycle, applyReportCycleTransition, generateReportDocuments } = proxyActivities<ReportCycleActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function reportCycleWorkflow(input: ReportCycleWorkflowInput): Promise<ReportCycleState> {
  const { workflowId, runId } = workflowInfo();
  let engine: ReportCycleEngine | null = null;
  let skipped = false;
  let seq = 0;
  let changes = 0;
  let projections: Promise<void> = Promise.resolve();
  const waiting: ReportCycleState = { cycleId: input.cycleId ?? null, status: 'OPEN', openTaskIds: [], submittedAgencies: [] };
  const state = (): ReportCycleState => (skipped ? { ...waiting, status: 'SKIPPED' } : (engine?.state ?? waiting));

  const persist = (draft: ReportCycleDraft): Promise<void> => {
    seq += 1;
    changes += 1;
    const transition = { ...draft, key: `${workflowId}/${seq}`, seq, workflowId, runId };
    projections = projections.then(() => applyReportCycleTransition(transition));
    return projections;
  };
  const rejecting = (validate: () => void) => {
    if (!engine)
      throw ApplicationFailure.create({ type: UpdateRejection.TASK_NOT_FOUND, message: 'The cycle is not open yet', nonRetryable: true });
    try {
      validate();
    } catch (err) {
      if (err instanceof EngineRejection) throw ApplicationFailure.create({ type: err.type, message: err.message, nonRetryable: true });
      throw err;
    }
  };

  // Handlers first: the api asks for a sync right after starting a cycle by hand.
  setHandler(reportCycleStateQuery, state);
  setHandler(syncReportCycleUpdate, async () => {
    await condition(() => engine !== null || skipped);
    for (let seen = projections; ; seen = projections) {
      await seen;
      if (seen === projections) return state();
    }
  });
  setHandler(
    completeReportTaskUpdate,
    async (request) => {
      const cycle = engine!;
      await persist(cycle.complete(request));
      return { taskId: request.taskId, reportCycle: { id: cycle.state.cycleId!, status: cycle.state.status as 'OPEN' | 'CONSOLIDATED' } };
    },
    { validator: (request) => rejecting(() => engine!.validate(request)) },
  );
  setHandler(
    consolidateReportCycleUpdate,
    async ({ actor }) => {
      const cycle = engine!;
      await persist(cycle.consolidate(actor));
      await generateReportDocuments({ cycleId: cycle.state.cycleId!, at: new Date().toISOString() });
      return cycle.state;
    },
    { validator: ({ actor }) => rejecting(() => engine!.validateConsolidate(actor)) },
  );

  const now = new Date();
  const opened = await openReportCycle({
    cycleId: input.cycleId ?? uuid4(),
    kind: input.kind,
    // A scheduled start carries no year: the cycle is the one of the year it opens in.
    year: input.year ?? Number(isoDateInVietnam(now).slice(0, 4)),
    workflowId,
    at: now.toISOString(),
    ...(input.dueOn ? { dueOn: input.dueOn } : {}),
    ...(input.openedBy ? { openedBy: input.openedBy } : {}),
  });
  if (!opened) {
    skipped = true; // a cycle of this kind and year exists already (opened by hand, or an earlier run)
    await condition(allHandlersFinished);
    return state();
  }
  engine = new ReportCycleEngine(opened, { newId: uuid4, now: () => new Date() });
  await persist(engine.open());

  await runClocks(engine, () => changes, persist);
  await condition(allHandlersFinished);
  await projections;
  return engine.state;
}
