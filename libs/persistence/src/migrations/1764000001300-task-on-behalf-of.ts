import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a decision was taken for: when an out-of-office substitute completes the absent assignee's task, the task keeps
 * `{id, fullName}` of the absent person beside `completed_by` (the substitute), so the decision record, the proposal's
 * decisions and the task itself name both (issue 12, item 14). NULL for a task its own assignee (or an unassigned
 * candidate) completed, and for every task completed before this existed. A nullable column without a default: no
 * table rewrite.
 */
export class TaskOnBehalfOf1764000001300 implements MigrationInterface {
  name = 'TaskOnBehalfOf1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task ADD COLUMN IF NOT EXISTS completed_on_behalf_of jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task DROP COLUMN IF EXISTS completed_on_behalf_of`);
  }
}
