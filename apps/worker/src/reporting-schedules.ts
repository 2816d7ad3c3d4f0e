/**
 * Temporal Schedules for the reporting cycles (one per province and cycle kind, from the province's
 * report_cycle_policy) and for the commitments sync (one per province), created or updated at worker start so that
 * the schedule always follows the current policy data and configuration. Idempotent: an existing schedule is updated
 * in place; the commitments-sync schedules are deleted when COMMITMENTS_SYNC_URL is unset (the sync is off). Schedule
 * and workflow ids start with the province (`HT:report-cycle-ANNUAL`), so the workflows' activities act for it, and
 * every started workflow carries the Province search attribute.
 */
import {
  Client,
  MONTHS,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { ReportCyclePolicy } from '@accord/domain';
import {
  commitmentsSyncScheduleId,
  commitmentsSyncWorkflowId,
  reportCycleScheduleId,
  startSearchAttributes,
  TASK_QUEUE,
} from '@accord/temporal';

export const SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';
/** Cycles open at 08:00 Hanoi time on the policy's opening day. */
const OPENING_HOUR = 8;

export function reportCycleSchedule(province: string, policy: ReportCyclePolicy, taskQueue = TASK_QUEUE): ScheduleOptions {
  const [month, day] = policy.opens.monthDay.split('-').map(Number) as [number, number];
  return {
    scheduleId: reportCycleScheduleId(province, policy.kind),
    spec: {
      calendars: [
        {
          month: MONTHS[month - 1]!,
          dayOfMonth: day,
          hour: OPENING_HOUR,
          comment: `${policy.kind}: opens ${policy.opens.monthDay}, due ${policy.due.monthDay}`,
        },
      ],
      timezone: SCHEDULE_TIMEZONE,
    },
    // The workflow id gets the scheduled time appended by the server; the cycle's year is the year it starts in.
    action: {
      type: 'startWorkflow',
      workflowType: 'reportCycleWorkflow',
      taskQueue,
      workflowId: reportCycleScheduleId(province, policy.kind),
      args: [{ kind: policy.kind }],
      typedSearchAttributes: startSearchAttributes(reportCycleScheduleId(province, policy.kind)),
    },
    // A cycle runs until it is consolidated, possibly past next year's opening: cycles of different years run side by side.
    // A worker or server down on the opening day opens the cycle when it is back within a week.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '7 days' },
  };
}

export function commitmentsSyncSchedule(province: string, interval: string, taskQueue = TASK_QUEUE): ScheduleOptions {
  return {
    scheduleId: commitmentsSyncScheduleId(province),
    // COMMITMENTS_SYNC_INTERVAL is validated as <n>s|m|h|d, which Temporal's Duration reads.
    spec: { intervals: [{ every: interval as Duration }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'commitmentsSyncWorkflow',
      taskQueue,
      workflowId: commitmentsSyncWorkflowId(province),
      args: [],
      typedSearchAttributes: startSearchAttributes(commitmentsSyncWorkflowId(province)),
    },
    // One run at a time; a run asked for meanwhile waits for the current one (each run is idempotent anyway).
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 hour' },
  };
}

/** Creates the schedule, or brings an existing one in line with `options`. */
export async function upsertSchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(options.scheduleId).update((previous) => ({
    ...previous,
    spec: options.spec,
    action: options.action,
    policies: { ...previous.policies, ...options.policies },
  }));
  return 'updated';
}

export async function deleteSchedule(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}
