import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../sql/manager-of';
import { updateReturning } from '../sql/update-returning';

type Db = DataSource | EntityManager;

/** A sign-in in progress: what the callback needs to finish it (docs/sso.md). */
export interface OidcLoginStateRow {
  nonce: string;
  code_verifier: string;
}

export async function insertOidcLoginState(
  db: Db,
  s: { state: string; nonce: string; codeVerifier: string; ttlSeconds: number },
): Promise<void> {
  await db.query(
    `INSERT INTO oidc_login_state (state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [s.state, s.nonce, s.codeVerifier, s.ttlSeconds],
  );
}

/**
 * Takes the sign-in of `state` out of the table: one DELETE, so two callbacks with the same state (a replay, even in
 * parallel) cannot both get it. Null when it never existed, was used already, or expired.
 */
export async function takeOidcLoginState(db: Db, state: string): Promise<OidcLoginStateRow | null> {
  const [row] = await updateReturning<OidcLoginStateRow & { live: boolean }>(
    managerOf(db),
    `DELETE FROM oidc_login_state WHERE state = $1 RETURNING nonce, code_verifier, expires_at > now() AS live`,
    [state],
  );
  return row?.live ? { nonce: row.nonce, code_verifier: row.code_verifier } : null;
}

/** Forgets sign-ins nobody finished. */
export async function deleteExpiredOidcLoginStates(db: Db): Promise<void> {
  await db.query(`DELETE FROM oidc_login_state WHERE expires_at < now()`);
}

/** The Accord user a provider account (issuer + subject) is linked to, or null. */
export async function findOidcIdentityUser(db: Db, issuer: string, subject: string): Promise<string | null> {
  const [row]: { user_id: string }[] = await db.query(`SELECT user_id FROM oidc_identity WHERE issuer = $1 AND subject = $2`, [
    issuer,
    subject,
  ]);
  return row?.user_id ?? null;
}

export async function agencyExists(db: Db, code: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM agency WHERE code = $1`, [code]);
  return rows.length > 0;
}

export interface NewOidcUser {
  id: string;
  email: string;
  fullName: string;
  agencyCode: string | null;
  roles: string[];
  /** Never a usable password hash: the account signs in through its provider only. */
  passwordHash: string;
  issuer: string;
  subject: string;
}

/** A user made at their first single sign-on, linked to their provider account (run in a transaction). */
export async function insertOidcUser(m: EntityManager, u: NewOidcUser): Promise<void> {
  await m.query(`INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, $3, $4, $5, $6)`, [
    u.id,
    u.email,
    u.fullName,
    u.passwordHash,
    u.agencyCode,
    u.roles,
  ]);
  await m.query(`INSERT INTO oidc_identity (issuer, subject, user_id) VALUES ($1, $2, $3)`, [u.issuer, u.subject, u.id]);
}

/** At each sign-in the provider's view wins: name, agency and roles are what its claims say now. */
export async function updateOidcUser(
  m: EntityManager,
  u: { id: string; fullName: string; agencyCode: string | null; roles: string[]; issuer: string; subject: string },
): Promise<void> {
  await m.query(`UPDATE app_user SET full_name = $2, agency_code = $3, roles = $4 WHERE id = $1`, [
    u.id,
    u.fullName,
    u.agencyCode,
    u.roles,
  ]);
  await m.query(`UPDATE oidc_identity SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2`, [u.issuer, u.subject]);
}

/** What a provider group means in Accord: a role, an agency, or both. */
export interface OidcGroupMappingRow {
  group_name: string;
  role: string | null;
  agency_code: string | null;
  updated_at: Date;
}

export async function listOidcGroupMappings(db: Db): Promise<OidcGroupMappingRow[]> {
  return db.query(`SELECT group_name, role, agency_code, updated_at FROM oidc_group_mapping ORDER BY group_name`);
}

export async function findOidcGroupMappings(db: Db, groups: string[]): Promise<OidcGroupMappingRow[]> {
  if (!groups.length) return [];
  return db.query(
    `SELECT group_name, role, agency_code, updated_at FROM oidc_group_mapping WHERE group_name = ANY($1) ORDER BY group_name`,
    [groups],
  );
}

export async function upsertOidcGroupMapping(
  db: Db,
  g: { group: string; role: string | null; agencyCode: string | null },
): Promise<OidcGroupMappingRow> {
  const [row]: OidcGroupMappingRow[] = await db.query(
    `INSERT INTO oidc_group_mapping (group_name, role, agency_code) VALUES ($1, $2, $3)
       ON CONFLICT (province_code, group_name) DO UPDATE SET role = EXCLUDED.role, agency_code = EXCLUDED.agency_code, updated_at = now()
       RETURNING group_name, role, agency_code, updated_at`,
    [g.group, g.role, g.agencyCode],
  );
  return row!;
}

/** True when there was a mapping to delete. */
export async function deleteOidcGroupMapping(db: Db, group: string): Promise<boolean> {
  const rows = await updateReturning(managerOf(db), `DELETE FROM oidc_group_mapping WHERE group_name = $1 RETURNING group_name`, [group]);
  return rows.length > 0;
}
