import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the task and proposal lists that read the big tables, found with test/bench/generate-scale-data.ts
 * at 100k proposals / 1M tasks (figures in docs/benchmarks.md):
 * - `status, due_at, id` serves every list filtered by status and sorted by deadline (GET /tasks?status=… for a
 *   reviewer's decided tasks, a leader's open tasks): an ordered index walk that stops at the page instead of a scan
 *   and sort of all matching rows (0.8 s -> a few ms).
 * - `proposal_id, candidate_agency_code` and `candidate_agency_code, proposal_id` answer the visibility rule "a
 *   proposal routed to my agency" (access-policy.ts) from the index alone, probed per row or hashed per agency.
 * The inbox itself (agency, OPEN, by deadline) is already served by task_inbox_idx.
 *
 * Plain CREATE INDEX, in the migration's transaction (writes to task wait while it builds: seconds at 1M rows).
 * On a large live database, create them beforehand with CREATE INDEX CONCURRENTLY and these names; IF NOT EXISTS
 * then makes this migration a no-op.
 */
export class TaskListIndexes1764000000600 implements MigrationInterface {
  name = 'TaskListIndexes1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS task_status_due_idx ON task (status, due_at, id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS task_proposal_agency_idx ON task (proposal_id, candidate_agency_code)`);
    await q.query(`CREATE INDEX IF NOT EXISTS task_agency_proposal_idx ON task (candidate_agency_code, proposal_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS task_agency_proposal_idx`);
    await q.query(`DROP INDEX IF EXISTS task_proposal_agency_idx`);
    await q.query(`DROP INDEX IF EXISTS task_status_due_idx`);
  }
}
