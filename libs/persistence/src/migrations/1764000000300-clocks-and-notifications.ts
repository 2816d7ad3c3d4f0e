import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalation marks on tasks, the in-app notifications clocks and decisions produce, and agreement changes. */
export class ClocksAndNotifications1764000000300 implements MigrationInterface {
  name = 'ClocksAndNotifications1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task ADD COLUMN escalated_at timestamptz`);
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      kind varchar(32) NOT NULL,
      proposal_id uuid REFERENCES proposal(id),
      task_id uuid REFERENCES task(id),
      params jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      read_at timestamptz
    )`);
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (user_id, created_at DESC, id DESC)`);
    // Signed AMEND / EXTEND / TERMINATE proposals change a registered agreement (Law 70/2020 Art 33-34).
    await q.query(`ALTER TABLE agreement ADD COLUMN changes jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE agreement ADD COLUMN terminated_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement DROP COLUMN terminated_on`);
    await q.query(`ALTER TABLE agreement DROP COLUMN changes`);
    await q.query(`DROP TABLE notification`);
    await q.query(`ALTER TABLE task DROP COLUMN escalated_at`);
  }
}
