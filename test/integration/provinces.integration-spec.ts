/**
 * Provinces (docs/provinces.md): a user of Đồng Nai gets nothing of Hà Tĩnh through
 * any endpoint, and the reverse. Every operation of the OpenAPI document that takes an id is called by Đồng Nai's users
 * with Hà Tĩnh's ids and with ids that do not exist: the answers must be the same (so the other province's id is
 * indistinguishable from no id at all) and never a success. Every list Đồng Nai's users read shows none of Hà Tĩnh's
 * rows. Each province's audit chain verifies on its own, and the platform administrator creates a province that starts
 * empty.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { addDays, isoDateInVietnam } from '@accord/domain';
import { ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { signInAll, type Session } from '../support/sessions';
import { DEMO_CAST } from '../support/demo-users';
import { mofaPackage } from '../support/edxml-fixtures';
import { stack } from './stack';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

const DN = {
  sct: 'submitter@sct.dongnai.gov.vn',
  officer: 'officer@sngv.dongnai.gov.vn',
  stp: 'reviewer@stp.dongnai.gov.vn',
  chairman: 'chairman@ubnd.dongnai.gov.vn',
  admin: 'admin@dongnai.gov.vn',
  auditor: 'auditor@dongnai.gov.vn',
} as const;
const HT = { sct: DEMO_CAST.sct, officer: DEMO_CAST.officer, admin: DEMO_CAST.admin, auditor: DEMO_CAST.auditor } as const;
type DnUser = keyof typeof DN;

/** A Đồng Nai MoU: no border area (Đồng Nai's demo has no border guard user), routed to Đồng Nai's agencies. */
const dnMou = (title: string) => mouBody({ title }, { borderArea: false, proposedSigningDate: isoDateInVietnam(new Date()) });

interface HtIds {
  proposal: string;
  intakeProposal: string;
  task: string;
  attachment: string;
  agreement: string;
  plan: string;
  planItem: string;
  cycle: string;
  notification: string;
  substitution: string;
  group: string;
  /** An incident of Hà Tĩnh's when the stack has one (the incidents suite makes them); else an id that does not exist. */
  incident: string;
  /** The signed proposal's DECISION document (issue 17). */
  document: string;
  /** An edXML document MOFA sent Hà Tĩnh's SNGV (issue 17). */
  incoming: string;
}

/** Path parameters that are not ids of a province's rows, with the reason they are left out of the id check. */
const NOT_IDS: Record<string, string> = {
  '/calendar/holidays/{date}': 'a date: the national calendar is every province’s, a province’s own days are checked in the medium suite',
  '/policies/{version}': 'a version string: each province publishes its own 2026.2',
  'PUT /admin/oidc/group-mappings/{group}': 'a group name: each province maps its own names, PUT creates one in the caller’s province',
};

