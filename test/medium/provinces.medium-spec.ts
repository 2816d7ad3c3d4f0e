/**
 * The platform administrators' provinces (docs/provinces.md) against real Postgres as the app role: a new province
 * comes with its core agencies, default policy, first ADMIN and the first event of its own audit chain, all in one
 * transaction; a taken code or e-mail is 409 with nothing half-made, also when two administrators create it at once.
 */
import { randomBytes } from 'node:crypto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { ProvincesService } from '../../apps/api/src/provinces/provinces.service';
import { runInProvince } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

jest.setTimeout(60_000);

describe('provinces (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: ProvincesService;
  let platform: AuthUser;

  /** A province's creation body, its first administrator's e-mail fresh unless given. */
  const body = (code: string, email = `admin-${code.toLowerCase()}-${randomBytes(3).toString('hex')}@example.gov.vn`) => ({
    code,
    name: `Tỉnh Thử ${code}`,
    nameEn: `Test Province ${code}`,
    admin: { email, fullName: `Quản trị ${code}`, password: 'mot-mat-khau-du-dai-2026' },
  });
  /** Four random capitals: a code no seeded province has (HT, DN), unlikely to meet another run's. */
  const freshCode = () => [...randomBytes(4)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const asPlatform = <T>(fn: () => Promise<T>) => runInProvince('PLATFORM', fn);

  beforeAll(async () => {
    db = await mediumDatabase();
    service = new ProvincesService(db.appDataSource);
    platform = await seededUser(db.dataSource, 'platform@accord.local');
  });
  afterAll(() => db.close());

  it('creates a province with its agencies, policy, first ADMIN and the first event of its own chain', async () => {
    const code = freshCode();
    const created = await asPlatform(() => service.create(platform, body(code)));
    expect(created).toMatchObject({ code, name: `Tỉnh Thử ${code}`, nameEn: `Test Province ${code}`, admin: { id: expect.any(String) } });
    expect((await asPlatform(() => service.list())).items.map((p) => p.code)).toContain(code);

    const rows = async (sql: string) => (await db.dataSource.query(sql, [code])) as Record<string, unknown>[];
    expect((await rows(`SELECT code FROM agency WHERE province_code = $1 ORDER BY code`)).map((r) => r.code)).toEqual(
      expect.arrayContaining([`${code}-UBND`, `${code}-SNGV`, `${code}-STP`]),
    );
    expect(await rows(`SELECT roles FROM app_user WHERE province_code = $1`)).toEqual([{ roles: ['ADMIN'] }]);
    expect((await rows(`SELECT count(*)::int AS n FROM routing_policy WHERE province_code = $1`))[0]!.n).toBe(1);
    expect(await rows(`SELECT action FROM audit_event WHERE province_code = $1`)).toEqual([{ action: 'PROVINCE_CREATED' }]);
  });

  it('refuses a taken code or e-mail with 409 and leaves nothing behind', async () => {
    const code = freshCode();
    const first = body(code);
    await asPlatform(() => service.create(platform, first));
    await expect(asPlatform(() => service.create(platform, body(code)))).rejects.toMatchObject({ status: 409, code: 'PROVINCE_EXISTS' });

    const other = freshCode();
    await expect(asPlatform(() => service.create(platform, body(other, first.admin.email.toUpperCase())))).rejects.toMatchObject({
      status: 409,
      code: 'EMAIL_TAKEN',
    });
    expect(await db.dataSource.query(`SELECT code FROM province WHERE code = $1`, [other])).toEqual([]);
    expect(await db.dataSource.query(`SELECT code FROM agency WHERE province_code = $1`, [other])).toEqual([]);
  });

  it('creates one province when two administrators create the same one at the same moment', async () => {
    const code = freshCode();
    const results = await Promise.allSettled([
      asPlatform(() => service.create(platform, body(code))),
      asPlatform(() => service.create(platform, body(code))),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      status: 409,
      code: 'PROVINCE_EXISTS',
    });
    const admins = await db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE province_code = $1`, [code]);
    expect(admins[0].n).toBe(1);
  });
});
