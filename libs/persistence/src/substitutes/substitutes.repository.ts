import type { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../sql/update-returning';

type Db = DataSource | EntityManager;

/** A substitution with both people's names; the dates as YYYY-MM-DD (Asia/Ho_Chi_Minh calendar days). */
export interface SubstitutionRow {
  id: string;
  user_id: string;
  user_name: string;
  substitute_id: string;
  substitute_name: string;
  starts_on: string;
  ends_on: string;
  created_at: Date;
  revoked_at: Date | null;
}

const SELECT = `
  SELECT s.id, s.user_id, u.full_name AS user_name, s.substitute_id, su.full_name AS substitute_name,
         to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.created_at, s.revoked_at
  FROM user_substitute s JOIN app_user u ON u.id = s.user_id JOIN app_user su ON su.id = s.substitute_id`;

export async function findSubstitution(db: Db, id: string): Promise<SubstitutionRow | null> {
  const [row]: SubstitutionRow[] = await db.query(`${SELECT} WHERE s.id = $1`, [id]);
  return row ?? null;
}

/** Not revoked and not ended before `on`, by start date: the ones `userId` named (`as: 'user'`) or stands in (`as: 'substitute'`). */
export function listCurrentSubstitutions(db: Db, userId: string, as: 'user' | 'substitute', on: string): Promise<SubstitutionRow[]> {
  const column = as === 'user' ? 's.user_id' : 's.substitute_id';
  return db.query(`${SELECT} WHERE ${column} = $1 AND s.revoked_at IS NULL AND s.ends_on >= $2::date ORDER BY s.starts_on, s.id`, [
    userId,
    on,
  ]);
}

/** One writer per absent user at a time (their app_user row, locked to the end of the transaction). */
export async function lockSubstitutionsOf(m: EntityManager, userId: string): Promise<void> {
  await m.query('SELECT id FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
}

/** The first current or coming substitution of `userId` overlapping [startsOn, endsOn], if any. */
export async function findOverlappingSubstitution(
  m: EntityManager,
  userId: string,
  today: string,
  startsOn: string,
  endsOn: string,
): Promise<SubstitutionRow | null> {
  const [clash]: SubstitutionRow[] = await m.query(
    `${SELECT} WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.ends_on >= $2::date AND s.starts_on <= $4::date AND s.ends_on >= $3::date
     ORDER BY s.starts_on LIMIT 1`,
    [userId, today, startsOn, endsOn],
  );
  return clash ?? null;
}

export async function insertSubstitution(
  m: EntityManager,
  s: { id: string; userId: string; substituteId: string; startsOn: string; endsOn: string },
): Promise<void> {
  await m.query(`INSERT INTO user_substitute (id, user_id, substitute_id, starts_on, ends_on, created_at) VALUES ($1,$2,$3,$4,$5,now())`, [
    s.id,
    s.userId,
    s.substituteId,
    s.startsOn,
    s.endsOn,
  ]);
}

/** Revokes `userId`'s substitution `id` now; false when there was nothing to revoke (not theirs, or revoked already). */
export async function revokeSubstitution(m: EntityManager, id: string, userId: string): Promise<boolean> {
  const revoked = await updateReturning<{ id: string }>(
    m,
    'UPDATE user_substitute SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
    [id, userId],
  );
  return revoked.length > 0;
}

/**
 * SQL selecting the users the user in parameter `user` stands in for on the date in parameter `day`: those who named
 * them substitute for a range covering it, not revoked. Also a subquery of the task list, which so needs no lookup first.
 */
export function absentUsersCoveredBySql(user: string, day: string): string {
  return `SELECT user_id FROM user_substitute
     WHERE substitute_id = ${user} AND revoked_at IS NULL AND starts_on <= ${day}::date AND ends_on >= ${day}::date`;
}

/** The users `userId` stands in for on `day` (see absentUsersCoveredBySql). */
export async function absentUsersCoveredBy(db: Db, userId: string, day: string): Promise<string[]> {
  const rows: { user_id: string }[] = await db.query(absentUsersCoveredBySql('$1', '$2'), [userId, day]);
  return rows.map((r) => r.user_id);
}

/**
 * Whether a user exists and which agency they belong to (null: no such user); a substitute, like an assignee, must be
 * a member of the agency.
 */
export async function findUserAgency(db: Db, userId: string): Promise<{ agency_code: string | null } | null> {
  const [user]: { agency_code: string | null }[] = await db.query('SELECT agency_code FROM app_user WHERE id = $1', [userId]);
  return user ?? null;
}
