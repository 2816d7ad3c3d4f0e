/**
 * The SQL that GET /tasks runs for a reviewer's inbox (no status or proposal filter: apps/api/src/tasks/tasks.service.ts),
 * rebuilt from the same TASK_SELECT so that EXPLAIN looks at the real query, first page and a later (cursor) page.
 */
import type { DataSource } from 'typeorm';
import { TASK_SELECT } from '../../apps/api/src/tasks/task.presenter';

export function inboxQuery(
  agencyCode: string,
  userIds: string[],
  cursor?: { dueAt: string; id: string },
  limit = 50,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [agencyCode, userIds, 'OPEN'];
  const where = ['t.candidate_agency_code = $1', '(t.assignee_id IS NULL OR t.assignee_id = ANY($2::uuid[]))', 't.status = $3'];
  if (cursor) {
    params.push(cursor.dueAt, cursor.id);
    where.push(`(t.due_at, t.id) > ($4::timestamptz, $5::uuid)`);
  }
  params.push(limit + 1);
  return { sql: `${TASK_SELECT} WHERE ${where.join(' AND ')} ORDER BY t.due_at, t.id LIMIT $${params.length}`, params };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query, as text lines. */
export async function explain(db: DataSource, sql: string, params: unknown[]): Promise<string[]> {
  const rows: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']);
}

/** Median wall time of running a query `times` times (after one warm-up run), in ms. */
export async function timeQuery(
  db: DataSource,
  sql: string,
  params: unknown[],
  times = 21,
): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = (await db.query(sql, params)).length as number;
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    rows = (await db.query(sql, params)).length;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!, rows };
}
