import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** The civil date in Viet Nam (UTC+7 all year, no DST) of a timestamptz column, the same arithmetic as isoDateInVietnam. */
const vnDate = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

/** Proposals created in [from, before) (instants, ISO 8601); either end may be open. */
export interface StatsWindow {
  from?: string;
  before?: string;
}

/** Completed tasks of one stage grouped by the days (in Viet Nam) they were created and completed. */
export interface CompletedTaskGroup {
  stage: string;
  created_on: string;
  completed_on: string;
  n: number;
  on_time: number;
}

/** The rows GET /admin/stats is computed from, read from the projections. */
export interface StatsRows {
  statuses: { status: string; n: number }[];
  /** Running proposals (with an open task) by the stage they are in. */
  stages: { stage: string; n: number }[];
  /** Open, unpaused, overdue tasks by candidate agency. */
  overdue: { code: string; n: number }[];
  agencies: { code: string; name: string }[];
  completed: CompletedTaskGroup[];
}

/** The statistics' rows for proposals created in the window (and the tasks of those proposals). */
export async function readStatsRows(db: Db, window: StatsWindow): Promise<StatsRows> {
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  if (window.from) where.push(`p.created_at >= $${params.push(window.from)}::timestamptz`);
  if (window.before) where.push(`p.created_at < $${params.push(window.before)}::timestamptz`);
  const inWindow = where.join(' AND ');

  const [statuses, stages, overdue, agencies, completed]: [
    StatsRows['statuses'],
    StatsRows['stages'],
    StatsRows['overdue'],
    StatsRows['agencies'],
    StatsRows['completed'],
  ] = await Promise.all([
    db.query(`SELECT p.status, count(*)::int AS n FROM proposal p WHERE ${inWindow} GROUP BY p.status`, params),
    // Running: a proposal with an open task, counted at the stage it is in.
    db.query(
      `SELECT p.stage, count(*)::int AS n FROM proposal p
         WHERE ${inWindow} AND p.stage IS NOT NULL AND EXISTS (SELECT 1 FROM task t WHERE t.proposal_id = p.id AND t.status = 'OPEN')
         GROUP BY p.stage`,
      params,
    ),
    // A paused clock is not running, so its task is not overdue (docs/domain.md "Stop-the-clock").
    db.query(
      `SELECT t.candidate_agency_code AS code, count(*)::int AS n FROM task t JOIN proposal p ON p.id = t.proposal_id
         WHERE ${inWindow} AND t.status = 'OPEN' AND NOT t.paused AND t.due_at < now()
         GROUP BY t.candidate_agency_code`,
      params,
    ),
    db.query('SELECT code, name FROM agency ORDER BY code'),
    // Grouped by calendar days, so the working-day arithmetic runs once per distinct (start, end) pair.
    db.query(
      `SELECT t.stage, ${vnDate('t.created_at')} AS created_on, ${vnDate('t.completed_at')} AS completed_on,
                count(*)::int AS n, (count(*) FILTER (WHERE t.completed_at <= t.due_at))::int AS on_time
         FROM task t JOIN proposal p ON p.id = t.proposal_id
         WHERE ${inWindow} AND t.status = 'COMPLETED' AND t.completed_at IS NOT NULL
         GROUP BY 1, 2, 3`,
      params,
    ),
  ]);
  return { statuses, stages, overdue, agencies, completed };
}

/** The Temporal workflow id of a proposal, for the administrators' history view; null when there is no such proposal. */
export async function findProposalWorkflowId(db: Db, proposalId: string): Promise<string | null> {
  const [row]: { workflow_id: string }[] = await db.query('SELECT workflow_id FROM proposal WHERE id = $1', [proposalId]);
  return row?.workflow_id ?? null;
}
