import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { VIETNAM_HOLIDAYS_2025_2027 } from '@accord/domain';
import { hashPassword } from '../security/password';
import { actInProvince, provisionProvince } from '../tenancy/provision';
import {
  DEMO_AGENCIES,
  DEMO_PASSWORD,
  DEMO_PROVINCE_DN,
  DEMO_PROVINCE_HT,
  DEMO_USERS,
  DN_DEMO_AGENCIES,
  DN_DEMO_USERS,
  PLATFORM_DEMO_USERS,
} from './demo-data';

interface DemoUser {
  email: string;
  fullName: string;
  agency: string | null;
  roles: readonly string[];
  /** Printed in the signature block of the documents the user signs (chức vụ). */
  position?: string;
}

/**
 * Seeds the demo provinces (Hà Tĩnh, Đồng Nai) with their agencies and users, the platform administrator and the
 * national 2025-2027 calendar; safe to run again (inserts only what is missing). Runs as the owning role; each
 * province's rows are written while the transaction acts for it, so they get its province_code.
 */
export async function seedDemoData(dataSource: DataSource): Promise<{ users: number; holidays: number }> {
  return dataSource.transaction(async (m) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let users = 0;

    // Hà Tĩnh's agencies first: their names are the ones its plans use (provisioning adds only what is missing).
    await actInProvince(m, DEMO_PROVINCE_HT.code);
    await insertAgencies(m, DEMO_AGENCIES);
    await provisionProvince(m, DEMO_PROVINCE_HT);
    users += await insertUsers(m, DEMO_USERS, passwordHash);

    await provisionProvince(m, DEMO_PROVINCE_DN);
    await insertAgencies(m, DN_DEMO_AGENCIES);
    users += await insertUsers(m, DN_DEMO_USERS, passwordHash);

    await actInProvince(m, 'PLATFORM');
    users += await insertUsers(m, PLATFORM_DEMO_USERS, passwordHash, { platform: true });

    let holidays = 0;
    for (const h of VIETNAM_HOLIDAYS_2025_2027) {
      // No province: the national calendar every province reads (its own days override it).
      const rows: unknown[] = await m.query(
        `INSERT INTO holiday (province_code, date, name, name_en, kind) VALUES (NULL, $1, $2, $3, $4)
         ON CONFLICT (province_code, date) DO NOTHING RETURNING date`,
        [h.date, h.name, h.nameEn, h.kind],
      );
      holidays += rows.length;
    }
    return { users, holidays };
  });
}

async function insertAgencies(m: EntityManager, agencies: readonly { code: string; name: string; nameEn: string }[]): Promise<void> {
  for (const a of agencies) {
    await m.query('INSERT INTO agency (code, name, name_en) VALUES ($1,$2,$3) ON CONFLICT (code) DO NOTHING', [a.code, a.name, a.nameEn]);
  }
}

async function insertUsers(
  m: EntityManager,
  users: readonly DemoUser[],
  passwordHash: string,
  options: { platform?: boolean } = {},
): Promise<number> {
  let inserted = 0;
  for (const u of users) {
    const rows: unknown[] = await m.query(
      `INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles, province_code)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN NULL ELSE current_setting('accord.province') END)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [randomUUID(), u.email, u.fullName, passwordHash, u.agency, [...u.roles], options.platform === true],
    );
    inserted += rows.length;
    // Databases seeded before positions existed get them too (never overwriting one an administrator set).
    if (u.position) await m.query('UPDATE app_user SET position = $2 WHERE email = $1 AND position IS NULL', [u.email, u.position]);
  }
  return inserted;
}
