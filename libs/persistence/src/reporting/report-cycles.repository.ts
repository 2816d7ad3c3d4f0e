/** The api's reads of reporting cycles (docs/domain.md "Reporting cycles"); the workflow's writes are report-cycle-projection.ts. */
import type { DataSource, EntityManager } from 'typeorm';
import type { ReportCycleKind, ReportCyclePolicy } from '@accord/domain';
import { SqlConditions } from '../sql/sql-conditions';

type Db = DataSource | EntityManager;

/** A cycle with its consolidator's and people's names and its tasks counted by state (dates as YYYY-MM-DD). */
export interface ReportCycleRow {
  id: string;
  kind: ReportCycleKind;
  year: number;
  title: string;
  period_from: string;
  period_to: string;
  opened_on: string;
  due_on: string;
  status: 'OPEN' | 'CONSOLIDATED';
  consolidator_agency_code: string;
  consolidator_name: string;
  workflow_id: string;
  opened_by: string | null;
  opened_by_name: string | null;
  opened_at: Date;
  consolidated_at: Date | null;
  consolidated_by: string | null;
  consolidated_by_name: string | null;
  total: number;
  submitted: number;
  open: number;
  overdue: number;
  cancelled: number;
}

/** One reporting agency's PERIODIC_REPORT task in a cycle. */
export interface ReportCycleTaskRow {
  id: string;
  candidate_agency_code: string;
  candidate_agency_name: string;
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  created_at: Date;
  due_at: Date;
  escalated_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  comment: string | null;
  attachment_ids: string[] | null;
}

/** A stored consolidated report document, without its content. */
export interface ReportCycleDocumentRow {
  format: string;
  sha256: string;
  generated_at: Date;
  bytes: number;
}

export interface ReportCycleFilter {
  kind?: string;
  status?: string;
}

const CYCLE_SELECT = `
  SELECT c.id, c.kind, c.year, c.title, to_char(c.period_from, 'YYYY-MM-DD') AS period_from, to_char(c.period_to, 'YYYY-MM-DD') AS period_to,
         to_char(c.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.status, c.consolidator_agency_code,
         ca.name AS consolidator_name, c.workflow_id, c.opened_by, ou.full_name AS opened_by_name, c.opened_at, c.consolidated_at, c.consolidated_by,
         cu.full_name AS consolidated_by_name,
         (SELECT count(*)::int FROM task t WHERE t.report_cycle_id = c.id) AS total,
         (SELECT count(*)::int FROM task t WHERE t.report_cycle_id = c.id AND t.status = 'COMPLETED') AS submitted,
         (SELECT count(*)::int FROM task t WHERE t.report_cycle_id = c.id AND t.status = 'OPEN') AS open,
         (SELECT count(*)::int FROM task t WHERE t.report_cycle_id = c.id AND t.status = 'OPEN' AND t.due_at < now()) AS overdue,
         (SELECT count(*)::int FROM task t WHERE t.report_cycle_id = c.id AND t.status = 'CANCELLED') AS cancelled
  FROM report_cycle c JOIN agency ca ON ca.code = c.consolidator_agency_code
  LEFT JOIN app_user ou ON ou.id = c.opened_by LEFT JOIN app_user cu ON cu.id = c.consolidated_by`;

export async function findReportCycle(db: Db, id: string): Promise<ReportCycleRow | null> {
  const [row]: ReportCycleRow[] = await db.query(`${CYCLE_SELECT} WHERE c.id = $1`, [id]);
  return row ?? null;
}

/** Up to `take` cycles, latest opened first, after the (opened_at, id) of the last row seen. */
export function listReportCycles(db: Db, filter: ReportCycleFilter, after: string[] | null, take: number): Promise<ReportCycleRow[]> {
  const w = new SqlConditions();
  if (filter.kind) w.where(`c.kind = ${w.param(filter.kind)}`);
  if (filter.status) w.where(`c.status = ${w.param(filter.status)}`);
  w.after('c.opened_at, c.id', '<', after, ['timestamptz', 'uuid']);
  return db.query(`${CYCLE_SELECT} WHERE ${w.sql} ORDER BY c.opened_at DESC, c.id DESC LIMIT ${w.param(take)}`, w.params);
}

/** The cycle's PERIODIC_REPORT tasks, by agency name. */
export function listReportCycleTasks(db: Db, cycleId: string): Promise<ReportCycleTaskRow[]> {
  return db.query(
    `SELECT t.id, t.candidate_agency_code, a.name AS candidate_agency_name, t.status, t.created_at, t.due_at, t.escalated_at, t.completed_at,
            t.completed_by, cu.full_name AS completed_by_name, t.comment, t.attachment_ids
     FROM task t JOIN agency a ON a.code = t.candidate_agency_code LEFT JOIN app_user cu ON cu.id = t.completed_by
     WHERE t.report_cycle_id = $1 ORDER BY a.name, t.id`,
    [cycleId],
  );
}

export function listReportCycleDocuments(db: Db, cycleId: string): Promise<ReportCycleDocumentRow[]> {
  return db.query(
    'SELECT format, sha256, generated_at, octet_length(content) AS bytes FROM report_cycle_document WHERE cycle_id = $1 ORDER BY format',
    [cycleId],
  );
}

/** The stored report in `format`, once the cycle is consolidated. */
export async function findReportCycleDocumentContent(db: Db, cycleId: string, format: string): Promise<Buffer | null> {
  const [stored]: { content: Buffer }[] = await db.query('SELECT content FROM report_cycle_document WHERE cycle_id = $1 AND format = $2', [
    cycleId,
    format,
  ]);
  return stored?.content ?? null;
}

export async function findReportCyclePolicy(db: Db, kind: string): Promise<ReportCyclePolicy | null> {
  const [row]: { document: ReportCyclePolicy }[] = await db.query('SELECT document FROM report_cycle_policy WHERE kind = $1', [kind]);
  return row?.document ?? null;
}

/** The id of the `kind` cycle of `year`, if one was opened. */
export async function findReportCycleIdOfYear(db: Db, kind: string, year: number): Promise<string | null> {
  const [existing]: { id: string }[] = await db.query('SELECT id FROM report_cycle WHERE kind = $1 AND year = $2', [kind, year]);
  return existing?.id ?? null;
}

export async function findReportCycleWorkflowId(db: Db, cycleId: string): Promise<string | null> {
  const [cycle]: { workflow_id: string }[] = await db.query('SELECT workflow_id FROM report_cycle WHERE id = $1', [cycleId]);
  return cycle?.workflow_id ?? null;
}
