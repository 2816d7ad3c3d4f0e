/**
 * Implementation plans over HTTP: the Hà Tĩnh appendix (15 tasks) imported as JSON and as the XLSX an agency
 * would send, row-by-row validation, status updates with evidence from the lead agency, overdue items flagged at
 * read time and escalated to the lead agency's head once by the plan's follow-up workflow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { login, type ApiClient } from '../support/http';
import { waitFor } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

interface FixtureItem {
  no: number;
  task: string;
  leadAgency: string;
  coordinatingAgencies: string;
  timeFrame: string;
  output: string;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/plans/ha-tinh-152.json'), 'utf8')) as {
  title: string;
  source: string;
  items: FixtureItem[];
};

/** Leads and recurrences of the 15 appendix tasks, as the plan states them. */
const EXPECTED: [number, string, string][] = [
  [1, 'HT-SNGV', 'CONTINUOUS'],
  [2, 'HT-SNGV', 'CONTINUOUS'],
  [3, 'ALL_AGENCIES', 'ANNUAL'],
  [4, 'PROPOSING_AGENCY', 'CONTINUOUS'],
  [5, 'HT-SNGV', 'CONTINUOUS'],
  [6, 'HT-SNGV', 'CONTINUOUS'],
  [7, 'HT-SNGV', 'ANNUAL'],
  [8, 'HT-SNGV', 'ANNUAL'],
  [9, 'ALL_AGENCIES', 'CONTINUOUS'],
  [10, 'HT-STC', 'ANNUAL'],
  [11, 'HT-SNGV', 'PERIODIC'],
  [12, 'ALL_AGENCIES', 'ANNUAL'],
  [13, 'ALL_AGENCIES', 'CONTINUOUS'],
  [14, 'HT-BQLKKT', 'ANNUAL'],
  [15, 'ALL_AGENCIES', 'CONTINUOUS'],
];

type Item = {
  id: string;
  no: number;
  lead: { code: string };
  coordinators: { code: string }[];
  recurrence: string | null;
  dueOn: string | null;
  period: unknown;
  status: string;
  overdue: boolean;
  escalated: boolean;
};

