import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Out-of-office substitutes: a user names another member of their agency to stand in for a date range
 * (dates in Asia/Ho_Chi_Minh). Rows are never deleted, only revoked, so who could act for whom stays answerable.
 */
export class Substitutes1764000000400 implements MigrationInterface {
  name = 'Substitutes1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_substitute (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      substitute_id uuid NOT NULL REFERENCES app_user(id),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CONSTRAINT user_substitute_not_self CHECK (substitute_id <> user_id),
      CONSTRAINT user_substitute_range CHECK (ends_on >= starts_on)
    )`);
    // The inbox asks "whom does this user stand in for today" on every read.
    await q.query(
      `CREATE INDEX user_substitute_substitute_idx ON user_substitute (substitute_id, starts_on, ends_on) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX user_substitute_user_idx ON user_substitute (user_id, starts_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_substitute`);
  }
}
