import { slaAt, type Sla } from '@accord/domain';
import type { TaskRow } from '@accord/persistence';

// The task rows and their SELECT live with the tasks repository; re-exported for the readers that present tasks.
export { TASK_SELECT, type TaskRow } from '@accord/persistence';

/** The Task of docs/api.md; `sla` is computed at read time. */
export function presentTask(row: TaskRow, now = new Date()) {
  const sla: Sla =
    row.status === 'OPEN' && !row.paused
      ? slaAt(now, row.created_at, row.due_at)
      : row.completed_at && row.completed_at > row.due_at
        ? 'OVERDUE'
        : 'ON_TRACK';
  return {
    id: row.id,
    proposalId: row.proposal_id,
    proposalReference: row.proposal_reference,
    proposalTitle: row.proposal_title,
    ...(row.report_cycle_id ? { reportCycle: { id: row.report_cycle_id, title: row.report_cycle_title }, prefill: row.prefill } : {}),
    kind: row.kind,
    stage: row.stage,
    candidateAgency: { code: row.candidate_agency_code, name: row.candidate_agency_name },
    ...(row.external_body ? { externalBody: row.external_body } : {}),
    assignee: row.assignee_id ? { id: row.assignee_id, fullName: row.assignee_name } : null,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    clock: {
      type: row.clock_type,
      length: row.clock_length,
      paused: row.paused,
      ...(row.paused_reason ? { reason: row.paused_reason } : {}),
    },
    sla,
    allowedDecisions: row.status === 'OPEN' ? row.allowed_decisions : [],
    ...(row.decision ? { decision: row.decision } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.attachment_ids?.length ? { attachmentIds: row.attachment_ids } : {}),
    ...(row.completed_at ? { completedAt: row.completed_at.toISOString() } : {}),
    ...(row.completed_by ? { completedBy: { id: row.completed_by, fullName: row.completed_by_name } } : {}),
    ...(row.completed_on_behalf_of
      ? { completedOnBehalfOf: { id: row.completed_on_behalf_of.id, fullName: row.completed_on_behalf_of.fullName } }
      : {}),
  };
}
