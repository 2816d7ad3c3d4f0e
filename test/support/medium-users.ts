/** Signed-in users for medium tests: the seeded demo accounts, read from the database rather than typed out. */
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';

export async function seededUser(ds: DataSource, email: string): Promise<AuthUser> {
  const [row] = await ds.query(`SELECT id, email, full_name AS "fullName", agency_code AS "agencyCode", roles FROM app_user WHERE email = $1`, [email]);
  if (!row) throw new Error(`no seeded user ${email}`);
  return { id: row.id, email: row.email, fullName: row.fullName, agencyCode: row.agencyCode, roles: row.roles };
}
