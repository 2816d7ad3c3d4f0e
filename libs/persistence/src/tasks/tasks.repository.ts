import type { DataSource, EntityManager } from 'typeorm';
import { SqlConditions } from '../sql/sql-conditions';
import { updateReturning } from '../sql/update-returning';
import { absentUsersCoveredBySql } from '../substitutes/substitutes.repository';
import type { SqlFragmentAt, WordsMatcher } from '../sql/sql-fragment';
import type { Transition } from '@accord/temporal/contracts';

type Db = DataSource | EntityManager;

/**
 * Columns every task read selects, joined with its proposal (or, for a PERIODIC_REPORT, its reporting cycle), agency and
 * people. The task's columns are named, not `t.*`: a named list can be a prepared statement (prepared-statements.ts).
 */
export const TASK_SELECT = `
  SELECT t.id, t.proposal_id, t.kind, t.stage, t.candidate_agency_code, t.external_body, t.assignee_id, t.status, t.round,
         t.created_at, t.due_at, t.clock_type, t.clock_length, t.paused, t.paused_reason, t.allowed_decisions, t.decision,
         t.comment, t.attachment_ids, t.completed_at, t.completed_by, t.escalated_at, t.report_cycle_id, t.prefill,
         t.completed_on_behalf_of, t.province_code, p.reference AS proposal_reference, p.title AS proposal_title, p.workflow_id AS proposal_workflow_id,
         p.submitting_agency_code AS proposal_submitting_agency_code,
         a.name AS candidate_agency_name,
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
  /** The proposal's workflow id as stored (unprefixed for proposals from before provinces). */
  proposal_workflow_id: string | null;
  /** Who submitted the proposal (the four-eyes rule); null for a PERIODIC_REPORT task. */
  proposal_submitting_agency_code: string | null;
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

/**
 * The task row as a projection leaves it after recording `done` (COMPLETE_DONE in projection/transition-step.ts, the one
 * statement of that rule, used by the step statement and by closeTasks): what findTask would read once the step is
 * committed, without reading it. Keep the two together: a column that statement sets is set here too.
 */
export function completedTaskRow(row: TaskRow, done: Transition['completedTasks'][number], completedByName: string): TaskRow {
  const assigned = row.assignee_id !== null;
  return {
    ...row,
    status: 'COMPLETED',
    decision: done.decision,
    comment: done.comment ?? null,
    attachment_ids: done.attachmentIds ?? [],
    completed_at: new Date(done.completedAt),
    completed_by: done.completedBy,
    completed_by_name: completedByName,
    assignee_id: assigned ? row.assignee_id : done.completedBy,
    assignee_name: assigned ? row.assignee_name : completedByName,
    completed_on_behalf_of: done.onBehalfOf ?? null,
  };
}

export async function findTask(db: Db, id: string): Promise<TaskRow | null> {
  const [row]: TaskRow[] = await db.query(`${TASK_SELECT} WHERE t.id = $1`, [id]);
  return row ?? null;
}

/** A proposal's tasks in the order they opened. */
export function listProposalTasks(db: Db, proposalId: string): Promise<TaskRow[]> {
  return db.query(`${TASK_SELECT} WHERE t.proposal_id = $1 ORDER BY t.created_at, t.id`, [proposalId]);
}

/** The caller and whoever named them substitute for `day` (a date in Asia/Ho_Chi_Minh). */
export interface TaskHolders {
  userId: string;
  day: string;
}

export interface TaskListFilter {
  /**
   * The inbox: the open tasks of `agencyCode` nobody holds or held by one of `mine` (the caller and whoever the caller
   * stands in for). Otherwise every task of the proposals `visible` lets the caller see, and its agency's PERIODIC_REPORTs.
   */
  scope: { inbox: true; agencyCode: string; mine: TaskHolders } | { inbox: false; visible: SqlFragmentAt; agencyCode: string | null };
  status: string;
  kind?: string;
  proposalId?: string;
  /** `mine`: held by one of these users; `unassigned`: held by nobody. */
  assignee?: { mine: TaskHolders } | 'unassigned';
  overdue?: boolean;
  words?: WordsMatcher;
  /** Keyset: the (due_at, id) of the last row of the previous page. */
  after: string[] | null;
  limit: number;
}

/** Soonest due first, `limit + 1` rows (the extra one tells whether there is a next page). */
export function listTasks(db: Db, f: TaskListFilter): Promise<TaskRow[]> {
  const c = new SqlConditions();
  // Held by the caller or by someone they stand in for, read in the same statement (no lookup round trip first).
  const heldBy = (mine: TaskHolders) => {
    const user = `${c.param(mine.userId)}::uuid`;
    return `(t.assignee_id = ${user} OR t.assignee_id IN (${absentUsersCoveredBySql(user, c.param(mine.day))}))`;
  };
  if (f.scope.inbox) {
    c.where(`t.candidate_agency_code = ${c.param(f.scope.agencyCode)}`);
    c.where(`(t.assignee_id IS NULL OR ${heldBy(f.scope.mine)})`);
  } else {
    const visible = f.scope.visible(c.params.length + 1);
    c.params.push(...visible.params);
    // A reporting cycle's PERIODIC_REPORT has no proposal: its reporting agency sees it.
    c.where(`(${visible.sql} OR (t.report_cycle_id IS NOT NULL AND t.candidate_agency_code = ${c.param(f.scope.agencyCode)}))`);
  }
  c.where(`t.status = ${c.param(f.status)}`);
  if (f.kind) c.where(`t.kind = ${c.param(f.kind)}`);
  if (f.proposalId) c.where(`t.proposal_id = ${c.param(f.proposalId)}`);
  if (f.assignee && f.assignee !== 'unassigned') c.where(heldBy(f.assignee.mine));
  if (f.assignee === 'unassigned') c.where('t.assignee_id IS NULL');
  if (f.overdue === true) c.where(`t.status = 'OPEN' AND NOT t.paused AND t.due_at < now()`);
  if (f.overdue === false) c.where(`NOT (t.status = 'OPEN' AND NOT t.paused AND t.due_at < now())`);
  // The proposal's reference, title and summary (stored folded); a PERIODIC_REPORT task has no proposal: its
  // reporting cycle's title stands for them.
  const words = f.words?.({ folded: ['p.search_text'], plain: ['rc.title'] }, (v) => c.param(v));
  if (words) c.where(words);
  c.after('t.due_at, t.id', '>', f.after, ['timestamptz', 'uuid']);
  return db.query(`${TASK_SELECT} WHERE ${c.sql} ORDER BY t.due_at, t.id LIMIT ${c.param(f.limit + 1)}`, c.params);
}

/** Takes an open task nobody holds; false when it was not (taken meanwhile, or no longer open). */
export async function claimTask(m: EntityManager, id: string, userId: string): Promise<boolean> {
  const taken = await updateReturning(
    m,
    `UPDATE task SET assignee_id = $2 WHERE id = $1 AND status = 'OPEN' AND assignee_id IS NULL RETURNING id`,
    [id, userId],
  );
  return taken.length > 0;
}

/**
 * Lets go of an open task held by one of `holders`, or by anyone when `supervisor`; the previous holder, or null
 * when nothing was released.
 */
export async function releaseTask(
  m: EntityManager,
  id: string,
  holders: string[],
  supervisor: boolean,
): Promise<{ previous: string | null } | null> {
  const [released] = await updateReturning<{ previous: string | null }>(
    m,
    `UPDATE task t SET assignee_id = NULL
     FROM (SELECT id, assignee_id AS previous FROM task WHERE id = $1 FOR UPDATE) old
     WHERE t.id = old.id AND t.status = 'OPEN' AND t.assignee_id IS NOT NULL AND ($3::boolean OR t.assignee_id = ANY($2::uuid[]))
     RETURNING old.previous`,
    [id, holders, supervisor],
  );
  return released ?? null;
}

/** Gives an open task to `userId`; the previous holder, or null when the task is not open. */
export async function assignTask(m: EntityManager, id: string, userId: string): Promise<{ previous: string | null } | null> {
  const [assigned] = await updateReturning<{ previous: string | null }>(
    m,
    `UPDATE task t SET assignee_id = $2
     FROM (SELECT id, assignee_id AS previous FROM task WHERE id = $1 FOR UPDATE) old
     WHERE t.id = old.id AND t.status = 'OPEN'
     RETURNING old.previous`,
    [id, userId],
  );
  return assigned ?? null;
}

/** Which of `codes` are agencies (consultees added at intake must exist). */
export async function existingAgencyCodes(db: Db, codes: string[]): Promise<Set<string>> {
  const rows: { code: string }[] = await db.query('SELECT code FROM agency WHERE code = ANY($1)', [codes]);
  return new Set(rows.map((r) => r.code));
}
