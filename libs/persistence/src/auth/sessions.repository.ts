import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../sql/manager-of';
import { updateReturning } from '../sql/update-returning';

type Db = DataSource | EntityManager;

/** A new session (auth_session) with its first refresh token id, alive for `ttlSeconds` from now. */
export async function insertSession(db: Db, s: { id: string; userId: string; refreshJti: string; ttlSeconds: number }): Promise<void> {
  await db.query(`INSERT INTO auth_session (id, user_id, refresh_jti, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
    s.id,
    s.userId,
    s.refreshJti,
    s.ttlSeconds,
  ]);
}

/**
 * Moves a live session to the refresh token id `nextJti`, only if `jti` is its current one: one atomic UPDATE, so two
 * uses of the same token (even in parallel) cannot both succeed. True when it moved.
 */
export async function rotateSessionRefresh(
  db: Db,
  r: { sessionId: string; userId: string; jti: string; nextJti: string; ttlSeconds: number },
): Promise<boolean> {
  const rows = await updateReturning(
    managerOf(db),
    `UPDATE auth_session SET refresh_jti = $4, refreshed_at = now(), expires_at = now() + make_interval(secs => $5)
        WHERE id = $1 AND user_id = $2 AND refresh_jti = $3 AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
    [r.sessionId, r.userId, r.jti, r.nextJti, r.ttlSeconds],
  );
  return rows.length > 0;
}

/** Ends the session when `spentJti` is not its current refresh token id (a spent token presented again). */
export async function revokeSessionOnReuse(db: Db, sessionId: string, spentJti: string): Promise<void> {
  await db.query(
    `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'refresh-reuse' WHERE id = $1 AND revoked_at IS NULL AND refresh_jti <> $2`,
    [sessionId, spentJti],
  );
}

export async function revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db.query(`UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [
    sessionId,
    reason,
  ]);
}

/** Forgets sessions a day after they expired (every token of theirs is dead by then). */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.query(`DELETE FROM auth_session WHERE expires_at < now() - interval '1 day'`);
}

/** The user behind a live session, as they are now (roles and agency from app_user, not from the token). */
export interface SessionUserRow {
  id: string;
  email: string;
  full_name: string;
  agency_code: string | null;
  roles: string[];
}

/** One query on two primary keys per request. */
const SESSION_USER_SQL = `SELECT u.id, u.email, u.full_name, u.agency_code, u.roles
  FROM auth_session s JOIN app_user u ON u.id = s.user_id
  WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`;

export async function findSessionUser(db: Db, sessionId: string, userId: string): Promise<SessionUserRow | null> {
  const [row]: SessionUserRow[] = await db.query(SESSION_USER_SQL, [sessionId, userId]);
  return row ?? null;
}
