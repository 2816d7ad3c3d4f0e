import type { EntityManager } from 'typeorm';
import type { Transition } from '@accord/temporal/contracts';
import { AUDIT_CHAIN_HEAD_EXPR, GENESIS_HASH } from '../audit/audit-chain';

/** The latest dossier version of a proposal, as a decision records it. */
export interface DossierSeen {
  version: number;
  hash: string;
  attachments: { id: string; sha256: string }[];
}

export interface StepResult {
  /** False when the step's key was applied before: nothing was written. */
  fresh: boolean;
  /** The province's audit-chain head, read under its lock (only when the step has audit records). */
  auditHead: string;
  /** The proposal's latest dossier version (only when asked for: a decision with no new version in the same step). */
  dossier: DossierSeen | null;
}

/*
 * Two rules every projection shares, each stated once here (and used by the step's statement and by closeTasks /
 * insertNotifications in apply-transition.ts): how a completed task is recorded, and who a notification reaches.
 * Each takes its rows as one jsonb parameter (built by completedTaskRows / notificationRows), so any number of them is
 * one statement.
 */

/** `done`: the completed tasks of parameter $N (completedTaskRows), as rows. */
const doneRows = (param: string) => `SELECT c.id, c.decision, c.comment, c.attachment_ids, c.completed_at, c.completed_by, c.on_behalf_of
      FROM jsonb_to_recordset(${param}::jsonb) AS c(id uuid, decision text, comment text, attachment_ids uuid[],
        completed_at timestamptz, completed_by uuid, on_behalf_of jsonb)`;

/** Records each `done` row on its task: the decision, who, when, on whose behalf; the one who completed it is its assignee if none was. */
const COMPLETE_DONE = `UPDATE task SET status = 'COMPLETED', decision = done.decision, comment = done.comment,
             attachment_ids = done.attachment_ids, completed_at = done.completed_at, completed_by = done.completed_by,
             assignee_id = COALESCE(task.assignee_id, done.completed_by), completed_on_behalf_of = done.on_behalf_of
           FROM done WHERE task.id = done.id`;

/** Cancels the open tasks of parameter $N, but for those completed by the same statement (`done`). */
const cancelOpen = (param: string) => `UPDATE task SET status = 'CANCELLED'
           WHERE id = ANY(${param}::uuid[]) AND status = 'OPEN' AND id NOT IN (SELECT id FROM done)`;

/**
 * One notification per recipient of each row of parameter $N (notificationRows): the members of its agency, only its
 * heads, or one user if still a member of it.
 */
const notificationsOf = (rowsParam: string, proposalParam: string, atParam: string) =>
  `INSERT INTO notification (id, user_id, kind, proposal_id, task_id, params, created_at)
          SELECT gen_random_uuid(), u.id, n.kind, ${proposalParam}, n.task_id, n.params, ${atParam}
          FROM jsonb_to_recordset(${rowsParam}::jsonb) AS n(kind text, task_id uuid, params jsonb, agency_code text,
            heads_only boolean, user_id uuid)
          JOIN app_user u ON u.agency_code = n.agency_code AND (NOT n.heads_only OR 'AGENCY_HEAD' = ANY(u.roles))
            AND (n.user_id IS NULL OR u.id = n.user_id)`;

/** The completed tasks as the statements above take them (completedTaskRow in tasks.repository.ts states the same change for the api). */
export function completedTaskRows(completedTasks: Transition['completedTasks']): string {
  return JSON.stringify(
    completedTasks.map((c) => ({
      id: c.id,
      decision: c.decision,
      comment: c.comment ?? null,
      attachment_ids: c.attachmentIds ?? [],
      completed_at: c.completedAt,
      completed_by: c.completedBy,
      on_behalf_of: c.onBehalfOf ?? null,
    })),
  );
}

/** The notifications as notificationsOf takes them. A USER notification without a user reaches nobody. */
export function notificationRows(notifications: Transition['notifications']): string {
  return JSON.stringify(
    notifications
      .filter((n) => n.audience !== 'USER' || n.userId)
      .map((n) => ({
        kind: n.kind,
        task_id: n.taskId ?? null,
        params: n.params,
        agency_code: n.agencyCode,
        heads_only: n.audience === 'AGENCY_HEAD',
        user_id: n.audience === 'USER' ? n.userId : null,
      })),
  );
}

/** Completes and cancels tasks ($1 completedTaskRows, $2 task ids) in one statement. */
export const CLOSE_TASKS_SQL = `WITH done AS (${doneRows('$1')}),
 completed AS (${COMPLETE_DONE} RETURNING task.id),
 cancelled AS (${cancelOpen('$2')} RETURNING id)
 SELECT (SELECT count(*) FROM completed)::int AS completed, (SELECT count(*) FROM cancelled)::int AS cancelled`;

