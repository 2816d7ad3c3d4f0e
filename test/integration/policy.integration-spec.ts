/**
 * Routing policy as versioned, published data, and holidays as administrator-maintained data, black-box over HTTP
 * against the real api, worker, Temporal and Postgres.
 *
 * The integration stack is shared by suites running in parallel, so what this suite publishes must not change
 * other suites' plans: the new version is the current document plus one extra first route that only matches the
 * mechanism name this run makes up, and the holidays it edits are in 2099.
 */
import { mechanismBody, officeBody } from '../support/fixtures';
import { ApiClient, login } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Plan = {
  policyVersion: string;
  stages: {
    stage: string;
    tasks: { kind: string; candidateAgency: string; externalBody?: string; clock: { type: string; length: number } }[];
  }[];
};
type Task = { id: string; kind: string; clock: { type: string; length: number } };

const stagesOf = (plan: Plan) => plan.stages.map((s) => s.stage);
const consultees = (plan: Plan) =>
  plan.stages
    .filter((s) => s.stage === 'CONSULTATION')
    .flatMap((s) => s.tasks.map((t) => `${t.kind}:${t.candidateAgency}${t.externalBody ? `:${t.externalBody}` : ''}`))
    .sort();
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe('routing policy versions', () => {
  let admin: ApiClient, submitter: ApiClient, officer: ApiClient, auditor: ApiClient;
  let base: { version: string; document: any };

  beforeAll(async () => {
    [admin, submitter, officer, auditor] = await Promise.all(
      // HT-SGDDT submits here: the contract suite counts HT-SCT's proposals while suites run in parallel.
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((email) => login(apiUrl, email)),
    );
    const current = await submitter.get(`${V1}/policies/current`);
    expect(current.status).toBe(200);
    base = current.body;
  });

  /** The current document with one more first route, only for proposals naming `mechanismName`, whose INTAKE clock is 3 WD. */
  const withTestRoute = (version: string, mechanismName: string) => {
    const document = JSON.parse(JSON.stringify(base.document));
    const mechanismRoute = document.routes.find((r: any) => r.when.field === 'kind' && r.when.equals === 'MECHANISM_PARTICIPATION');
    const route = JSON.parse(JSON.stringify(mechanismRoute));
    route.name = `Integration test mechanism ${RUN}`;
    route.when = {
      all: [
        { field: 'kind', equals: 'MECHANISM_PARTICIPATION' },
        { field: 'details.mechanismName', equals: mechanismName },
      ],
    };
    route.stages[0].tasks[0].clock = { type: 'WORKING_DAYS', length: 3 };
    document.routes.unshift(route);
    document.version = version;
    return document;
  };

  it('lists the versions newest first and serves the seeded default as a published version', async () => {
    const list = await submitter.get(`${V1}/policies`);
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items[0]).toMatchObject({ version: base.version, current: true, publishedAt: expect.any(String) });
    const seeded = list.body.items[list.body.items.length - 1];
    expect(seeded).toMatchObject({ version: '2026.1', publishedBy: null });
    const one = await officer.get(`${V1}/policies/2026.1`);
    expect(one.status).toBe(200);
    expect(one.body.document.version).toBe('2026.1');
    expect(one.body.document.routes.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Department international agreement', 'Border-commune international agreement']),
    );
    expect((await officer.get(`${V1}/policies/no-such-version`)).status).toBe(404);
    const forged = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    expect((await officer.get(`${V1}/policies?cursor=${forged}`)).status).toBe(400);
    expect((await new ApiClient(apiUrl).get(`${V1}/policies`)).status).toBe(401);
  });

  it('publishes a new version: new proposals get its plan and clocks, a proposal submitted before keeps its own', async () => {
    const mechanismName = `Accord policy test network ${RUN}`;
    const before = await submitter.post(`${V1}/proposals`, mechanismBody(mechanismName));
    expect(before.status).toBe(201);
    expect(before.body.plan.policyVersion).toBe(base.version);
    expect(before.body.plan.stages[0].tasks[0].clock).toEqual({ type: 'WORKING_DAYS', length: 2 });

    const version = `it-${RUN}`;
    const published = await admin.post(`${V1}/policies`, {
      version,
      document: withTestRoute(version, mechanismName),
      note: 'Integration test: INTAKE 3 WD',
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      version,
      current: true,
      previousVersion: base.version,
      note: 'Integration test: INTAKE 3 WD',
      publishedBy: { fullName: expect.any(String) },
    });

    const list = await submitter.get(`${V1}/policies?limit=1`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        version,
        current: true,
        publishedBy: { id: published.body.publishedBy.id, fullName: published.body.publishedBy.fullName },
      }),
    ]);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const page2 = await submitter.get(`${V1}/policies?limit=1&cursor=${list.body.nextCursor}`);
    expect(page2.body.items[0]).toMatchObject({ version: base.version, current: false });
    expect((await submitter.get(`${V1}/policies/current`)).body).toMatchObject({ version, document: { version } });

    const preview = await submitter.post(`${V1}/proposals/preview`, mechanismBody(mechanismName));
    expect(preview.status).toBe(200);
    expect(preview.body.plan.policyVersion).toBe(version);
    const after = await submitter.post(`${V1}/proposals`, mechanismBody(mechanismName));
    expect(after.status).toBe(201);
    expect(after.body.plan).toEqual(preview.body.plan);
    expect(after.body.plan.stages[0].tasks[0].clock).toEqual({ type: 'WORKING_DAYS', length: 3 });
    const [intakeAfter] = (await officer.get(`${V1}/tasks?proposalId=${after.body.id}&status=OPEN`)).body.items as Task[];
    expect(intakeAfter).toMatchObject({ kind: 'INTAKE_CHECK', clock: { type: 'WORKING_DAYS', length: 3 } });

    // The earlier proposal still runs on the plan it was given at submission.
    const earlier = await submitter.get(`${V1}/proposals/${before.body.id}`);
    expect(earlier.body.policyVersion).toBe(base.version);
    expect(earlier.body.plan).toEqual(before.body.plan);
    const [intakeBefore] = (await officer.get(`${V1}/tasks?proposalId=${before.body.id}&status=OPEN`)).body.items as Task[];
    expect(intakeBefore).toMatchObject({ kind: 'INTAKE_CHECK', clock: { type: 'WORKING_DAYS', length: 2 } });

    // Other proposals are planned as before, under the new version.
    const other = await submitter.post(`${V1}/proposals/preview`, mechanismBody(`Another network ${RUN}`));
    expect(other.body.plan).toMatchObject({
      policyVersion: version,
      stages: [{ stage: 'INTAKE', tasks: [{ clock: { length: 2 } }] }, {}, {}, {}],
    });

    const audit = await auditor.get(`${V1}/audit?action=POLICY_PUBLISHED&limit=200`);
    expect(audit.body.items.find((e: { payload: { version: string } }) => e.payload.version === version)).toMatchObject({
      actor: { id: published.body.publishedBy.id, type: 'USER' },
      proposalId: null,
      payload: { previousVersion: base.version, documentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect((await auditor.get(`${V1}/audit/verify`)).body.ok).toBe(true);

    // Published versions never change: the same version again is a conflict.
    const again = await admin.post(`${V1}/policies`, { version, document: withTestRoute(version, mechanismName) });
    expect(again.status).toBe(409);
    expect(again.contentType).toMatch(/application\/problem\+json/);
  });

  it('lets only an ADMIN publish', async () => {
    const version = `it-${RUN}-x`;
    for (const client of [submitter, officer, auditor]) {
      const res = await client.post(`${V1}/policies`, { version, document: withTestRoute(version, 'nobody') });
      expect(res.status).toBe(403);
    }
    expect((await submitter.get(`${V1}/policies/${version}`)).status).toBe(404);
  });

  it('refuses an invalid document with 400 and one field error per problem, under document.', async () => {
    const version = `it-${RUN}-bad`;
    const document = withTestRoute(version, 'bad');
    document.routes[1].stages[0].tasks[0].clock.length = 0;
    document.routes[1].stages[1].tasks[0].kind = 'SIGNING';
    document.routes[2].when = { field: 'details.level', equals: 'PROVINCE' };
    delete document.gates.revision;
    document.owner = 'me';
    const res = await admin.post(`${V1}/policies`, { version, document });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(fieldsOf(res.body)).toEqual([
      'document.gates.revision',
      'document.owner',
      'document.routes.1.stages.0.tasks.0.clock.length',
      'document.routes.1.stages.1.tasks.0.kind',
      'document.routes.2.when.equals',
    ]);

    const mismatch = await admin.post(`${V1}/policies`, { version, document: withTestRoute(`${version}-other`, 'bad') });
    expect(fieldsOf(mismatch.body)).toEqual(['document.version']);

    const unknownAgency = withTestRoute(version, 'bad');
    unknownAgency.routes[0].stages[1].tasks[0].candidateAgency = 'HT-NOPE';
    const agencyRes = await admin.post(`${V1}/policies`, { version, document: unknownAgency });
    expect(agencyRes.status).toBe(400);
    expect(fieldsOf(agencyRes.body)).toEqual(['document.routes.0.stages.1.tasks.0.candidateAgency']);

    const body = await admin.post(`${V1}/policies`, { version: 'has space', document: 'x', extra: 1 });
    expect(fieldsOf(body.body)).toEqual(['document', 'extra', 'version']);

    // Nothing of the refused versions was published.
    expect((await admin.get(`${V1}/policies/${version}`)).status).toBe(404);
  });

  it('previews and creates MECHANISM_PARTICIPATION and OVERSEAS_OFFICE proposals with their stages', async () => {
    const mechanism = mechanismBody(`Mekong cities network ${RUN}`);
    const mPreview = await submitter.post(`${V1}/proposals/preview`, mechanism);
    expect(mPreview.status).toBe(200);
    expect(stagesOf(mPreview.body.plan)).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'DECISION']);
    expect(consultees(mPreview.body.plan)).toEqual(['EXTERNAL_OPINION:HT-SNGV:MOFA', 'OPINION:HT-SNGV', 'OPINION:HT-VPUBND']);
    const mCreated = await submitter.post(`${V1}/proposals`, mechanism);
    expect(mCreated.status).toBe(201);
    expect(mCreated.body).toMatchObject({ kind: 'MECHANISM_PARTICIPATION', status: 'INTAKE', plan: mPreview.body.plan });
    expect(mCreated.body.reference).toMatch(/^CCHT-\d{4}-\d{5}$/);

    const shortened = { procedure: 'SHORTENED', shortenedReason: 'Kỳ họp của đối tác Nhật Bản vào tháng tới' };
    const oPreview = await submitter.post(`${V1}/proposals/preview`, { ...officeBody(), ...shortened });
    expect(oPreview.status).toBe(200);
    expect(stagesOf(oPreview.body.plan)).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'CENTRAL_DECISION']);
    // Source 001 II.4 (policy 2026.2): SNgV with the Departments of Home Affairs and Finance.
    expect(consultees(oPreview.body.plan)).toEqual(['OPINION:HT-SNGV', 'OPINION:HT-SNV', 'OPINION:HT-STC']);
    // Shortened procedure: opinions on 3 working days (Law 70/2020 Art 35, 39).
    expect(oPreview.body.plan.stages[1].tasks.map((t: { clock: { length: number } }) => t.clock.length)).toEqual([3, 3, 3]);
    expect(oPreview.body.plan.stages[5].tasks[0]).toMatchObject({
      kind: 'CENTRAL_DECISION',
      candidateAgency: 'HT-SNGV',
      externalBody: 'GOV',
    });
    const oCreated = await submitter.post(`${V1}/proposals`, { ...officeBody(), ...shortened });
    expect(oCreated.status).toBe(201);
    expect(oCreated.body).toMatchObject({ kind: 'OVERSEAS_OFFICE', status: 'INTAKE', plan: oPreview.body.plan });
    expect(oCreated.body.reference).toMatch(/^VPDD-\d{4}-\d{5}$/);
  });
});

