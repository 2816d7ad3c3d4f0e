/**
 * Routing corrections from a legal review (issue 13; docs/api.md "Routing corrections"), black-box over HTTP against
 * the real api, worker, Temporal and Postgres, under the default policy 2026.2 that migration 1764000001500 publishes.
 * What this suite publishes only matches proposals naming a city this run makes up, so other suites keep their plans.
 */
import { mechanismBody, mouBody, officeBody } from '../support/fixtures';
import { login, type ApiClient } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type PlannedTask = {
  kind: string;
  candidateAgency: string;
  externalBody?: string;
  clock: { type: string; length: number };
  basis?: string;
  addedBy?: { id: string; fullName: string };
};
type Plan = { policyVersion: string; stages: { stage: string; tasks: PlannedTask[] }[]; gates: Record<string, any>; amendments?: any[] };
type Task = { id: string; kind: string; candidateAgency: { code: string }; externalBody?: string; clock: { type: string; length: number } };

const consultationStages = (plan: Plan) =>
  plan.stages.filter((s) => s.stage === 'CONSULTATION').map((s) => s.tasks.map((t) => t.candidateAgency));
const consulted = (plan: Plan) => consultationStages(plan).flat();
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const noFlags = { touchesDefence: false, touchesSecurity: false, touchesInvestment: false, borderArea: false };

