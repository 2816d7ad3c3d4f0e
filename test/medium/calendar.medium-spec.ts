import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { DeadlineRecomputeService } from '../../apps/api/src/calendar/deadline-recompute.service';
import { DEMO_USERS } from '@accord/persistence';
import { fakeTemporal } from '../support/fake-temporal';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { insertProposal } from '../support/medium-rows';
import { demoEmail, seededUser } from '../support/medium-users';

const ADMIN = DEMO_USERS.find((u) => (u.roles as readonly string[]).includes('ADMIN'))!.email;
const SCT = demoEmail((u) => u.agency === 'HT-SCT');

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

  it('removes a day, audited with what it was, and counts working days without it', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    await service.upsert(admin, { date: '2031-09-03', name: 'Nghỉ lễ', nameEn: 'Holiday', kind: 'HOLIDAY' });
    // 2031-09-02 is a Tuesday: with the 3rd off, one working day later is Thursday the 4th.
    expect((await service.calendar()).addWorkingDays('2031-09-02', 1)).toBe('2031-09-04');
    await service.remove(admin, '2031-09-03');
    expect((await service.days(2031)).map((d) => d.date)).not.toContain('2031-09-03');
    expect((await service.calendar()).addWorkingDays('2031-09-02', 1)).toBe('2031-09-03');
    const [audit] = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'HOLIDAY_DELETED' AND payload->>'date' = '2031-09-03'`,
    );
    expect(audit.payload.before).toMatchObject({ date: '2031-09-03', name: 'Nghỉ lễ', kind: 'HOLIDAY' });
  });
});

describe('DeadlineRecomputeService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase();
  });
  afterAll(() => db.close());

  it('sends the edited calendar to every proposal with an open task, one audited request, each command marked sent', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const sct = await seededUser(db.dataSource, SCT);
    const running = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      tasks: [{ agencyCode: 'HT-STP', status: 'OPEN' }],
    });
    const finished = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      tasks: [{ agencyCode: 'HT-STP', status: 'COMPLETED' }],
    });
    const gone = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      tasks: [{ agencyCode: 'HT-CA', status: 'OPEN' }],
    });
    const broken = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      tasks: [{ agencyCode: 'HT-CA', status: 'OPEN' }],
    });
    const temporal = fakeTemporal({
      update: (call) => {
        if (call.workflowId === gone.workflowId) throw new Error('workflow execution already completed');
        if (call.workflowId === broken.workflowId) throw new Error('deadline exceeded');
        return { id: call.workflowId, rescheduled: 2 };
      },
    });
    const calendar = new CalendarService(db.appDataSource);
    const service = new DeadlineRecomputeService(db.appDataSource, temporal.service, calendar);
    await calendar.upsert(admin, { date: '2031-10-10', name: 'Nghỉ bù', nameEn: 'Day off', kind: 'HOLIDAY' });

    const result = await service.recompute(admin, 'Bổ sung ngày nghỉ bù');
    expect(result).toEqual({
      proposals: 3,
      rescheduledTasks: 2,
      failed: [expect.objectContaining({ id: broken.id, reference: broken.reference, error: 'deadline exceeded' })],
    });
    const sentTo = temporal.calls.map((c) => c.workflowId);
    expect(sentTo.sort()).toEqual([running, gone, broken].map((p) => p.workflowId).sort());
    expect(sentTo).not.toContain(finished.workflowId);
    const args = temporal.calls[0]!.args[0] as { calendar: { date: string }[]; reason: string; actor: { id: string } };
    expect(args.calendar.map((d) => d.date)).toContain('2031-10-10');
    expect(args).toMatchObject({ reason: 'Bổ sung ngày nghỉ bù', actor: { id: admin.id } });

    const commands: { id: string; proposal_id: string; done: boolean }[] = await db.dataSource.query(
      `SELECT id, proposal_id, done_at IS NOT NULL AS done FROM command_outbox WHERE command->>'updateName' = 'recomputeDeadlines'`,
    );
    expect(Object.fromEntries(commands.map((c) => [c.proposal_id, c.done]))).toEqual({
      [running.id]: true,
      [gone.id]: true,
      [broken.id]: false,
    });
    // Each Update carries its command's id, so the relay's retry of the unsent one is not applied twice.
    expect(temporal.calls.map((c) => c.updateId).sort()).toEqual(commands.map((c) => c.id).sort());
    const audit = await db.dataSource.query(`SELECT actor_id, payload FROM audit_event WHERE action = 'DEADLINE_RECOMPUTE_REQUESTED'`);
    expect(audit).toEqual([{ actor_id: admin.id, payload: expect.objectContaining({ reason: 'Bổ sung ngày nghỉ bù', proposals: 3 }) }]);
  });
});