describe('provinces: Đồng Nai gets nothing of Hà Tĩnh, and the reverse', () => {
  let dn: Record<DnUser, Session>;
  let ht: Record<keyof typeof HT, Session>;
  let ids: HtIds;
  let dnProposal: { id: string; reference: string };

  beforeAll(async () => {
    [dn, ht] = await Promise.all([signInAll(apiUrl, databaseUrl, DN), signInAll(apiUrl, databaseUrl, HT)]);

    // Hà Tĩnh's rows of every kind an endpoint takes an id of.
    const form = new FormData();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(32), Buffer.from('\n%%EOF\n')]);
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'ht-province.pdf');
    const uploaded = await fetch(`${apiUrl}${V1}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ht.sct.client.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const attachment = ((await uploaded.json()) as { id: string }).id;
    const intake = await ht.sct.client.post(`${V1}/proposals`, mouBody({ title: 'Liên tỉnh: hồ sơ Hà Tĩnh', attachmentIds: [attachment] }));
    expect(intake.status).toBe(201);
    const [task] = (await ht.admin.client.get(`${V1}/tasks?proposalId=${intake.body.id}&status=OPEN`)).body.items;
    const signed = await driveMou(apiUrl, { until: 'SIGNED', body: mouBody({ title: 'Liên tỉnh: thỏa thuận Hà Tĩnh đã ký' }) });
    const agreement = (await ht.sct.client.get(`${V1}/agreements?limit=200`)).body.items.find(
      (a: { proposalId: string }) => a.proposalId === signed.id,
    );
    const plan = await ht.officer.client.post(`${V1}/plans`, {
      title: `Kế hoạch liên tỉnh ${randomUUID()}`,
      items: [{ no: 1, task: 'Rà soát thỏa thuận quốc tế', leadAgency: 'HT-SCT', timeFrame: 'Quý II/2027' }],
    });
    expect(plan.status).toBe(201);
    const cycle = await ht.admin.client.post(`${V1}/report-cycles`, { kind: 'MOFA_ANNUAL', year: 2037 });
    expect([201, 409]).toContain(cycle.status);
    const cycleId =
      cycle.status === 201
        ? cycle.body.id
        : (await ht.admin.client.get(`${V1}/report-cycles?limit=200`)).body.items.find(
            (c: { kind: string; year: number }) => c.kind === 'MOFA_ANNUAL' && c.year === 2037,
          ).id;
    const notification = (await ht.officer.client.get(`${V1}/notifications?limit=200`)).body.items.find(
      (n: { proposal: { id: string } | null }) => n.proposal?.id === intake.body.id,
    );
    const substitution = await ht.officer.client.post(`${V1}/me/substitutes`, {
      substituteId: (await ht.admin.client.get(`${V1}/users?agency=HT-SNGV`)).body.items.find((u: { id: string }) => u.id !== ht.officer.id)
        .id,
      startsOn: addDays(isoDateInVietnam(new Date()), 320),
      endsOn: addDays(isoDateInVietnam(new Date()), 321),
    });
    expect({ status: substitution.status, body: substitution.body }).toMatchObject({ status: 201 });
    const decisionDocument = (await ht.admin.client.get(`${V1}/proposals/${signed.id}/documents`)).body.items.find(
      (d: { type: string }) => d.type === 'DECISION',
    );
    expect(decisionDocument).toBeDefined();
    const incoming = await ht.officer.client.post(`${V1}/edxml/inbox`, { xml: mofaPackage({ codeNumber: '4321' }).xml });
    expect(incoming.status).toBe(201);
    const group = `ht-province-${randomBytes(3).toString('hex')}`;
    expect((await ht.admin.client.request('PUT', `${V1}/admin/oidc/group-mappings/${group}`, { role: 'REVIEWER' })).status).toBe(200);
    ids = {
      proposal: signed.id,
      intakeProposal: intake.body.id,
      task: task.id,
      attachment,
      agreement: agreement.id,
      plan: plan.body.id,
      planItem: plan.body.items[0].id,
      cycle: cycleId,
      notification: notification.id,
      substitution: substitution.body.id,
      group,
      incident: (await ht.admin.client.get(`${V1}/admin/incidents?limit=1`)).body.items[0]?.id ?? randomUUID(),
      document: decisionDocument.id,
      incoming: incoming.body.id,
    };

    // A Đồng Nai proposal, for the reverse direction and Đồng Nai's own chain.
    const created = await dn.sct.client.post(`${V1}/proposals`, dnMou('Liên tỉnh: hồ sơ Đồng Nai'));
    expect(created.status).toBe(201);
    dnProposal = created.body;
  });

  afterAll(async () => {
    if (ids) await ht.admin.client.post(`${V1}/admin/proposals/${ids.intakeProposal}/cancel`, { reason: 'Dọn dữ liệu thử liên tỉnh' });
    if (dnProposal) await dn.admin.client.post(`${V1}/admin/proposals/${dnProposal.id}/cancel`, { reason: 'Dọn dữ liệu thử liên tỉnh' });
  });

  /** The path with each parameter replaced by Hà Tĩnh's id of that resource, or by an id that does not exist. */
  function fill(path: string, known: boolean): string {
    const unknown = randomUUID();
    const idBySegment: [RegExp, keyof HtIds][] = [
      [/^\/admin\/proposals\/\{id\}/, 'proposal'],
      [/^\/proposals\/\{id\}/, 'proposal'],
      [/^\/tasks\/\{id\}/, 'task'],
      [/^\/attachments\/\{id\}/, 'attachment'],
      [/^\/agreements\/\{id\}/, 'agreement'],
      [/^\/report-cycles\/\{id\}/, 'cycle'],
      [/^\/notifications\/\{id\}/, 'notification'],
      [/^\/me\/substitutes\/\{id\}/, 'substitution'],
      [/^\/plans\/\{id\}/, 'plan'],
      [/^\/admin\/incidents\/\{id\}/, 'incident'],
      [/^\/documents\/\{id\}/, 'document'],
      [/^\/incoming-documents\/\{id\}/, 'incoming'],
    ];
    let out = path;
    for (const [pattern, name] of idBySegment) if (pattern.test(out)) out = out.replace('{id}', known ? ids[name] : unknown);
    out = out.replace('{itemId}', known ? ids.planItem : randomUUID());
    // A register is Hà Tĩnh's People's Committee's for this year, or an agency that does not exist.
    out = out.replace('{agency}', known ? 'HT-UBND' : `HT-NONE${randomBytes(2).toString('hex').toUpperCase()}`);
    out = out.replace('{year}', isoDateInVietnam(new Date()).slice(0, 4));
    out = out.replace('{group}', known ? ids.group : `no-such-group-${randomBytes(3).toString('hex')}`);
    if (/\{[^}]+\}/.test(out)) throw new Error(`no Hà Tĩnh id for ${path}: add it to fill() or NOT_IDS`);
    return out;
  }

  /** A body that passes validation, so that only the id decides the answer. */
  function bodyFor(method: string, path: string): unknown {
    if (path.endsWith('/withdraw') || path.endsWith('/cancel') || path.endsWith('/reject'))
      return { reason: 'Kiểm tra cách ly giữa các tỉnh' };
    if (path.endsWith('/complete')) return { decision: 'COMPLETE' };
    if (path.endsWith('/assign')) return { userId: dn.officer.id };
    if (path.endsWith('/updates')) return { status: 'IN_PROGRESS', note: 'Kiểm tra cách ly' };
    return method === 'get' || method === 'delete' ? undefined : {};
  }

  it("answers Đồng Nai's users for Hà Tĩnh's ids exactly as for ids that do not exist, and never with a success", async () => {
    const doc = await new ApiClient(apiUrl).get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    const operations = Object.entries(doc.body.paths)
      .filter(([path]) => path.startsWith(`${V1}/`) && path.includes('{'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((method) => ({ method, path: path.slice(V1.length) })),
      )
      .filter(({ method, path }) => !NOT_IDS[path] && !NOT_IDS[`${method.toUpperCase()} ${path}`]);
    expect(operations.length).toBeGreaterThan(15);

    const mismatches: string[] = [];
    const successes: string[] = [];
    for (const { method, path } of operations) {
      for (const user of Object.keys(DN) as DnUser[]) {
        const c = dn[user].client;
        const body = bodyFor(method, path);
        const other = await c.request(method.toUpperCase() as 'GET', `${V1}${fill(path, true)}`, body);
        const none = await c.request(method.toUpperCase() as 'GET', `${V1}${fill(path, false)}`, body);
        if (other.status !== none.status)
          mismatches.push(`${method.toUpperCase()} ${path} as ${user}: ${other.status} vs unknown ${none.status}`);
        if (other.status < 300) successes.push(`${method.toUpperCase()} ${path} as ${user}: ${other.status}`);
      }
    }
    expect({ mismatches, successes }).toEqual({ mismatches: [], successes: [] });
  });

  it("shows Đồng Nai's users none of Hà Tĩnh's rows in any list", async () => {
    const lists = [
      '/proposals?limit=200',
      '/proposals?limit=200&q=Liên tỉnh',
      '/tasks?limit=200',
      '/tasks?limit=200&status=COMPLETED',
      '/tasks?limit=200&status=CANCELLED',
      `/tasks?limit=200&proposalId=${ids.proposal}`,
      '/agreements?limit=200',
      '/agreements/export?format=json',
      '/plans?limit=200',
      '/report-cycles?limit=200',
      '/notifications?limit=200',
      '/users?limit=200',
      '/audit?limit=200',
      `/audit?limit=200&proposalId=${ids.proposal}`,
      '/admin/incidents?limit=200',
      '/policies?limit=200',
      '/policies/current',
      '/me/substitutes',
      '/admin/oidc/group-mappings',
      '/incoming-documents?limit=200',
    ];
    const leaks: string[] = [];
    let answered = 0;
    for (const list of lists) {
      for (const user of Object.keys(DN) as DnUser[]) {
        const res = await dn[user].client.get(`${V1}${list}`);
        if (res.status !== 200) continue; // a role that may not read the list reads nothing of it
        answered += 1;
        const text = JSON.stringify(res.body);
        for (const [name, id] of Object.entries(ids)) if (text.includes(id)) leaks.push(`${list} as ${user} shows Hà Tĩnh's ${name}`);
        if (/"HT-[A-Z]+"/.test(text)) leaks.push(`${list} as ${user} names a Hà Tĩnh agency`);
        if (text.includes('@sct.hatinh.gov.vn') || text.includes('admin@accord.local'))
          leaks.push(`${list} as ${user} names a Hà Tĩnh user`);
      }
    }
    expect(answered).toBeGreaterThan(40);
    expect(leaks).toEqual([]);
    // Counting is listing too.
    const stats = (await dn.admin.client.get(`${V1}/admin/stats`)).body;
    expect(JSON.stringify(stats)).not.toMatch(/"HT-[A-Z]+"/);
  });

  it("routes Đồng Nai's proposal to Đồng Nai's agencies, and Hà Tĩnh sees none of it", async () => {
    const tasks = (await dn.admin.client.get(`${V1}/tasks?proposalId=${dnProposal.id}&status=OPEN`)).body.items;
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'INTAKE_CHECK', candidateAgency: expect.objectContaining({ code: 'DN-SNGV' }) }),
    ]);
    expect((await dn.officer.client.get(`${V1}/tasks?limit=200`)).body.items.map((t: { id: string }) => t.id)).toContain(tasks[0].id);
    for (const user of Object.keys(HT) as (keyof typeof HT)[]) {
      const c = ht[user].client;
      expect((await c.get(`${V1}/proposals/${dnProposal.id}`)).status).toBe(404);
      expect((await c.get(`${V1}/tasks/${tasks[0].id}`)).status).toBe(404);
      expect((await c.post(`${V1}/tasks/${tasks[0].id}/claim`)).status).toBe(404);
      const listed = JSON.stringify((await c.get(`${V1}/proposals?limit=200`)).body);
      expect(listed).not.toContain(dnProposal.id);
      expect(JSON.stringify((await c.get(`${V1}/tasks?limit=200`)).body)).not.toContain('DN-');
    }
    // Ids in a body are ids too: Hà Tĩnh's attachment cannot be pinned in Đồng Nai's dossier.
    const pinned = await dn.sct.client.post(`${V1}/proposals`, dnMou('Liên tỉnh: tệp của tỉnh khác'));
    expect(pinned.status).toBe(201);
    const withOther = await dn.sct.client.post(`${V1}/proposals`, {
      ...dnMou('Liên tỉnh: tệp của tỉnh khác'),
      attachmentIds: [ids.attachment],
    });
    expect(withOther.status).toBe(400);
    expect(withOther.body.errors.map((e: { field: string }) => e.field.split('.')[0])).toContain('attachmentIds');
    await dn.admin.client.post(`${V1}/admin/proposals/${pinned.body.id}/cancel`, { reason: 'Dọn dữ liệu thử liên tỉnh' });
  });

  it("walks a Đồng Nai MoU to signing with Đồng Nai's people, and each province's audit chain verifies on its own", async () => {
    const signed = await driveMou(apiUrl, { until: 'SIGNED', submitter: DN.sct, body: dnMou('Liên tỉnh: thỏa thuận Đồng Nai') });
    const agreements = (await dn.sct.client.get(`${V1}/agreements?limit=200`)).body.items;
    expect(agreements.find((a: { proposalId: string }) => a.proposalId === signed.id)).toMatchObject({
      leadAgency: expect.objectContaining({ code: 'DN-SCT' }),
    });
    expect(JSON.stringify((await ht.sct.client.get(`${V1}/agreements?limit=200`)).body)).not.toContain(signed.id);
    // Each province has its own report cycles: the same kind and year opens in both.
    expect([201, 409]).toContain((await dn.admin.client.post(`${V1}/report-cycles`, { kind: 'MOFA_ANNUAL', year: 2037 })).status);
    const dnCycles = (await dn.admin.client.get(`${V1}/report-cycles?limit=200`)).body.items;
    expect(dnCycles.filter((c: { kind: string; year: number }) => c.kind === 'MOFA_ANNUAL' && c.year === 2037)).toHaveLength(1);
    expect(dnCycles.map((c: { id: string }) => c.id)).not.toContain(ids.cycle);

    const dnVerify = await dn.auditor.client.get(`${V1}/audit/verify`);
    const htVerify = await ht.auditor.client.get(`${V1}/audit/verify`);
    expect(dnVerify.body).toMatchObject({ ok: true });
    expect(htVerify.body).toMatchObject({ ok: true });
    expect(dnVerify.body.checked).toBeGreaterThan(5);
    // Disjoint chains: Đồng Nai's events are not Hà Tĩnh's.
    const dnEvents = (await dn.auditor.client.get(`${V1}/audit?limit=200&proposalId=${signed.id}`)).body.items;
    expect(dnEvents.length).toBeGreaterThan(5);
    expect((await ht.auditor.client.get(`${V1}/audit?limit=200&proposalId=${signed.id}`)).body.items).toEqual([]);
  });

  it('lets the platform administrator create a province that starts with its own agencies, policy and administrator, and nothing else', async () => {
    const platform = (await signInAll(apiUrl, databaseUrl, { p: 'platform@accord.local' })).p;
    const listed = await platform.client.get(`${V1}/platform/provinces`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['HT', 'DN']));
    // The platform administrator reads no province's data.
    expect((await platform.client.get(`${V1}/proposals?limit=200`)).body.items ?? []).toEqual([]);
    expect((await dn.admin.client.get(`${V1}/platform/provinces`)).status).toBe(403);

    const bad = await platform.client.post(`${V1}/platform/provinces`, { code: 'q', name: '', admin: { email: 'x', password: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['code', 'name', 'nameEn', 'admin.email', 'admin.fullName', 'admin.password']),
    );
    const code = `Q${randomBytes(3)
      .toString('hex')
      .replace(/[^a-f]/g, 'a')
      .toUpperCase()}`.slice(0, 6);
    const email = `admin-${code.toLowerCase()}@example.gov.vn`;
    const body = {
      code,
      name: 'Tỉnh Thử Nghiệm',
      nameEn: 'Test Province',
      admin: { email, fullName: 'Quản trị thử', password: 'mat-khau-du-dai-12' },
    };
    const created = await platform.client.post(`${V1}/platform/provinces`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, admin: { email } });
    expect((await platform.client.post(`${V1}/platform/provinces`, body)).status).toBe(409);
    expect(
      (await platform.client.post(`${V1}/platform/provinces`, { ...body, code: `${code}Z`, admin: { ...body.admin, email: DN.admin } }))
        .status,
    ).toBe(409);

    // The new administrator signs in with their own password (not the demo one).
    const login = await new ApiClient(apiUrl).post(`${V1}/auth/login`, { email, password: body.admin.password });
    expect(login.status).toBe(200);
    const c = new ApiClient(apiUrl, login.body.accessToken);
    expect((await c.get(`${V1}/me`)).body).toMatchObject({ province: code, roles: ['ADMIN'] });
    expect((await c.get(`${V1}/proposals?limit=200`)).body.items).toEqual([]);
    expect((await c.get(`${V1}/users?limit=200`)).body.items.map((u: { email: string }) => u.email)).toEqual([email]);
    const policy = (await c.get(`${V1}/policies/current`)).body;
    expect(JSON.stringify(policy)).toContain(`"${code}-SNGV"`);
    expect(JSON.stringify(policy)).not.toMatch(/"(HT|DN)-[A-Z]+"/);
    const chain = (await c.get(`${V1}/audit/verify`)).body;
    expect(chain).toMatchObject({ ok: true, checked: 1 });
  });
});
