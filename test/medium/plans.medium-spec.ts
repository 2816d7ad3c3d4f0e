import { PlansService } from '../../apps/api/src/plans/plans.service';
import { planWorkflowId } from '@accord/temporal';
import { fakeTemporal, type FakeTemporal } from '../support/fake-temporal';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { demoEmail, hasDemoRole, seededUser } from '../support/medium-users';

const OFFICER = demoEmail((u) => u.agency === 'HT-SNGV' && !hasDemoRole(u, 'AGENCY_HEAD'));
const SCT = demoEmail((u) => u.agency === 'HT-SCT');
const STP = demoEmail((u) => u.agency === 'HT-STP');
const LEADER = demoEmail((u) => hasDemoRole(u, 'LEADER'));

const item = (no: number, leadAgency: string, timeFrame = 'Quý IV/2030') => ({
  no,
  task: `Nhiệm vụ ${no}`,
  leadAgency,
  timeFrame,
  output: 'Báo cáo',
});

describe('PlansService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let temporal: FakeTemporal;
  let service: PlansService;
  const count = async (table: string): Promise<number> => (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    db = await mediumDatabase();
    temporal = fakeTemporal();
    service = new PlansService(db.appDataSource, temporal.service);
  });
  afterAll(() => db.close());
  beforeEach(() => temporal.calls.splice(0));

  it('imports a plan with its items, audits it and starts its follow-up', async () => {
    const officer = await seededUser(db.dataSource, OFFICER);
    const plan = await service.import(
      officer,
      { title: 'Kế hoạch 152', source: 'QĐ 1/UBND', items: [item(1, 'HT-SCT'), item(2, 'Sở Ngoại vụ')] },
      undefined,
    );
    expect(plan).toMatchObject({
      title: 'Kế hoạch 152',
      source: 'QĐ 1/UBND',
      format: 'JSON',
      summary: { items: 2, byStatus: { NOT_STARTED: 2 } },
    });
    expect(plan.items.map((i) => [i.no, i.lead.code, i.status])).toEqual([
      [1, 'HT-SCT', 'NOT_STARTED'],
      [2, 'HT-SNGV', 'NOT_STARTED'],
    ]);
    const [audit] = await db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event WHERE action = 'PLAN_IMPORTED' AND payload->>'planId' = $1`,
      [plan.id],
    );
    expect(audit).toMatchObject({ actor_id: officer.id, payload: { title: 'Kế hoạch 152', format: 'JSON', items: 2 } });
    expect(temporal.calls).toEqual([
      { kind: 'start', workflowId: planWorkflowId('HT', plan.id), name: 'planFollowUpWorkflow', args: [{ planId: plan.id }] },
    ]);
  });

  it('refuses an importer outside HT-SNGV (403) and a plan with bad rows (400, every row named), writing nothing', async () => {
    const sct = await seededUser(db.dataSource, SCT);
    const officer = await seededUser(db.dataSource, OFFICER);
    const before = [await count('plan'), await count('plan_item'), await count('audit_event')];
    await expect(service.import(sct, { title: 'T', items: [item(1, 'HT-SCT')] }, undefined)).rejects.toMatchObject({ status: 403 });
    const bad = await service
      .import(officer, { title: 'T', items: [item(1, 'Không có sở này'), { ...item(2, 'HT-SCT'), timeFrame: 'khi nào rảnh' }] }, undefined)
      .catch((e: { status: number; errors: { field: string }[] }) => e);
    expect(bad).toMatchObject({ status: 400 });
    expect((bad as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['items.0.leadAgency', 'items.1.timeFrame']);
    expect([await count('plan'), await count('plan_item'), await count('audit_event')]).toEqual(before);
    expect(temporal.calls).toEqual([]);
  });

  it('pages through every plan, newest first, without repeats', async () => {
    const officer = await seededUser(db.dataSource, OFFICER);
    for (let i = 0; i < 5; i++) await service.import(officer, { title: `Kế hoạch ${i}`, items: [item(1, 'HT-SCT')] }, undefined);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all: { id: string }[] = await db.dataSource.query('SELECT id FROM plan ORDER BY created_at DESC, id DESC');
    expect(seen).toEqual(all.map((p) => p.id));
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  it('records a status update from the lead agency, audits it and wakes the follow-up; another agency is refused and sees no note', async () => {
    const officer = await seededUser(db.dataSource, OFFICER);
    const sct = await seededUser(db.dataSource, SCT);
    const stp = await seededUser(db.dataSource, STP);
    const leader = await seededUser(db.dataSource, LEADER);
    const plan = await service.import(officer, { title: 'Kế hoạch cập nhật', items: [item(1, 'HT-SCT')] }, undefined);
    const itemId = plan.items[0]!.id;
    temporal.calls.splice(0);

    const before = [await count('plan_item_update'), await count('audit_event')];
    await expect(service.addUpdate(stp, plan.id, itemId, { status: 'DONE', note: 'Không phải việc của tôi' })).rejects.toMatchObject({
      status: 403,
    });
    expect([await count('plan_item_update'), await count('audit_event')]).toEqual(before);

    const update = await service.addUpdate(sct, plan.id, itemId, { status: 'DONE', note: 'Đã hoàn thành' });
    expect(update).toMatchObject({ itemId, status: 'DONE', note: 'Đã hoàn thành', agency: { code: 'HT-SCT' }, item: { status: 'DONE' } });
    const [stored] = await db.dataSource.query(
      `SELECT status, to_char(last_done_on, 'YYYY-MM-DD') AS last_done_on FROM plan_item WHERE id = $1`,
      [itemId],
    );
    expect(stored.status).toBe('DONE');
    expect(stored.last_done_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [audit] = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'PLAN_ITEM_UPDATED' AND payload->>'itemId' = $1`,
      [itemId],
    );
    expect(audit.payload).toMatchObject({ planId: plan.id, from: 'NOT_STARTED', to: 'DONE', agencyCode: 'HT-SCT' });
    expect(temporal.calls).toEqual([expect.objectContaining({ kind: 'signal', workflowId: planWorkflowId('HT', plan.id) })]);

    const noteSeenBy = async (reader: typeof sct) => (await service.detail(reader, plan.id, {})).items[0]!.updates[0]!.note;
    expect(await noteSeenBy(sct)).toBe('Đã hoàn thành');
    expect(await noteSeenBy(leader)).toBe('Đã hoàn thành');
    expect(await noteSeenBy(stp)).toBeNull();
  });

  it('answers a repeated Idempotency-Key with the first plan, importing it once', async () => {
    const officer = await seededUser(db.dataSource, OFFICER);
    const body = { title: 'Kế hoạch một lần', items: [item(1, 'HT-SCT')] };
    const first = await service.import(officer, body, undefined, 'plan-key-1');
    const again = await service.import(officer, body, undefined, 'plan-key-1');
    expect(again.id).toBe(first.id);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM plan WHERE title = 'Kế hoạch một lần'`)).toEqual([{ n: 1 }]);
  });

  it('answers 404 for an unknown plan or an item of another plan', async () => {
    const officer = await seededUser(db.dataSource, OFFICER);
    const sct = await seededUser(db.dataSource, SCT);
    const a = await service.import(officer, { title: 'A', items: [item(1, 'HT-SCT')] }, undefined);
    const b = await service.import(officer, { title: 'B', items: [item(1, 'HT-SCT')] }, undefined);
    await expect(service.detail(officer, '00000000-0000-4000-8000-00000000dead', {})).rejects.toMatchObject({ status: 404 });
    await expect(service.addUpdate(sct, a.id, b.items[0]!.id, { status: 'IN_PROGRESS', note: 'x' })).rejects.toMatchObject({ status: 404 });
  });
});