/** Notifies ($1 notificationRows) about proposal $2 (or none) at $3, in one statement. */
export const NOTIFY_SQL = notificationsOf('$1', '$2::uuid', '$3::timestamptz');

/**
 * The step's statement (see applyStep). Its parts name their columns (no `*` select list), so it runs as a prepared
 * statement: planning this CTE is a good part of what it costs PostgreSQL.
 */
export const STEP_SQL = `WITH fresh AS (INSERT INTO applied_transition (key) VALUES ($6) ON CONFLICT DO NOTHING RETURNING key),
 moved AS (UPDATE proposal SET status = $2, stage = $3, projection_seq = $4, updated_at = $5
       WHERE id = $1 AND projection_seq < $4 AND EXISTS (SELECT 1 FROM fresh) RETURNING id),
 done AS (${doneRows('$7')}),
 completed AS (${COMPLETE_DONE} AND EXISTS (SELECT 1 FROM fresh) RETURNING task.id),
 cancelled AS (${cancelOpen('$8')}
             AND EXISTS (SELECT 1 FROM fresh) RETURNING id),
 opened AS (INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, external_body, status, round, created_at,
          due_at, clock_type, clock_length, allowed_decisions)
        SELECT o.id, $1, o.kind, o.stage, o.candidate_agency_code, o.external_body, 'OPEN', o.round, o.created_at, o.due_at,
          o.clock_type, o.clock_length, o.allowed_decisions
        FROM jsonb_to_recordset($9::jsonb) AS o(id uuid, kind text, stage text, candidate_agency_code text,
          external_body text, round integer, created_at timestamptz, due_at timestamptz, clock_type text, clock_length integer,
          allowed_decisions text[])
        WHERE EXISTS (SELECT 1 FROM fresh)
        ON CONFLICT (id) DO NOTHING RETURNING id),
 notified AS (${notificationsOf('$10', '$1', '$5')}
          WHERE EXISTS (SELECT 1 FROM fresh) RETURNING id)
 SELECT EXISTS (SELECT 1 FROM fresh) AS fresh,
 CASE WHEN $11::boolean AND EXISTS (SELECT 1 FROM fresh) THEN ${AUDIT_CHAIN_HEAD_EXPR} END AS head,
 CASE WHEN $12::boolean AND EXISTS (SELECT 1 FROM fresh) THEN (
   SELECT jsonb_build_object('version', d.version, 'hash', d.hash, 'attachments', d.attachments)
   FROM dossier_version d WHERE d.proposal_id = $1 ORDER BY d.version DESC LIMIT 1) END AS dossier`;

/**
 * The common part of a projection in ONE statement (issue 16: each statement is a round trip for the worker and a
 * parse, plan and wake-up for PostgreSQL): the step's key, the proposal's status, the tasks it completes, cancels and
 * opens, its notifications, the audit-chain head (lock taken) and, for a decision, the dossier version it binds.
 *
 * Every change is gated on the key being new (a data-modifying CTE always runs, so each asks for `fresh`'s row). The
 * parts of one statement see the same snapshot and not each other's rows, so they must touch different rows: a task
 * opened and closed by the same step is closed afterwards by the caller (`closedAfterOpening`); a completed task is never
 * also cancelled. The audit head comes from `audit_chain_head`, whose own SELECT takes a fresh snapshot after its lock.
 */
export async function applyStep(m: EntityManager, t: Transition, options: { readDossier: boolean }): Promise<StepResult> {
  const opened = t.openTasks.map((task) => ({
    id: task.id,
    kind: task.kind,
    stage: task.stage,
    candidate_agency_code: task.candidateAgency,
    external_body: task.externalBody ?? null,
    round: task.round,
    created_at: task.createdAt,
    due_at: task.dueAt,
    clock_type: task.clockType,
    clock_length: task.clockLength,
    allowed_decisions: task.allowedDecisions,
  }));
  const [row]: { fresh: boolean; head: string | null; dossier: DossierSeen | null }[] = await m.query(STEP_SQL, [
    t.proposalId,
    t.status,
    t.stage,
    t.seq,
    t.at,
    t.key,
    completedTaskRows(t.completedTasks),
    t.cancelledTaskIds,
    JSON.stringify(opened),
    notificationRows(t.notifications),
    t.audit.length > 0,
    options.readDossier,
  ]);
  return { fresh: row!.fresh, auditHead: row!.head ?? GENESIS_HASH, dossier: row!.dossier };
}

/** The tasks a step both opens and closes: the step's statement cannot see the rows it inserts, so they close after it. */
export function closedAfterOpening(t: Transition): Pick<Transition, 'completedTasks' | 'cancelledTaskIds'> {
  const opened = new Set(t.openTasks.map((task) => task.id));
  return {
    completedTasks: t.completedTasks.filter((c) => opened.has(c.id)),
    cancelledTaskIds: t.cancelledTaskIds.filter((id) => opened.has(id)),
  };
}
