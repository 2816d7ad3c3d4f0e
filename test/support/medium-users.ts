/** Signed-in users for medium tests: the seeded demo accounts, read from the database rather than typed out. */
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { DEMO_USERS } from '@accord/persistence';

export async function seededUser(ds: DataSource, email: string): Promise<AuthUser> {
  const [row] = await ds.query(
    `SELECT id, email, full_name AS "fullName", agency_code AS "agencyCode", roles, COALESCE(province_code, 'PLATFORM') AS province
     FROM app_user WHERE email = $1`,
    [email],
  );
  if (!row) throw new Error(`no seeded user ${email}`);
  return { id: row.id, email: row.email, fullName: row.fullName, agencyCode: row.agencyCode, roles: row.roles, province: row.province };
}

/** The e-mail of the first demo account that matches, so tests name people by role and agency rather than by address. */
export function demoEmail(match: (u: (typeof DEMO_USERS)[number]) => boolean): string {
  const user = DEMO_USERS.find(match);
  if (!user) throw new Error('no demo user matches');
  return user.email;
}

export const hasDemoRole = (u: (typeof DEMO_USERS)[number], role: string): boolean => (u.roles as readonly string[]).includes(role);
