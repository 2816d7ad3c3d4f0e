import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Government single sign-on (issue 15, docs/sso.md).
 * oidc_login_state: the state, nonce and PKCE verifier of a sign-in in progress, kept server-side so the callback may
 * land on any api process; a row lives ten minutes and is deleted by the callback that uses it (single use).
 * oidc_identity: which provider account (issuer + subject) is which Accord user; a user may have several.
 * oidc_group_mapping: what a provider group means in Accord (a role, and/or an agency), edited by administrators.
 */
export class OidcSignIn1764000001750 implements MigrationInterface {
  name = 'OidcSignIn1764000001750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE oidc_login_state (
      state varchar(128) PRIMARY KEY,
      nonce varchar(128) NOT NULL,
      code_verifier varchar(128) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX oidc_login_state_expires_idx ON oidc_login_state (expires_at)`);
    await q.query(`CREATE TABLE oidc_identity (
      issuer text NOT NULL,
      subject text NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, subject)
    )`);
    await q.query(`CREATE INDEX oidc_identity_user_idx ON oidc_identity (user_id)`);
    await q.query(`CREATE TABLE oidc_group_mapping (
      group_name varchar(200) PRIMARY KEY,
      role varchar(32),
      agency_code varchar(32) REFERENCES agency(code),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role IS NOT NULL OR agency_code IS NOT NULL)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_group_mapping`);
    await q.query(`DROP TABLE oidc_identity`);
    await q.query(`DROP TABLE oidc_login_state`);
  }
}
