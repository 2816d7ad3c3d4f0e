import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import type { CreateSubstituteDto } from '../../apps/api/src/substitutes/substitutes.dto';
import { SubstitutesService } from '../../apps/api/src/substitutes/substitutes.service';
import { isoDateInVietnam } from '@accord/domain';
import { addMonthsToIsoDate, DEMO_USERS } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

const email = (agency: string | null, role: string) =>
  DEMO_USERS.find(
    (u) =>
      u.agency === agency &&
      (u.roles as readonly string[]).includes(role) &&
      (role === 'AGENCY_HEAD' || !(u.roles as readonly string[]).includes('AGENCY_HEAD')),
  )!.email;

/** A calendar day `days` after today in Asia/Ho_Chi_Minh. */
const day = (days: number): string => {
  const d = new Date(`${isoDateInVietnam(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('SubstitutesService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: SubstitutesService;
  let officer: AuthUser; // HT-SNGV
  let head: AuthUser; // HT-SNGV
  let stp: AuthUser;
  let admin: AuthUser;

  const body = (substituteId: string, startsOn: string, endsOn: string) => ({ substituteId, startsOn, endsOn }) as CreateSubstituteDto;
  const count = async (table: string): Promise<number> => (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const written = async () => ({
    substitutions: await count('user_substitute'),
    keys: await count('idempotency_record'),
    audit: await count('audit_event'),
  });

  beforeAll(async () => {
    db = await mediumDatabase();
    service = new SubstitutesService(db.appDataSource);
    [officer, head, stp, admin] = await Promise.all([
      seededUser(db.dataSource, email('HT-SNGV', 'REVIEWER')),
      seededUser(db.dataSource, email('HT-SNGV', 'AGENCY_HEAD')),
      seededUser(db.dataSource, email('HT-STP', 'REVIEWER')),
      seededUser(db.dataSource, email(null, 'ADMIN')),
    ]);
  });
  afterAll(() => db.close());

  it("names a colleague, audits it, and lists it for both: the absent user's items and the substitute's actingFor", async () => {
    const created = await service.create(officer, body(head.id, day(0), day(2)));
    expect(created).toMatchObject({
      user: { id: officer.id },
      substitute: { id: head.id },
      startsOn: day(0),
      endsOn: day(2),
      status: 'ACTIVE',
      revokedAt: null,
    });
    const [audit] = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'SUBSTITUTE_SET' AND payload->>'substitutionId' = $1`,
      [created.id],
    );
    expect(audit.payload).toMatchObject({ startsOn: day(0), endsOn: day(2), substitute: { id: head.id } });
    expect((await service.list(officer)).items.map((s) => s.id)).toEqual([created.id]);
    expect((await service.list(head)).actingFor.map((s) => s.id)).toEqual([created.id]);
    expect((await service.list(head)).items).toEqual([]);
  });

  it('refuses overlapping dates with 409, writing nothing', async () => {
    const before = await written();
    await expect(service.create(officer, body(head.id, day(2), day(4)))).rejects.toMatchObject({
      status: 409,
      errors: [{ field: 'startsOn' }, { field: 'endsOn' }],
    });
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a substitute of another agency', () => body(stp.id, day(10), day(11)), 'substituteId'],
    ['oneself', () => body(officer.id, day(10), day(11)), 'substituteId'],
    ['an unknown user', () => body(randomUUID(), day(10), day(11)), 'substituteId'],
    ['a start in the past', () => body(head.id, day(-1), day(11)), 'startsOn'],
    ['an end before the start', () => body(head.id, day(12), day(11)), 'endsOn'],
    ['more than a year', () => body(head.id, day(10), addMonthsToIsoDate(day(11), 12)), 'endsOn'],
  ])('refuses %s with 400 on that field, writing nothing', async (_, make, field) => {
    const before = await written();
    await expect(service.create(officer, make())).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field })] });
    expect(await written()).toEqual(before);
  });

  it('refuses a caller without an agency with 403 before looking at the key', async () => {
    const before = await written();
    await expect(service.create(admin, body(head.id, day(20), day(21)), '')).rejects.toMatchObject({ status: 403 });
    await expect(service.create(officer, body(head.id, day(20), day(21)), 'k'.repeat(256))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'Idempotency-Key' }],
    });
    expect(await written()).toEqual(before);
  });

  it('returns the first substitution for a repeated Idempotency-Key instead of a 409, writing nothing more', async () => {
    const first = await service.create(officer, body(head.id, day(30), day(31)), 'away-30');
    const before = await written();
    await expect(service.create(officer, body(head.id, day(30), day(31)), 'away-30')).resolves.toEqual(first);
    expect(await written()).toEqual(before);
  });

  it("revokes once (a second revoke changes nothing) and refuses to revoke what is not the caller's with 404", async () => {
    const created = await service.create(officer, body(head.id, day(50), day(51)));
    await expect(service.revoke(head, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.revoke(officer, randomUUID())).rejects.toMatchObject({ status: 404 });
    await service.revoke(officer, created.id);
    await service.revoke(officer, created.id);
    const audits = await db.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'SUBSTITUTE_REVOKED' AND payload->>'substitutionId' = $1`,
      [created.id],
    );
    expect(audits).toHaveLength(1);
    expect((await service.list(officer)).items.map((s) => s.id)).not.toContain(created.id);
    // Revoked, the dates are free again.
    await expect(service.create(officer, body(head.id, day(50), day(51)))).resolves.toMatchObject({ status: 'SCHEDULED' });
  });
});