describe('routing corrections (policy 2026.2)', () => {
  let submitter: ApiClient, officer: ApiClient, admin: ApiClient, bdbp: ApiClient;

  beforeAll(async () => {
    // HT-SGDDT submits: the contract suite counts HT-SCT's proposals.
    [submitter, officer, admin, bdbp] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-BDBP', role: 'REVIEWER' }),
      ].map((email) => login(apiUrl, email)),
    );
  });

  const preview = async (body: Record<string, unknown>): Promise<Plan> => {
    const res = await submitter.post(`${V1}/proposals/preview`, body);
    expect(res.status).toBe(200);
    return res.body.plan;
  };
  const openTasks = async (proposalId: string): Promise<Task[]> =>
    (await admin.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN&limit=200`)).body.items;

  it('is published by the migration after 2026.1, which stays for the proposals planned under it', async () => {
    // Other suites on the shared stack may publish later versions; 2026.2 is the system's own.
    const [v2, v1] = await Promise.all([submitter.get(`${V1}/policies/2026.2`), submitter.get(`${V1}/policies/2026.1`)]);
    expect(v2.body).toMatchObject({ version: '2026.2', publishedBy: null });
    expect(v1.body).toMatchObject({ version: '2026.1', current: false, publishedBy: null });
    expect(Date.parse(v2.body.publishedAt)).toBeGreaterThan(Date.parse(v1.body.publishedAt));
  });

  it('a border-commune agreement with every flag false: HT-BCHQS, HT-CA and HT-BDBP review it in one stage, after HT-SNGV', async () => {
    const plan = await preview(mouBody({}, { level: 'BORDER_COMMUNE', ...noFlags }));
    expect(consultationStages(plan)).toEqual([['HT-SNGV'], ['HT-BCHQS', 'HT-CA', 'HT-BDBP']]);
    expect(plan.gates.pmConsent).toBeUndefined();
    // The new agency's demo reviewer can log in and sees its inbox.
    expect((await bdbp.get(`${V1}/me`)).body.agency.code).toBe('HT-BDBP');
  });

  it('DEFENCE and SECURITY in fields imply the HT-BCHQS and HT-CA reviews with the flags false', async () => {
    expect(consulted(await preview(mouBody({}, { level: 'DEPARTMENT', ...noFlags, fields: ['TRADE'] })))).toEqual(['HT-SNGV']);
    expect(consulted(await preview(mouBody({}, { level: 'DEPARTMENT', ...noFlags, fields: ['TRADE', 'DEFENCE'] })))).toEqual([
      'HT-SNGV',
      'HT-BCHQS',
    ]);
    expect(consulted(await preview(mouBody({}, { level: 'DEPARTMENT', ...noFlags, fields: ['SECURITY'] })))).toEqual(['HT-SNGV', 'HT-CA']);
    expect(consulted(await preview(mouBody({}, { level: 'PROVINCIAL_COMMITTEE', ...noFlags, fields: ['DEFENCE', 'SECURITY'] })))).toEqual([
      'HT-SNGV',
      'HT-BCHQS',
      'HT-CA',
      'HT-SNGV',
    ]);
  });

  it("the Prime Minister's consent gate: on the provincial route only, with its basis; every task and gate carries a basis", async () => {
    const provincial = await preview(mouBody({}, { level: 'PROVINCIAL_COMMITTEE' }));
    expect(provincial.gates.pmConsent).toMatchObject({
      kind: 'PM_CONSENT',
      externalBody: 'PM',
      basis: expect.stringContaining('Art 19(4)'),
    });
    expect(provincial.gates.postSigningReport).toMatchObject({ length: 15, basis: 'Law 70/2020 Art 19(5)' });
    const department = await preview(mouBody({}, { level: 'DEPARTMENT' }));
    expect(department.gates).not.toHaveProperty('pmConsent');
    expect(department.gates.postSigningReport.basis).toMatch(/^policy/);
    for (const plan of [provincial, department]) {
      for (const task of plan.stages.flatMap((s) => s.tasks)) expect(task.basis).toEqual(expect.any(String));
      for (const gate of ['supplement', 'revision', 'postSigningReport']) expect(plan.gates[gate].basis).toEqual(expect.any(String));
    }
  });

  it('an overseas office consults HT-SNGV, HT-SNV and HT-STC (source 001 II.4)', async () => {
    expect(consulted(await preview(officeBody()))).toEqual(['HT-SNGV', 'HT-SNV', 'HT-STC']);
  });

  it("mechanism participation: SNgV and the People's Committee office; fields imply the reviews; a ministry's is refused with 400", async () => {
    expect(consulted(await preview(mechanismBody(`Net ${RUN}`)))).toEqual(['HT-SNGV', 'HT-VPUBND', 'HT-SNGV']);
    const withFields = mechanismBody(`Net ${RUN}`);
    (withFields.details as Record<string, unknown>).fields = ['DEFENCE', 'SECURITY'];
    expect(consulted(await preview(withFields))).toEqual(['HT-SNGV', 'HT-VPUBND', 'HT-BCHQS', 'HT-CA', 'HT-SNGV']);
    const ministry = mechanismBody(`Net ${RUN}`);
    (ministry.details as Record<string, unknown>).participationLevel = 'MINISTRY';
    for (const path of ['/proposals/preview', '/proposals']) {
      const res = await submitter.post(`${V1}${path}`, ministry);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['details.participationLevel']);
      expect(res.body.detail ?? res.body.title).toMatch(/Res\. 250\/2025 Art 5/);
    }
  });

  it('SHORTENED needs a shortenedReason of at least 20 characters; an agreement needs a Vietnamese text', async () => {
    for (const extra of [{}, { shortenedReason: 'too short' }]) {
      const res = await submitter.post(`${V1}/proposals`, mouBody({ procedure: 'SHORTENED', ...extra }));
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['shortenedReason']);
    }
    const noVi = await submitter.post(`${V1}/proposals/preview`, mouBody({}, { languages: ['en', 'lo'] }));
    expect(noVi.status).toBe(400);
    expect(fieldsOf(noVi.body)).toEqual(['details.languages']);
    const ok = await submitter.post(
      `${V1}/proposals`,
      mouBody({ procedure: 'SHORTENED', shortenedReason: 'Đối tác đề nghị ký trong chuyến thăm tới' }),
    );
    expect(ok.status).toBe(201);
    expect((await submitter.get(`${V1}/proposals/${ok.body.id}`)).body).toMatchObject({
      procedure: 'SHORTENED',
      shortenedReason: 'Đối tác đề nghị ký trong chuyến thăm tới',
    });
  });

  it('the intake officer adds consultees: addConsultees ["HT-BCHQS"] opens that opinion, recorded in the plan and audited', async () => {
    const created = await submitter.post(
      `${V1}/proposals`,
      mouBody({ title: `Added consultees ${RUN}` }, { level: 'DEPARTMENT', ...noFlags }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [intake] = await openTasks(id);
    expect(intake!.kind).toBe('INTAKE_CHECK');
    // Refused: unknown agency, a central body not recorded by HT-SNGV, the submitting agency itself, one already consulted.
    const bad = await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
      decision: 'COMPLETE',
      addConsultees: ['HT-NOPE', { agency: 'HT-CA', externalBody: 'MPS' }, 'HT-SGDDT', { agency: 'HT-SNGV', externalBody: 'XYZ' }],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['addConsultees.0', 'addConsultees.1.agency', 'addConsultees.2', 'addConsultees.3.externalBody']);
    const dup = await officer.post(`${V1}/tasks/${intake!.id}/complete`, { decision: 'COMPLETE', addConsultees: ['HT-SNGV'] });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup.body)).toEqual(['addConsultees.0']);
    const withSupplement = await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
      decision: 'REQUEST_SUPPLEMENT',
      addConsultees: ['HT-BCHQS'],
    });
    expect(withSupplement.status).toBe(400);

    const done = await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
      decision: 'COMPLETE',
      comment: 'Dự án gần khu vực biên giới',
      addConsultees: ['HT-BCHQS', { agency: 'HT-SNGV', externalBody: 'MND' }],
    });
    expect(done.status).toBe(200);
    const open = await openTasks(id);
    expect(open.map((t) => `${t.kind}:${t.candidateAgency.code}${t.externalBody ? `:${t.externalBody}` : ''}`).sort()).toEqual([
      'EXTERNAL_OPINION:HT-SNGV:MND',
      'OPINION:HT-BCHQS',
      'OPINION:HT-SNGV',
    ]);
    const detail = (await submitter.get(`${V1}/proposals/${id}`)).body;
    const me = (await officer.get(`${V1}/me`)).body;
    expect(detail.plan.stages[1].tasks.find((t: PlannedTask) => t.candidateAgency === 'HT-BCHQS')).toMatchObject({
      kind: 'OPINION',
      addedBy: { id: me.id },
    });
    expect(detail.plan.amendments).toEqual([
      expect.objectContaining({
        by: { id: me.id, fullName: me.fullName },
        comment: 'Dự án gần khu vực biên giới',
        addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MND' }],
      }),
    ]);
    const timeline = (await submitter.get(`${V1}/proposals/${id}/timeline`)).body.events as {
      action: string;
      actor: { id: string };
      details: Record<string, unknown>;
    }[];
    expect(timeline.find((e) => e.action === 'PLAN_AMENDED')).toMatchObject({
      actor: { id: me.id },
      details: {
        addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MND' }],
        comment: 'Dự án gần khu vực biên giới',
      },
    });
  });

  it('the intake officer refuses the shortened procedure: the plan goes back to standard clocks, recorded and audited', async () => {
    const created = await submitter.post(
      `${V1}/proposals`,
      mouBody(
        { title: `Shortened refused ${RUN}`, procedure: 'SHORTENED', shortenedReason: 'Đối tác đề nghị ký trong chuyến thăm tới' },
        { level: 'DEPARTMENT', ...noFlags },
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.plan.stages[1].tasks[0].clock.length).toBe(3);
    const id = created.body.id as string;
    const [intake] = await openTasks(id);
    const done = await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
      decision: 'COMPLETE',
      procedure: 'STANDARD',
      comment: 'Không có lý do khẩn cấp',
    });
    expect(done.status).toBe(200);
    const [opinion] = await openTasks(id);
    expect(opinion).toMatchObject({ kind: 'OPINION', clock: { type: 'WORKING_DAYS', length: 7 } });
    const detail = (await submitter.get(`${V1}/proposals/${id}`)).body;
    expect(detail.procedure).toBe('STANDARD');
    expect(detail.plan.amendments).toEqual([expect.objectContaining({ procedure: 'STANDARD', comment: 'Không có lý do khẩn cấp' })]);
    const timeline = (await submitter.get(`${V1}/proposals/${id}/timeline`)).body.events as {
      action: string;
      details: Record<string, unknown>;
    }[];
    expect(timeline.find((e) => e.action === 'PLAN_AMENDED')?.details).toMatchObject({ procedure: 'STANDARD', shortenedRefused: true });
    // A standard proposal has nothing to refuse.
    const standard = await submitter.post(`${V1}/proposals`, mouBody({ title: `Standard ${RUN}` }, { level: 'DEPARTMENT', ...noFlags }));
    const [intake2] = await openTasks(standard.body.id);
    expect((await officer.post(`${V1}/tasks/${intake2!.id}/complete`, { decision: 'COMPLETE', procedure: 'STANDARD' })).status).toBe(400);
  });

  it('a route before its effectiveFrom refuses preview and submission with a clear 400 (policy data)', async () => {
    const base = (await admin.get(`${V1}/policies/current`)).body;
    const document = JSON.parse(JSON.stringify(base.document));
    const office = JSON.parse(
      JSON.stringify(document.routes.find((r: { when: { equals?: string } }) => r.when.equals === 'OVERSEAS_OFFICE')),
    );
    const city = `Future city ${RUN}`;
    office.name = `Integration test office ${RUN}`;
    office.when = {
      all: [
        { field: 'kind', equals: 'OVERSEAS_OFFICE' },
        { field: 'details.city', equals: city },
      ],
    };
    office.effectiveFrom = '2099-01-01';
    document.routes.unshift(office);
    const version = `it-rc-${RUN}`;
    document.version = version;
    const published = await admin.post(`${V1}/policies`, { version, document, note: 'Integration test: effectiveFrom' });
    expect(published.status).toBe(201);
    const body = officeBody();
    body.details.city = city;
    for (const path of ['/proposals/preview', '/proposals']) {
      const res = await submitter.post(`${V1}${path}`, body);
      expect(res.status).toBe(400);
      expect(res.body.detail ?? res.body.title).toMatch(/applies from 2099-01-01/);
      expect(fieldsOf(res.body)).toEqual(['kind']);
    }
    // Other offices still go through (the default route's effectiveFrom, 2026-04-01, has passed).
    expect((await submitter.post(`${V1}/proposals/preview`, officeBody())).status).toBe(200);
  });
});
