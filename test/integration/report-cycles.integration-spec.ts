/**
 * Reporting cycles over HTTP: an administrator opens a cycle by hand, each reporting agency finds its pre-filled
 * PERIODIC_REPORT in its inbox and submits it through POST /tasks/:id/complete, HT-SNGV consolidates, and the
 * consolidated report is downloaded as DOCX and XLSX and read back.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addDays, isoDateInVietnam } from '@accord/domain';
import { DEMO_AGENCIES } from '@accord/persistence';
import { driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import { login, type ApiClient } from '../support/http';
import { waitFor } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

async function download(client: ApiClient, path: string) {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

type Report = { agency: { code: string }; taskId: string; status: string; sla: string; escalated: boolean };

describe('reporting cycles', () => {
  let admin: ApiClient, officer: ApiClient, head: ApiClient, submitter: ApiClient, chairman: ApiClient;
  const mouTitle = `MoU on trade promotion with Savannakhet (report ${Date.now()})`;
  const mouNumber = `TT-${Date.now() % 100000}/2026`;
  let mouId: string;

  beforeAll(async () => {
    [admin, officer, head, submitter, chairman] = await Promise.all(
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
      ].map((e) => login(apiUrl, e)),
    );
    // An agreement HT-SCT leads (signed today), and plan items HT-SNGV and HT-STC lead: all three report.
    ({ id: mouId } = await driveMou(apiUrl, {
      until: 'IN_FORCE',
      body: mouBody({ title: mouTitle }),
      signing: { agreementNumber: mouNumber },
    }));
    const plan = await officer.post(`${V1}/plans`, {
      title: 'Kế hoạch kiểm thử kỳ báo cáo',
      items: [
        {
          no: 1,
          task: 'Tổ chức tập huấn nghiệp vụ ký kết thỏa thuận quốc tế',
          leadAgency: 'Sở Ngoại vụ',
          coordinatingAgencies: 'Sở Nội vụ',
          timeFrame: 'Hàng năm',
          output: 'Lớp tập huấn',
        },
        {
          no: 2,
          task: 'Tham mưu bố trí kinh phí thực hiện Kế hoạch',
          leadAgency: 'Sở Tài chính',
          coordinatingAgencies: 'Sở Ngoại vụ',
          timeFrame: 'Hàng năm',
          output: 'Dự toán',
        },
      ],
    });
    expect(plan.status).toBe(201);
  }, 300_000);

  it("opens a cycle by hand, takes the agencies' reports, consolidates, and serves the report as DOCX and XLSX", async () => {
    expect((await officer.post(`${V1}/report-cycles`, { kind: 'ANNUAL' })).status).toBe(403);
    expect((await admin.post(`${V1}/report-cycles`, { kind: 'WEEKLY' })).body.errors[0].field).toBe('kind');
    const opened = await admin.post(`${V1}/report-cycles`, { kind: 'ANNUAL' });
    expect(opened.status).toBe(201);
    const cycle = opened.body;
    const today = isoDateInVietnam(new Date());
    expect(cycle).toMatchObject({ kind: 'ANNUAL', status: 'OPEN', openedOn: today, consolidator: { code: 'HT-SNGV' } });
    expect(cycle.period.from <= today && today <= cycle.period.to).toBe(true);
    expect(cycle.dueOn).toBe(`${cycle.year}-11-05`);
    const agencies = cycle.reports.map((r: Report) => r.agency.code);
    expect(agencies).toEqual(expect.arrayContaining(['HT-SCT', 'HT-SNGV', 'HT-STC']));
    expect(cycle.reports.every((r: Report) => r.status === 'OPEN')).toBe(true);
    expect((await admin.post(`${V1}/report-cycles`, { kind: 'ANNUAL', year: cycle.year })).status).toBe(409);

    // HT-SCT's report is in its inbox, pre-filled from the registry and the plans.
    const inbox = await submitter.get(`${V1}/tasks?kind=PERIODIC_REPORT&limit=200`);
    const task = inbox.body.items.find((t: { reportCycle?: { id: string } }) => t.reportCycle?.id === cycle.id);
    expect(task).toMatchObject({
      kind: 'PERIODIC_REPORT',
      proposalId: null,
      proposalReference: null,
      candidateAgency: { code: 'HT-SCT' },
      allowedDecisions: ['SUBMITTED'],
      reportCycle: { id: cycle.id, title: cycle.title },
      dueAt: new Date(`${cycle.dueOn}T23:59:59.999+07:00`).toISOString(),
    });
    expect(task.prefill.agreements.signed.map((a: { title: string }) => a.title)).toContain(mouTitle);
    expect((await submitter.get(`${V1}/tasks/${task.id}`)).body.prefill.period).toEqual({ from: cycle.period.from, to: cycle.period.to });
    expect((await officer.post(`${V1}/tasks/${task.id}/complete`, { decision: 'SUBMITTED' })).status).toBe(403);
    expect((await submitter.post(`${V1}/tasks/${task.id}/complete`, { decision: 'APPROVE' })).body.errors[0].field).toBe('decision');

    // A report may carry the reporting agency's own files only, not another agency's (issue 12, item 1).
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% SNGV\n%%EOF\n'))], { type: 'application/pdf' }),
      'Tài liệu Sở Ngoại vụ.pdf',
    );
    const sngvFile = await fetch(`${apiUrl}${V1}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer.token}` },
      body: form,
    }).then((r) => r.json() as Promise<{ id: string }>);
    const foreign = await submitter.post(`${V1}/tasks/${task.id}/complete`, {
      decision: 'SUBMITTED',
      comment: 'x',
      attachmentIds: [sngvFile.id],
    });
    expect({ status: foreign.status, fields: foreign.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      fields: ['attachmentIds.0'],
    });

    const comment = 'Sở Công Thương: trong kỳ đã ký 01 thỏa thuận với tỉnh Savannakhet, triển khai đúng tiến độ';
    const sctForm = new FormData();
    sctForm.append(
      'file',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% SCT report\n%%EOF\n'))], { type: 'application/pdf' }),
      'Báo cáo Sở Công Thương.pdf',
    );
    const sctFile = await fetch(`${apiUrl}${V1}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${submitter.token}` },
      body: sctForm,
    }).then((r) => r.json() as Promise<{ id: string }>);
    const done = await submitter.post(`${V1}/tasks/${task.id}/complete`, { decision: 'SUBMITTED', comment, attachmentIds: [sctFile.id] });
    expect(done.status).toBe(200);
    // The consolidating agency and leaders may open the report's file; it was the uploader's alone before.
    for (const reader of [officer, chairman, admin])
      expect((await download(reader, `${V1}/attachments/${sctFile.id}/content`)).status).toBe(200);
    expect(done.body).toMatchObject({
      task: { id: task.id, status: 'COMPLETED', decision: 'SUBMITTED' },
      proposal: null,
      reportCycle: { id: cycle.id, status: 'OPEN' },
    });
    expect((await submitter.post(`${V1}/tasks/${task.id}/complete`, { decision: 'SUBMITTED' })).status).toBe(409);
    const completed = await submitter.get(`${V1}/tasks?status=COMPLETED&kind=PERIODIC_REPORT&limit=200`);
    expect(completed.body.items.map((t: { id: string }) => t.id)).toContain(task.id);

    const sngvTask = cycle.reports.find((r: Report) => r.agency.code === 'HT-SNGV').taskId;
    expect(
      (
        await officer.post(`${V1}/tasks/${sngvTask}/complete`, {
          decision: 'SUBMITTED',
          comment: 'Sở Ngoại vụ: đã tổ chức 02 lớp tập huấn',
        })
      ).status,
    ).toBe(200);

    const detail = await submitter.get(`${V1}/report-cycles/${cycle.id}`);
    // Another agency's comment and attachment ids are not HT-SCT's to read; its own, and HT-SNGV's view of all, are whole.
    const byCode = (d: { body: { reports: (Report & { comment: string | null; attachmentIds: string[] })[] } }, code: string) =>
      d.body.reports.find((r) => r.agency.code === code)!;
    expect(byCode(detail, 'HT-SNGV')).toMatchObject({ status: 'SUBMITTED', comment: null, attachmentIds: [] });
    expect(byCode(detail, 'HT-SCT')).toMatchObject({ comment, attachmentIds: [sctFile.id] });
    const sngvView = await officer.get(`${V1}/report-cycles/${cycle.id}`);
    expect(byCode(sngvView, 'HT-SCT')).toMatchObject({ comment, attachmentIds: [sctFile.id] });
    expect(byCode(sngvView, 'HT-SNGV')).toMatchObject({ comment: 'Sở Ngoại vụ: đã tổ chức 02 lớp tập huấn' });
    const status = Object.fromEntries(detail.body.reports.map((r: Report) => [r.agency.code, r.status]));
    expect(status).toMatchObject({ 'HT-SCT': 'SUBMITTED', 'HT-SNGV': 'SUBMITTED', 'HT-STC': 'OPEN' });
    expect(detail.body.progress).toMatchObject({ submitted: 2, open: agencies.length - 2 });

    // Before consolidation: a draft, for HT-SNGV, leaders and administrators only.
    expect((await download(submitter, `${V1}/report-cycles/${cycle.id}/report?format=docx`)).status).toBe(403);
    const draft = await download(officer, `${V1}/report-cycles/${cycle.id}/report?format=docx`);
    expect(draft.status).toBe(200);
    expect(draft.disposition).toContain('du-thao');

    expect((await submitter.post(`${V1}/report-cycles/${cycle.id}/consolidate`)).status).toBe(403);
    const consolidated = await officer.post(`${V1}/report-cycles/${cycle.id}/consolidate`);
    expect(consolidated.status).toBe(200);
    expect(consolidated.body).toMatchObject({ status: 'CONSOLIDATED', consolidatedBy: { fullName: 'Lê Minh Châu' } });
    expect(Object.fromEntries(consolidated.body.reports.map((r: Report) => [r.agency.code, r.status]))).toMatchObject({
      'HT-SCT': 'SUBMITTED',
      'HT-STC': 'MISSING',
    });
    expect(consolidated.body.documents.map((d: { format: string }) => d.format)).toEqual(['docx', 'xlsx']);
    expect((await officer.post(`${V1}/report-cycles/${cycle.id}/consolidate`)).status).toBe(409);
    // Its official REPORT document, to be issued and signed through /documents: the province reads it, Đồng Nai does not.
    expect(consolidated.body.officialDocuments).toEqual([
      expect.objectContaining({ type: 'REPORT', reportCycleId: cycle.id, notation: 'BC-SNgV', place: 'Hà Tĩnh', status: 'DRAFT' }),
    ]);
    const reportDocument = consolidated.body.officialDocuments[0].id;
    const asSubmitter = (await submitter.get(`${V1}/documents/${reportDocument}`)).body;
    expect(asSubmitter).toMatchObject({ issuer: { code: 'HT-SNGV' } });
    // Every user of the province reads it, so it says each agency's status, not what another agency wrote.
    expect(asSubmitter.body).toContain('- Sở Ngoại vụ: đã nộp.');
    expect(asSubmitter.body).not.toContain('đã tổ chức 02 lớp tập huấn');
    const dongNai = await login(apiUrl, 'officer@sngv.dongnai.gov.vn');
    expect((await dongNai.get(`${V1}/documents/${reportDocument}`)).status).toBe(404);
    expect((await download(dongNai, `${V1}/documents/${reportDocument}/content?format=docx`)).status).toBe(404);
    // The MoU's post-signing report, submitted by HT-SCT on the way to IN_FORCE, is a DRAFT document of its proposal.
    const mouDocuments = (await submitter.get(`${V1}/proposals/${mouId}/documents`)).body.items;
    expect(mouDocuments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'POST_SIGNING_REPORT', issuer: expect.objectContaining({ code: 'HT-SCT' }) }),
      ]),
    );

    const docx = await download(officer, `${V1}/report-cycles/${cycle.id}/report?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    expect(docx.disposition).not.toContain('du-thao');
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    for (const text of [
      'BÁO CÁO',
      'Số:      /BC-SNgV',
      'Hà Tĩnh, ngày',
      'UBND TỈNH HÀ TĨNH',
      'TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ',
      mouNumber,
      'Lào',
      'Sở Công Thương',
      'Sở Tài chính',
      'Không nộp',
      comment,
      mouTitle,
      'Tổ chức tập huấn nghiệp vụ',
    ]) {
      expect(xml).toContain(text);
    }
    // Agencies by name: no agency code in the printed text. The codes themselves, not any "HT-…": an agreement's own
    // number may start so (the MoU walk signs "HT-LA-2026-01" on the same stack).
    const codes = DEMO_AGENCIES.map((a) => a.code).join('|');
    expect(xml).not.toMatch(new RegExp(`<w:t(?:\\s[^>]*)?>[^<]*\\b(?:${codes})\\b(?!-)`));

    const xlsx = await download(chairman, `${V1}/report-cycles/${cycle.id}/report?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Thỏa thuận', 'Kế hoạch', 'Báo cáo các cơ quan']);
    const rows = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
    expect(rows('Báo cáo các cơ quan')).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(['Sở Công Thương', 'Đã nộp', comment]),
        expect.arrayContaining(['Sở Tài chính', 'Không nộp']),
      ]),
    );
    expect(rows('Thỏa thuận').some((r) => r.includes(mouTitle) && r.includes('Ký mới'))).toBe(true);
    expect((await download(admin, `${V1}/report-cycles/${cycle.id}/report?format=pdf`)).status).toBe(400);

    const list = await submitter.get(`${V1}/report-cycles?limit=200`);
    expect(list.body.items.find((c: { id: string }) => c.id === cycle.id)).toMatchObject({
      status: 'CONSOLIDATED',
      progress: { submitted: 2 },
    });
  });

  it('escalates an overdue report to the head of the reporting agency', async () => {
    // The province's report to MOFA, opened with a due day already past: overdue at once.
    const opened = await admin.post(`${V1}/report-cycles`, { kind: 'MOFA_ANNUAL', dueOn: addDays(isoDateInVietnam(new Date()), -1) });
    expect(opened.status).toBe(201);
    expect(opened.body.reports.map((r: Report) => r.agency.code)).toEqual(['HT-SNGV']);
    const taskId = opened.body.reports[0].taskId;
    const escalated = await waitFor(
      'escalation of the MOFA report',
      () => head.get(`${V1}/notifications?limit=200`),
      (r) => r.body.items.some((n: { kind: string; taskId: string }) => n.kind === 'TASK_ESCALATED' && n.taskId === taskId),
    );
    expect(
      escalated.body.items.find((n: { kind: string; taskId: string }) => n.kind === 'TASK_ESCALATED' && n.taskId === taskId).message,
    ).toMatch(/báo cáo định kỳ/);
    const detail = await officer.get(`${V1}/report-cycles/${opened.body.id}`);
    expect(detail.body.reports[0]).toMatchObject({ status: 'OPEN', sla: 'OVERDUE', escalated: true });
    const overdue = await officer.get(`${V1}/tasks?overdue=true&kind=PERIODIC_REPORT&limit=200`);
    expect(overdue.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
  });
});
