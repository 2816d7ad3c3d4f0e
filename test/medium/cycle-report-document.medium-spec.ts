/**
 * A consolidated reporting cycle's official REPORT document (issue 17, items 1 and 6) against real Postgres as the
 * app role: generating the consolidated report creates it once (DRAFT, issued by the consolidating agency, BC-SNgV,
 * placed in the cycle's province); the stored DOCX is the official report with blank number; the province's users see
 * it through GET /documents/:id and /content, another province's get 404; once issued its number prints.
 */
import { randomUUID } from 'node:crypto';
import type { StreamableFile } from '@nestjs/common';
import JSZip from 'jszip';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { DocumentContentService } from '../../apps/api/src/documents/document-content.service';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { ReportCyclesService } from '../../apps/api/src/report-cycles/report-cycles.service';
import { createReportCycleActivities } from '../../apps/worker/src/activities/reporting.activities';
import { applyTransition, runInProvince } from '@accord/persistence';
import type { OpenedReportCycle } from '@accord/temporal/contracts';
import { demoEmail } from '../support/demo-users';
import { fakeTemporal } from '../support/fake-temporal';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { completionTransition, insertAgreement, insertProposal } from '../support/medium-rows';
import { seededUser } from '../support/medium-users';
import { docxParagraphs } from '@accord/records/render/docx-text';

jest.setTimeout(90_000);