describe('holidays maintained by administrators', () => {
  let admin: ApiClient, submitter: ApiClient, auditor: ApiClient;
  // Fri 5/6/2099; Sat 6/6; Mon 8/6; Tue 9/6 — far from any date another suite computes deadlines on.
  const deadline = async () => (await submitter.get(`${V1}/calendar/deadline?from=2099-06-05&workingDays=1`)).body.due;

  beforeAll(async () => {
    [admin, submitter, auditor] = await Promise.all(
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((email) => login(apiUrl, email)),
    );
  });

  it('PUT a holiday or a make-up working day and the deadline computed next uses it; DELETE removes it', async () => {
    expect(await deadline()).toBe('2099-06-08');

    const put = await admin.request('PUT', `${V1}/calendar/holidays/2099-06-08`, {
      name: 'Nghỉ thử nghiệm',
      nameEn: 'Test day off',
      kind: 'HOLIDAY',
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ date: '2099-06-08', name: 'Nghỉ thử nghiệm', nameEn: 'Test day off', kind: 'HOLIDAY' });
    expect(await deadline()).toBe('2099-06-09');

    // Upsert: the same day again replaces it; nameEn defaults to the name.
    const renamed = await admin.request('PUT', `${V1}/calendar/holidays/2099-06-08`, { name: 'Nghỉ bù', kind: 'HOLIDAY' });
    expect(renamed.body).toEqual({ date: '2099-06-08', name: 'Nghỉ bù', nameEn: 'Nghỉ bù', kind: 'HOLIDAY' });
    const makeup = await admin.request('PUT', `${V1}/calendar/holidays/2099-06-06`, {
      name: 'Làm bù',
      nameEn: 'Make-up working day',
      kind: 'MAKEUP_WORKDAY',
    });
    expect(makeup.status).toBe(200);
    expect(await deadline()).toBe('2099-06-06');
    expect((await submitter.get(`${V1}/calendar/holidays?year=2099`)).body).toEqual([
      { date: '2099-06-06', name: 'Làm bù', nameEn: 'Make-up working day', kind: 'MAKEUP_WORKDAY' },
      { date: '2099-06-08', name: 'Nghỉ bù', nameEn: 'Nghỉ bù', kind: 'HOLIDAY' },
    ]);

    const audit = await auditor.get(`${V1}/audit?action=HOLIDAY_UPSERTED&limit=200`);
    const edits = audit.body.items.filter((e: { payload: { date: string } }) => e.payload.date === '2099-06-08');
    expect(edits.map((e: { payload: unknown }) => e.payload)).toEqual([
      { date: '2099-06-08', before: null, after: { date: '2099-06-08', name: 'Nghỉ thử nghiệm', nameEn: 'Test day off', kind: 'HOLIDAY' } },
      {
        date: '2099-06-08',
        before: { date: '2099-06-08', name: 'Nghỉ thử nghiệm', nameEn: 'Test day off', kind: 'HOLIDAY' },
        after: { date: '2099-06-08', name: 'Nghỉ bù', nameEn: 'Nghỉ bù', kind: 'HOLIDAY' },
      },
    ]);

    expect((await admin.request('DELETE', `${V1}/calendar/holidays/2099-06-06`)).status).toBe(204);
    expect(await deadline()).toBe('2099-06-09');
    expect((await admin.request('DELETE', `${V1}/calendar/holidays/2099-06-08`)).status).toBe(204);
    expect(await deadline()).toBe('2099-06-08');
    expect((await admin.request('DELETE', `${V1}/calendar/holidays/2099-06-08`)).status).toBe(404);
    const deleted = await auditor.get(`${V1}/audit?action=HOLIDAY_DELETED&limit=200`);
    expect(deleted.body.items.map((e: { payload: { date: string } }) => e.payload.date)).toEqual(
      expect.arrayContaining(['2099-06-06', '2099-06-08']),
    );
    expect((await auditor.get(`${V1}/audit/verify`)).body.ok).toBe(true);
  });

  it('refuses malformed and impossible dates, bad bodies and non-admins', async () => {
    const day = { name: 'Nghỉ', kind: 'HOLIDAY' };
    for (const date of ['2099-02-30', '2099-6-1', 'tomorrow', '1800-01-01']) {
      const res = await admin.request('PUT', `${V1}/calendar/holidays/${date}`, day);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['date']);
    }
    expect((await admin.request('DELETE', `${V1}/calendar/holidays/2099-02-30`)).status).toBe(400);
    const weekdayMakeup = await admin.request('PUT', `${V1}/calendar/holidays/2099-06-09`, { name: 'Làm bù', kind: 'MAKEUP_WORKDAY' });
    expect(fieldsOf(weekdayMakeup.body)).toEqual(['kind']);
    const badBody = await admin.request('PUT', `${V1}/calendar/holidays/2099-06-09`, { name: '', kind: 'DAY_OFF', extra: true });
    expect(badBody.status).toBe(400);
    expect(fieldsOf(badBody.body)).toEqual(['extra', 'kind', 'name']);
    expect((await submitter.request('PUT', `${V1}/calendar/holidays/2099-06-09`, day)).status).toBe(403);
    expect((await auditor.request('DELETE', `${V1}/calendar/holidays/2099-06-09`)).status).toBe(403);
    expect((await submitter.get(`${V1}/calendar/holidays?year=2099`)).body).toEqual([]);
  });
});
