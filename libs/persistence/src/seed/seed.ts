import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { VIETNAM_HOLIDAYS_2025_2027 } from '../../../domain/src';
import { hashPassword } from '../security/password';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

/** Seeds agencies, demo users and the 2025-2027 holidays; safe to run again (inserts only what is missing). */
export async function seedDemoData(dataSource: DataSource): Promise<{ users: number; holidays: number }> {
  return dataSource.transaction(async (m) => {
    for (const a of DEMO_AGENCIES) {
      await m.query('INSERT INTO agency (code, name, name_en) VALUES ($1,$2,$3) ON CONFLICT (code) DO NOTHING', [a.code, a.name, a.nameEn]);
    }
    let users = 0;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const rows: unknown[] = await m.query(
        `INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [randomUUID(), u.email, u.fullName, passwordHash, u.agency, [...u.roles]],
      );
      users += rows.length;
    }
    let holidays = 0;
    for (const h of VIETNAM_HOLIDAYS_2025_2027) {
      const rows: unknown[] = await m.query(
        'INSERT INTO holiday (date, name, name_en, kind) VALUES ($1,$2,$3,$4) ON CONFLICT (date) DO NOTHING RETURNING date',
        [h.date, h.name, h.nameEn, h.kind],
      );
      holidays += rows.length;
    }
    return { users, holidays };
  });
}
