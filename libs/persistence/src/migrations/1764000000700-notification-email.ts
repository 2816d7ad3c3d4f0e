import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications double as an e-mail outbox: the worker's mailer sends the unsent ones when SMTP is configured. */
export class NotificationEmail1764000000700 implements MigrationInterface {
  name = 'NotificationEmail1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN emailed_at timestamptz`);
    await q.query(`ALTER TABLE notification ADD COLUMN email_attempts integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX notification_outbox_idx ON notification (created_at) WHERE emailed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_outbox_idx`);
    await q.query(`ALTER TABLE notification DROP COLUMN email_attempts`);
    await q.query(`ALTER TABLE notification DROP COLUMN emailed_at`);
  }
}
