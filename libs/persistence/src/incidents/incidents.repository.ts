import type { DataSource, EntityManager } from 'typeorm';
import type { IncidentOpening } from '@accord/temporal/contracts';
import { appendAudit } from '../audit/audit-chain';
import { SqlConditions } from '../sql/sql-conditions';
import { updateReturning } from '../sql/update-returning';

/**
 * Errors that retrying alone will not cure: Postgres refusing the data (class 22 data exception, 23 integrity
 * constraint, 42 syntax or undefined object, P0 raised by a trigger or function) and programming errors. Connection
 * loss, restarts, deadlocks, serialization failures and resource limits (classes 08, 40, 53, 57) are transient:
 * they are retried for as long as they last.
 */
export function isPermanentError(err: unknown): boolean {
  if (err instanceof TypeError || err instanceof ReferenceError || err instanceof RangeError || err instanceof SyntaxError) return true;
  const code = typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code ?? '') : '';
  if (!/^[0-9A-Z]{5}$/.test(code)) return false;
  return ['22', '23', '42', '2B', '2F', 'P0'].includes(code.slice(0, 2));
}

export const SYSTEM_ACTOR = { id: 'system', name: 'Accord', type: 'SYSTEM' as const };

/**
 * One incident per failed step; a retry that fails again reopens it with the new error and the number of retries so
 * far. Idempotent for a retried activity (same id and retry count: nothing changes, nothing is audited twice).
 */
export async function openIncident(db: DataSource, i: IncidentOpening): Promise<void> {
  await db.transaction(async (m) => {
    const inserted: unknown[] = await m.query(
      `INSERT INTO incident (id, workflow_id, run_id, proposal_id, step_key, step, activity, error_type, error_message, opened_at, retry_count)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
       ON CONFLICT (id) DO UPDATE SET status = 'OPEN', error_message = EXCLUDED.error_message, retry_count = EXCLUDED.retry_count
         WHERE incident.retry_count < EXCLUDED.retry_count
       RETURNING id`,
      [
        i.id,
        i.workflowId,
        i.runId,
        i.proposalId,
        i.stepKey,
        JSON.stringify(i.step),
        i.activity,
        i.errorType,
        i.errorMessage.slice(0, 4000),
        i.openedAt,
        i.retryCount,
      ],
    );
    if (!inserted.length) return;
    await appendAudit(m, [
      {
        at: i.openedAt,
        actor: SYSTEM_ACTOR,
        action: 'INCIDENT_OPENED',
        proposalId: i.proposalId,
        stage: i.step.stage,
        workflowId: i.workflowId,
        payload: {
          incidentId: i.id,
          step: i.step,
          activity: i.activity,
          errorType: i.errorType,
          error: i.errorMessage.slice(0, 1000),
          retryCount: i.retryCount,
        },
      },
    ]);
  });
}

/** The step went through after a retry: the incident is resolved (by the retry that the audit log names). */
export async function closeIncident(db: DataSource, incidentId: string, at: string): Promise<void> {
  await db.transaction(async (m) => {
    const [row] = await updateReturning<{ proposal_id: string | null; workflow_id: string; step: { stage: string | null } }>(
      m,
      `UPDATE incident SET status = 'RESOLVED', resolved_at = $2, resolution = 'RETRY_SUCCEEDED'
       WHERE id = $1 AND status <> 'RESOLVED' RETURNING proposal_id, workflow_id, step`,
      [incidentId, at],
    );
    if (!row) return;
    await appendAudit(m, [
      {
        at,
        actor: SYSTEM_ACTOR,
        action: 'INCIDENT_RESOLVED',
        proposalId: row.proposal_id,
        stage: row.step.stage,
        workflowId: row.workflow_id,
        payload: { incidentId, resolution: 'RETRY_SUCCEEDED' },
      },
    ]);
  });
}

export interface IncidentRow {
  id: string;
  workflow_id: string;
  run_id: string;
  proposal_id: string | null;
  reference: string | null;
  title: string | null;
  step_key: string;
  step: IncidentOpening['step'];
  activity: string;
  error_type: string;
  error_message: string;
  status: 'OPEN' | 'RETRYING' | 'RESOLVED';
  opened_at: Date;
  retry_count: number;
  last_retry_at: Date | null;
  last_retry_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

export const INCIDENT_SELECT = `SELECT i.*, p.reference, p.title FROM incident i LEFT JOIN proposal p ON p.id = i.proposal_id`;

export async function countOpenIncidents(db: DataSource | EntityManager): Promise<number> {
  const [r]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM incident WHERE status <> 'RESOLVED'`);
  return Number(r?.n ?? 0);
}

export interface IncidentFilter {
  /** One status; without it, every incident not yet resolved. */
  status?: IncidentRow['status'];
  /** The keyset [opened_at, id] of the last row of the previous page (newest first). */
  before: [string, string] | null;
  limit: number;
}

/** Incidents, newest first. */
export async function listIncidents(db: DataSource | EntityManager, f: IncidentFilter): Promise<IncidentRow[]> {
  const c = new SqlConditions();
  if (f.status) c.where(`i.status = ${c.param(f.status)}`);
  else c.where(`i.status <> 'RESOLVED'`);
  c.after('i.opened_at, i.id', '<', f.before, ['timestamptz', 'uuid']);
  return db.query(`${INCIDENT_SELECT} WHERE ${c.sql} ORDER BY i.opened_at DESC, i.id DESC LIMIT ${c.param(f.limit)}`, c.params);
}

export async function findIncident(db: DataSource | EntityManager, id: string): Promise<IncidentRow | null> {
  const [row]: IncidentRow[] = await db.query(`${INCIDENT_SELECT} WHERE i.id = $1`, [id]);
  return row ?? null;
}

/** An administrator asked for a retry: the open incident is RETRYING until the step goes through or fails again. */
/**
 * Records the administrator's retry; the incident shows RETRYING only if the workflow has not moved it on since the
 * administrator saw it (`retryCount`): a projection run as a local activity answers the retry Update only after the
 * step ran again, so by then the incident may already be reopened (a higher count) or resolved.
 */
export async function markIncidentRetrying(m: EntityManager, id: string, at: string, userId: string, retryCount: number): Promise<void> {
  await m.query(
    `UPDATE incident SET status = CASE WHEN status = 'OPEN' AND retry_count = $4 THEN 'RETRYING' ELSE status END,
       last_retry_at = $2, last_retry_by = $3
     WHERE id = $1`,
    [id, at, userId, retryCount],
  );
}
