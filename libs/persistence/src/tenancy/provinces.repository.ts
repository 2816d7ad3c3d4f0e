import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * The province directory and the few questions sign-in must answer before it knows the caller's province. The
 * accord_*_province functions are SECURITY DEFINER (migration 1764000001800): they see past row-level security and
 * return a province code, nothing else.
 */
export interface ProvinceRow {
  code: string;
  name: string;
  name_en: string;
  created_at: Date;
}

export async function listProvinces(db: Db): Promise<ProvinceRow[]> {
  return db.query(`SELECT code, name, name_en, created_at FROM province ORDER BY code`);
}

export async function listProvinceCodes(db: Db): Promise<string[]> {
  const rows: { code: string }[] = await db.query(`SELECT code FROM province ORDER BY code`);
  return rows.map((r) => r.code);
}

export async function findProvince(db: Db, code: string): Promise<ProvinceRow | null> {
  const [row]: ProvinceRow[] = await db.query(`SELECT code, name, name_en, created_at FROM province WHERE code = $1`, [code]);
  return row ?? null;
}

/** False when the code is taken. */
export async function insertProvince(db: Db, p: { code: string; name: string; nameEn: string }): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO province (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code`,
    [p.code, p.name, p.nameEn],
  );
  return rows.length === 1;
}

async function scalar(db: Db, sql: string, params: unknown[]): Promise<string | null> {
  const [row]: { province: string | null }[] = await db.query(sql, params);
  return row?.province ?? null;
}

/** The user's province (`PLATFORM` for a platform administrator), or null when there is no such user. */
export const userProvince = (db: Db, userId: string): Promise<string | null> =>
  scalar(db, `SELECT accord_user_province($1) AS province`, [userId]);

export const loginProvince = (db: Db, email: string): Promise<string | null> =>
  scalar(db, `SELECT accord_login_province($1) AS province`, [email]);

export const oidcIdentityProvince = (db: Db, issuer: string, subject: string): Promise<string | null> =>
  scalar(db, `SELECT accord_oidc_identity_province($1, $2) AS province`, [issuer, subject]);

export const agencyProvince = (db: Db, agencyCode: string): Promise<string | null> =>
  scalar(db, `SELECT accord_agency_province($1) AS province`, [agencyCode]);

export async function groupProvinces(db: Db, groups: string[]): Promise<string[]> {
  const [row]: { provinces: string[] }[] = await db.query(`SELECT accord_group_provinces($1) AS provinces`, [groups]);
  return row?.provinces ?? [];
}

/** A province's administrator, written in the province `m`'s transaction acts for (provisionProvince set it). */
export async function insertProvinceAdmin(
  m: EntityManager,
  u: { id: string; email: string; fullName: string; passwordHash: string },
): Promise<void> {
  await m.query(`INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, $3, $4, NULL, '{ADMIN}')`, [
    u.id,
    u.email,
    u.fullName,
    u.passwordHash,
  ]);
}
