/** The plan follow-up under the time-skipping server: it runs at the end of each due day and when an update signals it. */
import { randomUUID } from 'node:crypto';
import { endOfDayInstant, isoDateInVietnam } from '@accord/domain';
import { planItemsChangedSignal, type PlanFollowUpResult } from '@accord/temporal/contracts';
import { useTimeSkipping } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';

describe('planFollowUpWorkflow (time-skipping)', () => {
  const temporal = useTimeSkipping();

  it('escalates each item once when its due day has ended, and re-reads the plan when signalled', async () => {
    const year = Number(isoDateInVietnam(new Date(await temporal.env.currentTimeMs())).slice(0, 4)) + 1;
    // Two one-off items (as "Quý I" and "Quý II" of next year); the fake follow-up escalates what is past due, once.
    const items = [
      { no: 1, dueOn: `${year}-03-31`, done: false, escalated: false },
      { no: 2, dueOn: `${year}-06-30`, done: false, escalated: false },
    ];
    const passes: { at: string; escalated: number[] }[] = [];
    const dueEnd = (dueOn: string) => Date.parse(endOfDayInstant(dueOn)) + 1;
    const followUpPlan = async ({ at }: { planId: string; at: string }): Promise<PlanFollowUpResult> => {
      const now = Date.parse(at);
      const escalated = items.filter((i) => !i.done && !i.escalated && dueEnd(i.dueOn) <= now);
      for (const i of escalated) i.escalated = true;
      passes.push({ at, escalated: escalated.map((i) => i.no) });
      const next = items
        .filter((i) => !i.done && dueEnd(i.dueOn) > now)
        .map((i) => dueEnd(i.dueOn))
        .sort()[0];
      return { escalated: escalated.length, nextCheckAt: next ? new Date(next).toISOString() : null };
    };
    const hanoi = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16);
    const sleepUntil = async (ms: number) => {
      const now = await temporal.env.currentTimeMs();
      if (ms > now) await temporal.env.sleep(ms - now);
    };

    await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: { followUpPlan }, queuePrefix: 'plan' },
      async (taskQueue) => {
        const handle = await temporal.env.client.workflow.start('planFollowUpWorkflow', {
          taskQueue,
          workflowId: `plan-${randomUUID()}`,
          args: [{ planId: 'p1' }],
        });
        await sleepUntil(Date.parse(`${year}-04-02T08:00:00+07:00`));
        // Item 2 is done early: the update's signal makes the follow-up re-read the plan.
        items[1]!.done = true;
        await handle.signal(planItemsChangedSignal);
        await sleepUntil(Date.parse(`${year + 1}-01-10T08:00:00+07:00`));
        const afterSignal = passes.length;
        // Nothing can fall due any more: the workflow waits for a signal, without waking up on its own.
        expect(passes.slice(-1)[0]!.escalated).toEqual([]);
        items[1]!.done = false; // reopened after its due day: overdue at once
        await handle.signal(planItemsChangedSignal);
        await sleepUntil(Date.parse(`${year + 1}-01-10T09:00:00+07:00`));
        expect(passes.length).toBe(afterSignal + 1);
        await handle.terminate('test over');
      },
    );

    expect(passes.map((p) => [hanoi(p.at), p.escalated])).toEqual([
      [expect.any(String), []], // the first pass when the plan is imported
      [`${year}-04-01T00:00`, [1]], // end of 31 March
      [`${year}-04-02T08:00`, []], // signalled: item 2 done, nothing left to wait for
      [`${year + 1}-01-10T08:00`, [2]], // signalled: item 2 reopened, overdue since 30 June
    ]);
  });

  it('continues as new after 100 passes with the same plan, and keeps following it up', async () => {
    // A plan with something due every day: one pass a day.
    const passes: { at: string; planId: string }[] = [];
    const followUpPlan = async ({ planId, at }: { planId: string; at: string }): Promise<PlanFollowUpResult> => {
      passes.push({ at, planId });
      return { escalated: 0, nextCheckAt: new Date(Date.parse(at) + 86_400_000).toISOString() };
    };
    await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: { followUpPlan }, queuePrefix: 'plan' },
      async (taskQueue) => {
        const handle = await temporal.env.client.workflow.start('planFollowUpWorkflow', {
          taskQueue,
          workflowId: `plan-${randomUUID()}`,
          args: [{ planId: 'p-daily' }],
        });
        for (let day = 0; (await handle.describe()).runId === handle.firstExecutionRunId; day++) {
          if (day > 120) throw new Error('no continue-as-new after 120 days');
          await temporal.env.sleep('1 day');
        }
        const first = await temporal.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
        expect(first.status.name).toBe('CONTINUED_AS_NEW');
        const firstHistory = await temporal.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory();
        expect(
          (firstHistory.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'followUpPlan'),
        ).toHaveLength(100);
        const before = passes.length;
        await temporal.env.sleep('2 days');
        // The new run takes over the same plan, still once a day.
        expect(passes.length).toBeGreaterThanOrEqual(before + 1);
        expect(new Set(passes.map((p) => p.planId))).toEqual(new Set(['p-daily']));
        const days = passes.map((p) => Date.parse(p.at));
        days.slice(1).forEach((at, i) => expect(at - days[i]!).toBeLessThanOrEqual(86_400_000 + 1000));
        await temporal.env.client.workflow.getHandle(handle.workflowId).terminate('test over');
      },
    );
  });
});