async function bytesOf(file: StreamableFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('the official report of a consolidated cycle (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let documents: DocumentsService;
  let contents: DocumentContentService;
  let cycles: ReportCyclesService;
  let submitter: AuthUser; // HT-SCT
  let officer: AuthUser; // HT-SNGV
  let dnChairman: AuthUser;

  beforeAll(async () => {
    db = await mediumDatabase();
    documents = new DocumentsService(db.appDataSource);
    contents = new DocumentContentService(db.appDataSource, documents, new LocalDiskAttachmentStorage('/nonexistent'));
    cycles = new ReportCyclesService(db.appDataSource, fakeTemporal().service);
    [submitter, officer, dnChairman] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })),
      seededUser(db.dataSource, 'chairman@ubnd.dongnai.gov.vn'),
    ]);
  });
  afterAll(() => db.close());

  /** Opens an ANNUAL cycle of `year` through the worker's activity and marks it consolidated, its reports missing. */
  async function consolidatedCycle(year: number): Promise<OpenedReportCycle> {
    const activities = createReportCycleActivities({ dataSource: db.appDataSource });
    const at = `${year}-11-06T03:00:00.000Z`;
    const opened = (await activities.openReportCycle({
      cycleId: randomUUID(),
      kind: 'ANNUAL',
      year,
      workflowId: `report-cycle-ANNUAL-${randomUUID()}`,
      at: `${year}-10-15T01:00:00.000Z`,
    }))!;
    await db.dataSource.query(`UPDATE report_cycle SET status = 'CONSOLIDATED', consolidated_at = $2 WHERE id = $1`, [opened.cycleId, at]);
    return opened;
  }

  it('creates the REPORT document once, and stores the official DOCX with its marker and blank number', async () => {
    const activities = createReportCycleActivities({ dataSource: db.appDataSource });
    const opened = await consolidatedCycle(2041);
    const at = '2041-11-06T03:00:00.000Z';
    await activities.generateReportDocuments({ cycleId: opened.cycleId, at });
    await activities.generateReportDocuments({ cycleId: opened.cycleId, at }); // a retried activity
    const rows: {
      id: string;
      type: string;
      issuer_agency_code: string;
      notation: string;
      place: string;
      status: string;
      province_code: string;
    }[] = await db.dataSource.query(
      `SELECT id, type, issuer_agency_code, notation, place, status, province_code FROM official_document WHERE report_cycle_id = $1`,
      [opened.cycleId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'REPORT',
      issuer_agency_code: 'HT-SNGV',
      notation: 'BC-SNgV',
      place: 'Hà Tĩnh',
      status: 'DRAFT',
      province_code: 'HT',
    });
    const [stored]: { content: Buffer }[] = await db.dataSource.query(
      `SELECT content FROM report_cycle_document WHERE cycle_id = $1 AND format = 'docx'`,
      [opened.cycleId],
    );
    const zip = await JSZip.loadAsync(stored!.content);
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain(`accord-document:${rows[0]!.id}`);
    const lines = await docxParagraphs(stored!.content);
    expect(lines).toContain('Số:      /BC-SNgV');
    expect(lines).toContain('Hà Tĩnh, ngày    tháng    năm 2041');
    expect(lines.join('\n')).not.toMatch(/\bHT-/);
    const audit = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'REPORT_GENERATED' AND payload->>'reportCycleId' = $1`,
      [opened.cycleId],
    );
    expect(audit.map((a: { payload: { officialDocumentId: string } }) => a.payload.officialDocumentId)).toEqual([rows[0]!.id, rows[0]!.id]);

    // The cycle lists it; any user of the province reads it.
    const detail = await cycles.detail(submitter, opened.cycleId);
    expect(detail.officialDocuments).toEqual([
      expect.objectContaining({ id: rows[0]!.id, reportCycleId: opened.cycleId, type: 'REPORT', codeNumber: null, status: 'DRAFT' }),
    ]);
    expect(await documents.get(submitter, rows[0]!.id)).toMatchObject({
      issuer: { code: 'HT-SNGV', name: 'Sở Ngoại vụ' },
      place: 'Hà Tĩnh',
    });
  });

  it("hides a cycle's report from another province (404), and prints its number once the consolidating agency issues it", async () => {
    const activities = createReportCycleActivities({ dataSource: db.appDataSource });
    const opened = await consolidatedCycle(2042);
    await activities.generateReportDocuments({ cycleId: opened.cycleId, at: '2042-11-06T03:00:00.000Z' });
    const { id } = (await cycles.detail(officer, opened.cycleId)).officialDocuments[0]!;

    await expect(runInProvince('DN', () => documents.get(dnChairman, id))).rejects.toMatchObject({
      status: 404,
      code: 'DOCUMENT_NOT_FOUND',
    });
    await expect(runInProvince('DN', () => contents.content(dnChairman, id, 'docx'))).rejects.toMatchObject({ status: 404 });
    await expect(runInProvince('DN', () => contents.content(dnChairman, id, 'pdf'))).rejects.toMatchObject({ status: 404 });

    // HT-SNGV numbers it in its own register: its director (AGENCY_HEAD) may, its officer and another agency may not.
    await expect(documents.issue(submitter, id)).rejects.toMatchObject({ status: 403, code: 'NOT_DOCUMENT_ISSUER' });
    await expect(documents.issue(officer, id)).rejects.toMatchObject({ status: 403, code: 'NOT_DOCUMENT_ISSUER' });
    const head = await seededUser(db.dataSource, demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }));
    const issued = await documents.issue(head, id);
    expect(issued).toMatchObject({ status: 'ISSUED', notation: 'BC-SNgV', codeNumber: `${issued.number}/BC-SNgV` });
    const [year, month, day] = issued.issuedOn!.split('-');
    const lines = await docxParagraphs(await bytesOf(await contents.content(submitter, id, 'docx')));
    expect(lines).toContain(`Số: ${issued.number}/BC-SNgV`);
    expect(lines).toContain(`Hà Tĩnh, ngày ${day} tháng ${Number(month) <= 2 ? month : Number(month)} năm ${year}`);
    expect(lines).toContain('I. TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ');
    expect(lines.join('\n')).not.toMatch(/\bHT-/);
    const pdf = await bytesOf(await contents.content(submitter, id, 'pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("places a Đồng Nai cycle's report in Đồng Nai, under its own committee", async () => {
    const activities = createReportCycleActivities({ dataSource: db.appDataSource });
    // Đồng Nai has no cycle policy in the medium template: its cycle is written as the worker would have opened it.
    const opened = { cycleId: randomUUID() };
    await db.dataSource.query(
      `INSERT INTO report_cycle (id, province_code, kind, year, title, period_from, period_to, opened_on, due_on, status, consolidator_agency_code,
         workflow_id, opened_at, consolidated_at, prefill)
       VALUES ($1, 'DN', 'ANNUAL', 2043, 'Báo cáo năm 2043 về tình hình ký kết và thực hiện thỏa thuận quốc tế', '2042-11-01', '2043-10-31',
         '2043-10-15', '2043-11-05', 'CONSOLIDATED', 'DN-SNGV', $2, '2043-10-15T01:00:00Z', '2043-11-06T03:00:00Z', '{"reporters": []}')`,
      [opened.cycleId, `report-cycle-ANNUAL-${randomUUID()}`],
    );
    await runInProvince('DN', () => activities.generateReportDocuments({ cycleId: opened.cycleId, at: '2043-11-06T03:00:00.000Z' }));
    const [row]: { issuer_agency_code: string; notation: string; place: string; province_code: string }[] = await db.dataSource.query(
      `SELECT issuer_agency_code, notation, place, province_code FROM official_document WHERE report_cycle_id = $1`,
      [opened.cycleId],
    );
    expect(row).toEqual({ issuer_agency_code: 'DN-SNGV', notation: 'BC-SNgV', place: 'Đồng Nai', province_code: 'DN' });
    const [stored]: { content: Buffer }[] = await db.dataSource.query(
      `SELECT content FROM report_cycle_document WHERE cycle_id = $1 AND format = 'docx'`,
      [opened.cycleId],
    );
    const lines = await docxParagraphs(stored!.content);
    expect(lines).toContain('UBND THÀNH PHỐ ĐỒNG NAI'); // the province's name as seeded
    expect(lines).toContain('Đồng Nai, ngày    tháng    năm 2043');
    expect(lines.join('\n')).not.toMatch(/Hà Tĩnh|\bDN-/);
  });

  it('drafts the post-signing report when the submitting agency submits its POST_SIGNING_REPORT, once', async () => {
    const proposal = await insertProposal(db.dataSource, { agencyCode: 'HT-SCT', submittedBy: submitter.id });
    await insertAgreement(db.dataSource, {
      proposalId: proposal.id,
      leadAgencyCode: 'HT-SCT',
      title: 'Thỏa thuận hợp tác thương mại với tỉnh Khăm Muộn',
      signedAt: '2030-03-01T20:00:00Z',
      number: '07/2030/TTQT',
      country: 'LA',
    });
    const taskId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
       VALUES ($1, $2, 'POST_SIGNING_REPORT', 'POST_SIGNING', 'HT-SCT', 'OPEN', 1, now(), now() + interval '15 days', 'CALENDAR_DAYS', 15, '{SUBMITTED}')`,
      [taskId, proposal.id],
    );
    const at = new Date().toISOString();
    const transition = (seq: number) =>
      completionTransition(proposal, {
        seq,
        status: 'IN_FORCE',
        taskId,
        decision: 'SUBMITTED',
        comment: 'Đã gửi bản sao cho Bộ Ngoại giao.',
        by: submitter.id,
        at,
      });
    await applyTransition(db.appDataSource, transition(1));
    await applyTransition(db.appDataSource, transition(2)); // the same completion projected again: still one report
    const { items } = await documents.forProposal(submitter, proposal.id);
    const reports = items.filter((d) => d.type === 'POST_SIGNING_REPORT');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      proposalId: proposal.id,
      issuer: { code: 'HT-SCT', name: 'Sở Công Thương' },
      notation: 'BC-SCT',
      place: 'Hà Tĩnh',
      status: 'DRAFT',
      recipients: ['Bộ Ngoại giao', 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'Sở Ngoại vụ'],
    });
    expect(reports[0]!.body).toContain('- Số hiệu thỏa thuận: 07/2030/TTQT.');
    expect(reports[0]!.body).toContain('- Ngày ký: 02/03/2030; địa điểm ký: Hà Tĩnh.');
    expect(reports[0]!.body).toContain('(Lào)');
    expect(reports[0]!.body).toContain('Đã gửi bản sao cho Bộ Ngoại giao.');
    await expect(runInProvince('DN', () => documents.get(dnChairman, reports[0]!.id))).rejects.toMatchObject({ status: 404 });
  });
});
