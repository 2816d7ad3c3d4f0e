import type { DataSource, EntityManager } from 'typeorm';
import { SqlConditions } from '../sql/sql-conditions';
import { foldedSql, wordsMatchSql } from '../sql/text-fold';

type Db = DataSource | EntityManager;

/** A user as sign-in needs them: with the password hash, which never leaves the auth code. */
export interface UserAccountRow {
  id: string;
  email: string;
  full_name: string;
  password_hash: string;
  agency_code: string | null;
  agency_name: string | null;
  roles: string[];
  /** Null for a platform administrator. */
  province_code: string | null;
  province_name: string | null;
}

const USER_SQL = `SELECT u.id, u.email, u.full_name, u.password_hash, u.agency_code, a.name AS agency_name, u.roles, u.province_code,
  pr.name AS province_name
  FROM app_user u LEFT JOIN agency a ON a.code = u.agency_code LEFT JOIN province pr ON pr.code = u.province_code`;

/** `email` already normalised (trimmed, lower-cased): the lookup compares it with lower(u.email). */
export async function findUserAccountByEmail(db: Db, email: string): Promise<UserAccountRow | null> {
  const [row]: UserAccountRow[] = await db.query(`${USER_SQL} WHERE lower(u.email) = $1`, [email]);
  return row ?? null;
}

export async function findUserAccountById(db: Db, id: string): Promise<UserAccountRow | null> {
  const [row]: UserAccountRow[] = await db.query(`${USER_SQL} WHERE u.id = $1`, [id]);
  return row ?? null;
}

/** Replaces the hash only if it is still `previousHash` (a concurrent password change wins). */
export async function replacePasswordHash(db: Db, id: string, hash: string, previousHash: string): Promise<void> {
  await db.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1 AND password_hash = $3`, [id, hash, previousHash]);
}

export async function countUsers(db: Db): Promise<number> {
  const [{ count }]: { count: string }[] = await db.query('SELECT count(*) AS count FROM app_user');
  return Number(count);
}

/** A user of the directory (GET /users): never the password hash, so it cannot leak into an answer. */
export interface DirectoryUserRow {
  id: string;
  email: string;
  full_name: string;
  /** The folded full name the list is sorted by (part of the keyset cursor). */
  sort_name: string;
  agency_code: string | null;
  agency_name: string | null;
  roles: string[];
}

/** Whose rows the caller may see: everyone, one agency's members, or only themself. */
export type DirectoryScope = { all: true } | { agencyCode: string } | { userId: string };

export interface DirectoryFilter {
  scope: DirectoryScope;
  agency?: string;
  role?: string;
  /** Words each matched in the full name or the e-mail, ignoring case and Vietnamese diacritics. */
  words?: string;
  /** The keyset of the last row of the previous page: [sort_name, full_name, id]. */
  after: [string, string, string] | null;
  /** Rows to return (the caller asks for one more than a page, to know whether another follows). */
  limit: number;
}

const SORT_NAME = `${foldedSql('u.full_name')} COLLATE "C"`;
const DIRECTORY_SELECT = `
  SELECT u.id, u.email, u.full_name, ${SORT_NAME} AS sort_name, u.agency_code, a.name AS agency_name, u.roles
  FROM app_user u LEFT JOIN agency a ON a.code = u.agency_code`;

export async function listDirectoryUsers(db: Db, f: DirectoryFilter): Promise<DirectoryUserRow[]> {
  const c = new SqlConditions();
  if ('agencyCode' in f.scope) c.where(`u.agency_code = ${c.param(f.scope.agencyCode)}`);
  else if ('userId' in f.scope) c.where(`u.id = ${c.param(f.scope.userId)}`);
  if (f.agency) c.where(`u.agency_code = ${c.param(f.agency)}`);
  if (f.role) c.where(`${c.param(f.role)} = ANY(u.roles)`);
  // Every word must appear in the name or the e-mail: "nguyen an" finds "Nguyễn Văn An".
  const words = wordsMatchSql(f.words, [foldedSql('u.full_name'), foldedSql('u.email')], (v) => c.param(v));
  if (words) c.where(words);
  c.after(`${SORT_NAME}, u.full_name COLLATE "C", u.id`, '>', f.after, ['text', 'text', 'uuid']);
  return db.query(
    `${DIRECTORY_SELECT} WHERE ${c.sql} ORDER BY ${SORT_NAME}, u.full_name COLLATE "C", u.id LIMIT ${c.param(f.limit)}`,
    c.params,
  );
}
