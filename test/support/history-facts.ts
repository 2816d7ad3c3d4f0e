/**
 * What a recorded history shows, as short facts ("update:completeTask:RESUBMIT", "timer→applyTransition:TASK_OVERDUE",
 * "continued-as-new"), so a test can check each history in the replay corpus holds the branch it is named after.
 * Payloads are decoded with the default converter (the corpus is recorded without a codec).
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
type Payload = temporal.api.common.v1.IPayload;
const { EventType } = temporal.api.enums.v1;

const decode = (payloads: Payload[] | null | undefined, i = 0): unknown => {
  const payload = payloads?.[i];
  return payload ? defaultPayloadConverter.fromPayload(payload as never) : undefined;
};
type Loose = Record<string, unknown> & { audit?: { action: string }[]; notifications?: { kind: string }[] };

/** What an activity's input says happened (audit actions, notification kinds, agreement event kinds). */
function inputFacts(activity: string, input: Loose | undefined): string[] {
  if (!input) return [activity];
  const kinds = [
    ...(input.audit ?? []).map((a) => a.action),
    ...(input.notifications ?? []).map((n) => n.kind),
    ...(typeof input.kind === 'string' && activity === 'applyAgreementEvent' ? [input.kind] : []),
  ];
  return kinds.length ? kinds.map((k) => `${activity}:${k}`) : [activity];
}

/** The patch ids of a history's patch markers (`core_patch`, one per patched() id a run took), in history order. */
export function patchIds(history: History): string[] {
  return (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((a) => a?.markerName === 'core_patch')
    .map((a) => (decode(a!.details?.['patch-data']?.payloads) as { id: string }).id);
}

export function historyFacts(history: History): Set<string> {
  const facts = new Set<string>();
  const activityOf = new Map<string, string>();
  let afterTimer = false;
  /** What a step says it wrote: an activity task's input, or a local activity's result (which repeats it). */
  const stepFacts = (activity: string, step: Loose | undefined) => {
    for (const f of inputFacts(activity, step)) {
      facts.add(f);
      // The first step a timer wakes the workflow for: what the clock fired.
      if (afterTimer) facts.add(`timer→${f}`);
    }
    if (activity === 'applyTransition' && step) facts.add(`stage:${String(step.stage)}`);
    afterTimer = false;
  };
  for (const e of history.events ?? []) {
    switch (e.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
        const a = e.workflowExecutionStartedEventAttributes!;
        facts.add(`type:${a.workflowType?.name}`);
        type Stages = { stage: string; tasks: { clock: { type: string; length: number } }[] }[];
        const input = decode(a.input?.payloads) as
          { kind?: string; plan?: { stages: Stages }; agreement?: { action?: string } } | undefined;
        if (input?.kind) facts.add(`kind:${input.kind}`);
        // The consultation clock tells the procedure: 7 working days, 3 under the shortened one.
        const consultation = input?.plan?.stages.find((st) => st.stage === 'CONSULTATION')?.tasks[0]?.clock;
        if (consultation) facts.add(`consultation-clock:${consultation.length} ${consultation.type}`);
        if (input?.agreement?.action) facts.add(`action:${input.agreement.action}`);
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        facts.add('continued-as-new');
        break;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        // The SDK upserts TemporalChangeVersion for patched(); the workflow its own ProposalStatus and Stage.
        for (const key of Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}))
          facts.add(`upserted:${key}`);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        facts.add(`signal:${e.workflowExecutionSignaledEventAttributes!.signalName}`);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const request = e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!;
        const arg = decode(request.args?.payloads) as { decision?: string; planAmendment?: unknown } | undefined;
        facts.add(`update:${request.name}`);
        if (arg?.decision) facts.add(`update:${request.name}:${arg.decision}`);
        if (arg?.planAmendment) facts.add(`update:${request.name}:planAmendment`);
        break;
      }
      case EventType.EVENT_TYPE_TIMER_FIRED:
        facts.add('timer-fired');
        afterTimer = true;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const a = e.activityTaskScheduledEventAttributes!;
        const name = a.activityType!.name!;
        activityOf.set(String(e.eventId), name);
        facts.add(`activity:${name}`);
        stepFacts(name, decode(a.input?.payloads) as Loose | undefined);
        break;
      }
      case EventType.EVENT_TYPE_MARKER_RECORDED: {
        // A local activity (the proposal's projections since `local-projections`) leaves one marker: its type and
        // attempt, and its result or failure, but not its input; applyTransition's result says what it applied.
        const a = e.markerRecordedEventAttributes!;
        if (a.markerName !== 'core_local_activity') break;
        const data = decode(a.details?.data?.payloads) as { activity_type: string; attempt: number };
        const name = data.activity_type;
        facts.add(`activity:${name}`);
        facts.add(`local-activity:${name}`);
        if (data.attempt > 1) facts.add(`activity-retried:${name}`);
        if (a.failure) {
          facts.add(`activity-failed:${name}`);
          break;
        }
        stepFacts(name, decode(a.details?.result?.payloads) as Loose | undefined);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        // Failed attempts that were retried leave no event of their own: the started event counts them.
        const a = e.activityTaskStartedEventAttributes!;
        if ((a.attempt ?? 1) > 1) facts.add(`activity-retried:${activityOf.get(String(a.scheduledEventId))}`);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
        facts.add(`activity-failed:${activityOf.get(String(e.activityTaskFailedEventAttributes!.scheduledEventId))}`);
        break;
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        facts.add(`child:${e.startChildWorkflowExecutionInitiatedEventAttributes!.workflowType?.name}`);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: {
        const result = decode(e.workflowExecutionCompletedEventAttributes!.result?.payloads) as { status?: string } | string | undefined;
        facts.add(`completed:${typeof result === 'string' ? result : (result?.status ?? 'void')}`);
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        facts.add('terminated');
        break;
      default:
        break;
    }
  }
  return facts;
}
