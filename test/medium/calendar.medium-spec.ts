import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { DEMO_USERS } from '../../libs/persistence/src';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

const ADMIN = DEMO_USERS.find((u) => (u.roles as readonly string[]).includes('ADMIN'))!.email;

describe('CalendarService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: CalendarService;
  beforeAll(async () => {
    db = await mediumDatabase();
    service = new CalendarService(db.appDataSource);
  });
  afterAll(() => db.close());

  it('adds a day, reads it back in its year only, and audits the change with before and after', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    await service.upsert(admin, { date: '2031-05-02', name: 'Nghỉ bù', nameEn: 'Compensatory day off', kind: 'HOLIDAY' });
    expect((await service.days(2031)).map((d) => d.date)).toContain('2031-05-02');
    expect((await service.days(2030)).map((d) => d.date)).not.toContain('2031-05-02');
    await service.upsert(admin, { date: '2031-05-02', name: 'Nghỉ bù 30/4', nameEn: 'Day off for 30 April', kind: 'HOLIDAY' });
    const audit = await db.dataSource.query(`SELECT payload FROM audit_event WHERE action = 'HOLIDAY_UPSERTED' ORDER BY seq`);
    expect(audit).toHaveLength(2);
    expect(audit[1].payload.before).toMatchObject({ name: 'Nghỉ bù' });
    expect(audit[1].payload.after).toMatchObject({ name: 'Nghỉ bù 30/4' });
  });

  it('refuses to remove a day that is not in the calendar, and writes nothing', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`);
    await expect(service.remove(admin, '2031-07-07')).rejects.toMatchObject({ status: 404 });
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`)).toEqual(before);
  });
});