/** The appendix as a spreadsheet: title rows, the header, rows 1-8, the header again (next page), rows 9-15. */
async function appendixXlsx(items: FixtureItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Phụ lục');
  const header = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Sản phẩm đầu ra'];
  ws.addRow(['PHỤ LỤC']);
  ws.addRow(['Một số nhiệm vụ triển khai thực hiện Nghị quyết số 152/NQ-CP ngày 16/6/2026 của Chính phủ']);
  ws.addRow([]);
  ws.addRow(header);
  items.forEach((item, i) => {
    if (i === 8) ws.addRow(header);
    ws.addRow([`${item.no}.`, item.task, item.leadAgency, item.coordinatingAgencies, item.timeFrame, item.output]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function postForm(client: ApiClient, path: string, form: FormData) {
  const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('implementation plans', () => {
  let officer: ApiClient, head: ApiClient, submitter: ApiClient, admin: ApiClient, auditor: ApiClient;

  beforeAll(async () => {
    [officer, head, submitter, admin, auditor] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  function expectAppendix(items: Item[]) {
    expect(items).toHaveLength(15);
    expect(items.map((i) => [i.no, i.lead.code, i.recurrence])).toEqual(EXPECTED);
    expect(items.every((i) => i.status === 'NOT_STARTED' && !i.overdue)).toBe(true);
    const byNo = (no: number) => items.find((i) => i.no === no)!;
    expect(byNo(9).coordinators.map((c) => c.code)).toEqual(['HT-SKHCN', 'HT-SGDDT', 'HT-SNGV']);
    expect(byNo(14).coordinators.map((c) => c.code)).toEqual(['HT-SNGV', 'HT-SCT', 'HT-STC', 'HT-SXD', 'HT-HQKV11', 'RELATED_AGENCIES']);
    expect(byNo(4).coordinators.map((c) => c.code)).toEqual(['HT-SNGV', 'HT-STP', 'HT-BCHQS', 'HT-CA', 'RELATED_AGENCIES']);
    expect(byNo(14).period).toEqual({ from: '2026-01-01', to: '2030-12-31' });
  }

  it('imports the 15-task Hà Tĩnh appendix as JSON: 15 tracked items with the right leads and recurrences', async () => {
    const res = await officer.post(`${V1}/plans`, fixture);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: fixture.title, format: 'JSON', summary: { items: 15, byStatus: { NOT_STARTED: 15 } } });
    expectAppendix(res.body.items);
    const again = await submitter.get(`${V1}/plans/${res.body.id}`);
    expect(again.status).toBe(200);
    expectAppendix(again.body.items);
    const list = await submitter.get(`${V1}/plans?limit=200`);
    expect(list.body.items.find((p: { id: string }) => p.id === res.body.id)).toMatchObject({ summary: { items: 15 } });
    const audit = await auditor.get(`${V1}/audit?action=PLAN_IMPORTED&limit=200`);
    expect(audit.body.items.some((e: { payload: { planId: string } }) => e.payload.planId === res.body.id)).toBe(true);
  });

  it('imports the same appendix from an XLSX upload (header repeated on the second page)', async () => {
    const form = new FormData();
    form.append('title', `${fixture.title} (XLSX)`);
    form.append(
      'file',
      new Blob([new Uint8Array(await appendixXlsx(fixture.items))], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
      'phu-luc-ke-hoach-152.xlsx',
    );
    const res = await postForm(admin, `${V1}/plans`, form);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'XLSX', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expectAppendix(res.body.items);
  });

  it('lists every bad row as field errors and imports nothing', async () => {
    const title = `Bad plan ${Date.now()}`;
    const items = [
      { no: 1, task: 'Nhiệm vụ A', leadAgency: 'Sở Du lịch', coordinatingAgencies: 'Sở Ngoại vụ', timeFrame: 'Năm 2027', output: '' },
      {
        no: 2,
        task: 'Nhiệm vụ B',
        leadAgency: 'Sở Ngoại vụ',
        coordinatingAgencies: 'Sở Tư pháp, Sở Văn hóa',
        timeFrame: 'sớm nhất có thể',
        output: '',
      },
      { no: 2, task: '', leadAgency: 'HT-SNGV', timeFrame: 'Quý II/2027' },
      { no: 4, task: 'Nhiệm vụ D', leadAgency: 'Sở Ngoại vụ, Sở Tư pháp', timeFrame: 'Hàng năm', extra: true },
    ];
    const res = await officer.post(`${V1}/plans`, { title, items });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'items.0.leadAgency',
      'items.1.coordinatingAgencies',
      'items.1.timeFrame',
      'items.2.no',
      'items.2.task',
      'items.3.extra',
      'items.3.leadAgency',
    ]);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'items.1.coordinatingAgencies').message).toContain('"Sở Văn hóa"');
    const list = await officer.get(`${V1}/plans?limit=200`);
    expect(list.body.items.some((p: { title: string }) => p.title === title)).toBe(false);

    const form = new FormData();
    form.append('title', 'Not a workbook');
    form.append('file', new Blob([new Uint8Array(Buffer.from('not a spreadsheet'))], { type: 'application/octet-stream' }), 'x.xlsx');
    const bad = await postForm(officer, `${V1}/plans`, form);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect((await officer.post(`${V1}/plans`, { items: [] })).body.errors.map((e: { field: string }) => e.field)).toEqual([
      'title',
      'items',
    ]);
  });

  it('describes the plan, reporting and sync endpoints in the OpenAPI document', async () => {
    const doc = await submitter.get('/api/docs-json');
    for (const path of [
      '/api/v1/plans',
      '/api/v1/plans/{id}',
      '/api/v1/plans/{id}/items/{itemId}/updates',
      '/api/v1/report-cycles',
      '/api/v1/report-cycles/{id}',
      '/api/v1/report-cycles/{id}/report',
      '/api/v1/report-cycles/{id}/consolidate',
      '/api/v1/admin/commitments-sync',
      '/api/v1/admin/commitments-sync/run',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(Object.keys(doc.body.paths['/api/v1/plans'].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
  });

  it('lets only administrators and HT-SNGV import', async () => {
    const res = await submitter.post(`${V1}/plans`, fixture);
    expect(res.status).toBe(403);
  });

  it('takes status updates with evidence from the lead agency only (any agency for items all agencies lead)', async () => {
    const { body: plan } = await officer.post(`${V1}/plans`, { title: `Updates ${Date.now()}`, items: fixture.items.slice(0, 3) });
    const sngvItem = plan.items.find((i: Item) => i.no === 1);
    const allItem = plan.items.find((i: Item) => i.no === 3);
    const pdf = new FormData();
    pdf.append(
      'file',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% bien ban\n%%EOF\n'))], { type: 'application/pdf' }),
      'Biên bản.pdf',
    );
    const evidence = await postForm(officer, `${V1}/attachments`, pdf);
    expect(evidence.status).toBe(201);

    const path = (itemId: string) => `${V1}/plans/${plan.id}/items/${itemId}/updates`;
    expect((await submitter.post(path(sngvItem.id), { status: 'IN_PROGRESS', note: 'x' })).status).toBe(403);
    expect((await officer.post(path(sngvItem.id), { status: 'FINISHED', note: 'x' })).body.errors[0].field).toBe('status');
    expect(
      (await officer.post(path(sngvItem.id), { status: 'DONE', note: 'x', attachmentIds: ['00000000-0000-4000-8000-000000000000'] })).body
        .errors[0].field,
    ).toBe('attachmentIds.0');
    expect(
      (await officer.post(`${V1}/plans/${plan.id}/items/00000000-0000-4000-8000-000000000000/updates`, { status: 'DONE', note: 'x' }))
        .status,
    ).toBe(404);

    const update = await officer.post(
      path(sngvItem.id),
      { status: 'IN_PROGRESS', note: 'Đã ban hành văn bản hướng dẫn', attachmentIds: [evidence.body.id] },
      { 'Idempotency-Key': 'plan-upd-1' },
    );
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({
      status: 'IN_PROGRESS',
      attachmentIds: [evidence.body.id],
      agency: { code: 'HT-SNGV' },
      item: { status: 'IN_PROGRESS' },
    });
    const replay = await officer.post(
      path(sngvItem.id),
      { status: 'IN_PROGRESS', note: 'Đã ban hành văn bản hướng dẫn', attachmentIds: [evidence.body.id] },
      { 'Idempotency-Key': 'plan-upd-1' },
    );
    expect(replay.body.id).toBe(update.body.id);
    const byAgency = await submitter.post(path(allItem.id), { status: 'DONE', note: 'Sở Công Thương đã rà soát xong' });
    expect(byAgency.status).toBe(201);
    const detail = await submitter.get(`${V1}/plans/${plan.id}`);
    const item1 = detail.body.items.find((i: Item) => i.no === 1);
    expect(item1.updates).toHaveLength(1);
    expect(detail.body.items.find((i: Item) => i.no === 3)).toMatchObject({
      status: 'DONE',
      dueOn: `${Number(new Date().toISOString().slice(0, 4)) + 1}-12-31`,
    });
    expect((await officer.get(`${V1}/plans/${plan.id}?status=DONE`)).body.items.map((i: Item) => i.no)).toEqual([3]);
    const audit = await auditor.get(`${V1}/audit?action=PLAN_ITEM_UPDATED&limit=200`);
    expect(audit.body.items.find((e: { payload: { itemId: string } }) => e.payload.itemId === sngvItem.id).payload).toMatchObject({
      from: 'NOT_STARTED',
      to: 'IN_PROGRESS',
      attachments: [{ id: evidence.body.id, sha256: evidence.body.sha256 }],
    });
  });

  it('flags an item past its due day as overdue and escalates it to the lead agency head once', async () => {
    const title = `Overdue ${Date.now()}`;
    const res = await officer.post(`${V1}/plans`, {
      title,
      items: [
        { no: 1, task: 'Báo cáo sơ kết 6 tháng đầu năm 2026', leadAgency: 'HT-SNGV', timeFrame: 'Tháng 6/2026', output: 'Báo cáo' },
        { no: 2, task: 'Nhiệm vụ chưa đến hạn', leadAgency: 'Sở Ngoại vụ', timeFrame: 'Quý IV/2099', output: 'Báo cáo' },
      ],
    });
    expect(res.status).toBe(201);
    const [late, later] = res.body.items as Item[];
    expect(late).toMatchObject({ dueOn: '2026-06-30', overdue: true });
    expect(later).toMatchObject({ dueOn: '2099-12-31', overdue: false });
    expect((await officer.get(`${V1}/plans/${res.body.id}?overdue=true`)).body.items.map((i: Item) => i.no)).toEqual([1]);

    const escalations = () =>
      head
        .get(`${V1}/notifications?limit=200`)
        .then((r) =>
          r.body.items.filter(
            (n: { kind: string; params: { itemId?: string } }) => n.kind === 'PLAN_ITEM_ESCALATED' && n.params.itemId === late!.id,
          ),
        );
    const [escalation] = await waitFor('escalation to the head of HT-SNGV', escalations, (n) => n.length > 0);
    expect(escalation.message).toMatch(/^Báo cáo thủ trưởng: nhiệm vụ 1 "Báo cáo sơ kết 6 tháng đầu năm 2026"/);
    const officerNotes = await officer.get(`${V1}/notifications?limit=200`);
    expect(
      officerNotes.body.items.filter(
        (n: { kind: string; params: { itemId?: string } }) => n.kind === 'PLAN_ITEM_OVERDUE' && n.params.itemId === late!.id,
      ),
    ).toHaveLength(1);
    expect((await officer.get(`${V1}/plans/${res.body.id}`)).body.items[0]).toMatchObject({ overdue: true, escalated: true });

    // An update signals the follow-up to run again: no second escalation for the same due day.
    await officer.post(`${V1}/plans/${res.body.id}/items/${late!.id}/updates`, { status: 'IN_PROGRESS', note: 'Đang tổng hợp' });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await escalations()).toHaveLength(1);
    await officer.post(`${V1}/plans/${res.body.id}/items/${late!.id}/updates`, { status: 'DONE', note: 'Đã gửi báo cáo' });
    expect((await officer.get(`${V1}/plans/${res.body.id}`)).body.items[0]).toMatchObject({ status: 'DONE', overdue: false, dueOn: null });
  });
});
