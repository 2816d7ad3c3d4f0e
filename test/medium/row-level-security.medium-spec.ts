/**
 * Provinces are isolated by Postgres row-level security, not by the api's filters (docs/provinces.md): proven here in
 * SQL, on a connection of the role the api and the worker use (a member of accord_app), with nothing of Accord's code
 * between the test and the database.
 */
import { Client } from 'pg';
import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { runInProvince } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

/** Tables that hold no province data on purpose (docs/provinces.md "Exceptions"). */
const PLATFORM_TABLES = ['migrations', 'province', 'auth_session', 'login_throttle', 'oidc_login_state'];

describe('row-level security (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let app: Client;

  /** A count on the app role's connection, after setting (or resetting) the province. */
  async function countAs(province: string | null, table: string, where = 'true'): Promise<number> {
    await app.query(`SELECT set_config('accord.province', $1, false)`, [province ?? '']);
    const { rows } = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
    return rows[0]!.n;
  }

  beforeAll(async () => {
    db = await mediumDatabase();
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
    await app.query('SET ROLE accord_app');
  });
  afterAll(async () => {
    await app.end();
    await db.close();
  });

  it('gives every table but the platform ones a province column under row-level security with a policy', async () => {
    const tables: { name: string; rls: boolean; has_column: boolean; policies: number }[] = await db.dataSource.query(
      `SELECT c.relname AS name, c.relrowsecurity AS rls,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_code' AND NOT a.attisdropped) AS has_column,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
    );
    const tenant = tables.filter((t) => !PLATFORM_TABLES.includes(t.name));
    expect(tenant.length).toBeGreaterThan(20);
    expect(tenant.filter((t) => !t.rls || !t.has_column || t.policies === 0).map((t) => t.name)).toEqual([]);
    expect(
      tables
        .filter((t) => PLATFORM_TABLES.includes(t.name))
        .map((t) => t.name)
        .sort(),
    ).toEqual([...PLATFORM_TABLES].sort());
  });

  it('shows the app role no rows at all without a province', async () => {
    for (const table of ['app_user', 'agency', 'routing_policy', 'report_cycle_policy', 'holiday'])
      expect({ table, n: await countAs(null, table) }).toEqual({ table, n: 0 });
  });

  it('shows each province its own rows only, and both the national calendar', async () => {
    for (const province of ['HT', 'DN']) {
      const other = province === 'HT' ? 'DN' : 'HT';
      expect(await countAs(province, 'app_user')).toBeGreaterThan(0);
      expect(await countAs(province, 'app_user', `province_code <> '${province}'`)).toBe(0);
      expect(await countAs(province, 'agency', `code LIKE '${other}-%'`)).toBe(0);
      expect(await countAs(province, 'agency', `code LIKE '${province}-%'`)).toBeGreaterThan(5);
      expect(await countAs(province, 'routing_policy')).toBeGreaterThan(0);
      expect(await countAs(province, 'holiday', 'province_code IS NULL')).toBeGreaterThan(20);
    }
    // The platform administrator is in no province: only the PLATFORM scope sees them, and nothing else.
    expect(await countAs('PLATFORM', 'app_user')).toBe(1);
    expect(await countAs('PLATFORM', 'agency')).toBe(0);
    expect(await countAs('HT', 'app_user', `email = 'platform@accord.local'`)).toBe(0);
  });

  it("refuses to write into another province and cannot touch the other's rows", async () => {
    await app.query(`SELECT set_config('accord.province', 'HT', false)`);
    await expect(app.query(`INSERT INTO agency (code, name, name_en, province_code) VALUES ('DN-X', 'x', 'x', 'DN')`)).rejects.toThrow(
      /row-level security/,
    );
    // No province given: the default is the connection's province.
    await app.query(`INSERT INTO agency (code, name, name_en) VALUES ('HT-RLS', 'x', 'x')`);
    expect(await db.dataSource.query(`SELECT province_code FROM agency WHERE code = 'HT-RLS'`)).toEqual([{ province_code: 'HT' }]);
    const updated = await app.query(`UPDATE agency SET name = 'taken over' WHERE code = 'DN-SNGV'`);
    expect(updated.rowCount).toBe(0);
    await expect(app.query(`UPDATE agency SET province_code = 'DN' WHERE code = 'HT-RLS'`)).rejects.toThrow(/row-level security/);
    const deleted = await app.query(`DELETE FROM app_user WHERE email LIKE '%dongnai%'`);
    expect(deleted.rowCount).toBe(0);
    // Without a province nothing can be written at all.
    await app.query(`SELECT set_config('accord.province', '', false)`);
    await expect(app.query(`INSERT INTO agency (code, name, name_en) VALUES ('HT-RLS2', 'x', 'x')`)).rejects.toThrow();
    expect(await db.dataSource.query(`SELECT name FROM agency WHERE code = 'DN-SNGV'`)).toEqual([{ name: 'Sở Ngoại vụ' }]);
  });

  it("keeps a province's own calendar day to itself, over the national one", async () => {
    const service = new CalendarService(db.appDataSource);
    const htAdmin = await seededUser(db.dataSource, 'admin@accord.local');
    const dnAdmin = await seededUser(db.dataSource, 'admin@dongnai.gov.vn');
    await runInProvince('DN', () =>
      service.upsert(dnAdmin, { date: '2031-09-03', name: 'Nghỉ riêng Đồng Nai', nameEn: 'Đồng Nai day off', kind: 'HOLIDAY' }),
    );
    expect((await runInProvince('DN', () => service.days(2031))).map((d) => d.date)).toContain('2031-09-03');
    expect((await runInProvince('HT', () => service.days(2031))).map((d) => d.date)).not.toContain('2031-09-03');
    // A national day is not a province's to remove; its own day is.
    const national = (await runInProvince('HT', () => service.days(2026)))[0]!.date;
    await expect(runInProvince('HT', () => service.remove(htAdmin, national))).rejects.toMatchObject({ status: 409 });
    await expect(runInProvince('HT', () => service.remove(htAdmin, '2031-09-03'))).rejects.toMatchObject({ status: 404 });
    await runInProvince('DN', () => service.remove(dnAdmin, '2031-09-03'));
    expect((await runInProvince('DN', () => service.days(2031))).map((d) => d.date)).not.toContain('2031-09-03');
  });
});
