import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions and the shared login counter (issue 12, items 4, 5 and 7).
 * auth_session: every access and refresh token names its session (`sid`); the api looks the session and the
 * user's current roles and agency up on each request, so logout, refresh-token reuse and role or agency changes
 * take effect at once. refresh_jti is the one refresh token of the session that may still be used (rotation).
 * login_throttle: the timestamps of the password checks per key (`email:…`, `ip:…`) in the last 15 minutes,
 * updated with one atomic upsert so parallel logins on any api process cannot overrun the limit.
 */
export class AuthSessions1764000001200 implements MigrationInterface {
  name = 'AuthSessions1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE auth_session (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      refresh_jti uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      refreshed_at timestamptz,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason varchar(32)
    )`);
    await q.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE TABLE login_throttle (
      key varchar(300) PRIMARY KEY,
      attempts timestamptz[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`DROP TABLE auth_session`);
  }
}
