import { slaAt, type Sla } from '../../../../libs/domain/src';

/** Columns every task read selects, joined with its proposal (or, for a PERIODIC_REPORT, its reporting cycle), agency and people. */
export const TASK_SELECT = `
  SELECT t.*, p.reference AS proposal_reference, p.title AS proposal_title, a.name AS candidate_agency_name,
         au.full_name AS assignee_name, cu.full_name AS completed_by_name, rc.title AS report_cycle_title
  FROM task t
  LEFT JOIN proposal p ON p.id = t.proposal_id
  LEFT JOIN report_cycle rc ON rc.id = t.report_cycle_id
  JOIN agency a ON a.code = t.candidate_agency_code
  LEFT JOIN app_user au ON au.id = t.assignee_id
  LEFT JOIN app_user cu ON cu.id = t.completed_by`;

export interface TaskRow {
  id: string;
  /** Null for a PERIODIC_REPORT task (it belongs to report_cycle_id instead), and so are the reference and title. */
  proposal_id: string | null;
  proposal_reference: string | null;
  proposal_title: string | null;
  report_cycle_id: string | null;
  report_cycle_title: string | null;
  prefill: Record<string, unknown> | null;
  kind: string;
  stage: string;
  candidate_agency_code: string;
  candidate_agency_name: string;
  external_body: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  round: number;
  created_at: Date;
  due_at: Date;
  clock_type: 'WORKING_DAYS' | 'CALENDAR_DAYS';
  clock_length: number;
  paused: boolean;
  paused_reason: string | null;
  allowed_decisions: string[];
  decision: string | null;
  comment: string | null;
  attachment_ids: string[];
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  /** The absent assignee a substitute completed the task for (migration 1764000001300). */
  completed_on_behalf_of: { id: string; fullName: string } | null;
}

/** The Task of docs/api.md; `sla` is computed at read time. */
export function presentTask(row: TaskRow, now = new Date()) {
  const sla: Sla = row.status === 'OPEN' && !row.paused ? slaAt(now, row.created_at, row.due_at) : row.completed_at && row.completed_at > row.due_at ? 'OVERDUE' : 'ON_TRACK';
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
    clock: { type: row.clock_type, length: row.clock_length, paused: row.paused, ...(row.paused_reason ? { reason: row.paused_reason } : {}) },
    sla,
    allowedDecisions: row.status === 'OPEN' ? row.allowed_decisions : [],
    ...(row.decision ? { decision: row.decision } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.attachment_ids?.length ? { attachmentIds: row.attachment_ids } : {}),
    ...(row.completed_at ? { completedAt: row.completed_at.toISOString() } : {}),
    ...(row.completed_by ? { completedBy: { id: row.completed_by, fullName: row.completed_by_name } } : {}),
    ...(row.completed_on_behalf_of ? { completedOnBehalfOf: { id: row.completed_on_behalf_of.id, fullName: row.completed_on_behalf_of.fullName } } : {}),
  };
}
