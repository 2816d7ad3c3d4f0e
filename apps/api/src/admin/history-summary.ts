import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const EVENT_TYPE_NAMES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;

/** EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> WorkflowExecutionStarted */
function typeName(eventType: number | null | undefined): string {
  const raw = EVENT_TYPE_NAMES[eventType ?? 0] ?? 'Unspecified';
  return raw
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

function decode(payloads: Payload[] | null | undefined): unknown[] {
  return (payloads ?? []).map((p) => {
    try {
      return defaultPayloadConverter.fromPayload(p);
    } catch {
      return '<binary>';
    }
  });
}

function seconds(value: { seconds?: unknown; nanos?: number | null } | null | undefined): number | null {
  if (!value) return null;
  return Number(value.seconds ?? 0) + (value.nanos ?? 0) / 1e9;
}

/** What a person needs to read from each event: which activity, which update and decision, which failure. */
function details(e: HistoryEvent): Record<string, unknown> {
  if (e.workflowExecutionStartedEventAttributes) {
    const a = e.workflowExecutionStartedEventAttributes;
    const [input] = decode(a.input?.payloads as Payload[]) as [{ reference?: string; kind?: string } | undefined];
    return { workflowType: a.workflowType?.name, taskQueue: a.taskQueue?.name, reference: input?.reference, kind: input?.kind };
  }
  if (e.activityTaskScheduledEventAttributes) {
    const a = e.activityTaskScheduledEventAttributes;
    const [input] = decode(a.input?.payloads as Payload[]) as [{ status?: string; stage?: string } | undefined];
    return { activityType: a.activityType?.name, activityId: a.activityId, status: input?.status, stage: input?.stage };
  }
  if (e.activityTaskFailedEventAttributes) return { failure: e.activityTaskFailedEventAttributes.failure?.message };
  if (e.workflowExecutionUpdateAcceptedEventAttributes) {
    const a = e.workflowExecutionUpdateAcceptedEventAttributes;
    const [request] = decode(a.acceptedRequest?.input?.args?.payloads as Payload[]) as [
      { taskId?: string; decision?: string; actor?: { fullName?: string } } | undefined,
    ];
    return {
      updateName: a.acceptedRequest?.input?.name,
      updateId: a.protocolInstanceId,
      taskId: request?.taskId,
      decision: request?.decision,
      actor: request?.actor?.fullName,
    };
  }
  if (e.workflowExecutionUpdateCompletedEventAttributes) {
    const a = e.workflowExecutionUpdateCompletedEventAttributes;
    return { updateId: a.meta?.updateId, failure: a.outcome?.failure?.message ?? undefined };
  }
  if (e.timerStartedEventAttributes)
    return { timerId: e.timerStartedEventAttributes.timerId, seconds: seconds(e.timerStartedEventAttributes.startToFireTimeout) };
  if (e.upsertWorkflowSearchAttributesEventAttributes) {
    const fields = e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {};
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, decode([v as Payload])[0]]));
  }
  if (e.workflowExecutionCompletedEventAttributes)
    return { result: decode(e.workflowExecutionCompletedEventAttributes.result?.payloads as Payload[])[0] };
  if (e.workflowExecutionFailedEventAttributes) return { failure: e.workflowExecutionFailedEventAttributes.failure?.message };
  return {};
}

export function summariseHistory(history: temporal.api.history.v1.IHistory) {
  return (history.events ?? []).map((e) => ({
    eventId: Number(e.eventId),
    type: typeName(e.eventType),
    time: e.eventTime ? new Date(Number(e.eventTime.seconds ?? 0) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6)).toISOString() : null,
    details: JSON.parse(JSON.stringify(details(e))) as Record<string, unknown>,
  }));
}
