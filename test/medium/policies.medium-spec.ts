import { PolicyService } from '../../apps/api/src/policies/policy.service';
import type { RoutingPolicy } from '@accord/domain';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { demoEmail, hasDemoRole, seededUser } from '../support/medium-users';

const ADMIN = demoEmail((u) => hasDemoRole(u, 'ADMIN'));

describe('PolicyService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: PolicyService;
  const counts = async () =>
    (
      await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM routing_policy) AS policies, (SELECT count(*)::int FROM audit_event) AS audit`,
      )
    )[0];
  const draft = async (version: string): Promise<Record<string, unknown>> => {
    const current = (await service.get('current')).document;
    return { ...JSON.parse(JSON.stringify(current)), version };
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    service = new PolicyService(db.appDataSource);
  });
  afterAll(() => db.close());

  it('publishes a version as current, after the previous one, with its audit row', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const previous = await service.get('current');
    const published = await service.publish(admin, { version: '2030.1', document: await draft('2030.1'), note: 'Thử nghiệm' });
    expect(published).toMatchObject({ version: '2030.1', current: true, previousVersion: previous.version, publishedBy: { id: admin.id } });
    expect(Date.parse(published.publishedAt)).toBeGreaterThan(Date.parse(previous.publishedAt));
    expect((await service.current('HT')).version).toBe('2030.1');
    expect(await service.get('current')).toMatchObject({ version: '2030.1', note: 'Thử nghiệm', current: true });
    expect(await service.get(previous.version)).toMatchObject({ version: previous.version, current: false });
    const [audit] = await db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event WHERE action = 'POLICY_PUBLISHED' AND payload->>'version' = '2030.1'`,
    );
    expect(audit).toMatchObject({ actor_id: admin.id, payload: { previousVersion: previous.version, note: 'Thử nghiệm' } });
    expect(audit.payload.documentSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to publish a version again (409) or a document naming an unknown agency (400), writing nothing', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    const current = (await service.get('current')).version;
    const before = await counts();
    await expect(service.publish(admin, { version: current, document: await draft(current) })).rejects.toMatchObject({ status: 409 });
    const unknown = (await draft('2030.9')) as unknown as RoutingPolicy;
    unknown.routes[0]!.stages[0]!.tasks[0]!.candidateAgency = 'HT-KHONGCO';
    const err = await service
      .publish(admin, { version: '2030.9', document: unknown as unknown as Record<string, unknown> })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 400,
      errors: [{ field: 'document.routes.0.stages.0.tasks.0.candidateAgency', message: 'no agency has the code HT-KHONGCO' }],
    });
    expect(await counts()).toEqual(before);
    expect((await service.current('HT')).version).toBe(current);
    await expect(service.get('2030.9')).rejects.toMatchObject({ status: 404 });
  });

  it('pages through every published version, newest first, marking only the current one', async () => {
    const admin = await seededUser(db.dataSource, ADMIN);
    for (const v of ['2031.1', '2031.2', '2031.3']) await service.publish(admin, { version: v, document: await draft(v) });
    const seen: { version: string; current: boolean }[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all: { version: string }[] = await db.dataSource.query(
      "SELECT version FROM routing_policy WHERE province_code = 'HT' ORDER BY published_at DESC, version DESC",
    );
    expect(seen.map((p) => p.version)).toEqual(all.map((p) => p.version));
    expect(seen.filter((p) => p.current).map((p) => p.version)).toEqual(['2031.3']);
  });
});
