/**
 * The consolidated report of a reporting cycle, in Vietnamese, as a Word document (docx) and an Excel workbook
 * (exceljs): agreements signed, amended, expired and terminated in the period across the province, the
 * implementation of the plans, and each agency's report. The DOCX is an official report in the layout of Decree
 * 30/2020/NĐ-CP (national title and motto, issuer, "Số: …/BC-SNgV", place and date, recipients, signature block),
 * drawn by libs/records' renderer with the report's sections and tables as its body. Pure: data in, bytes out.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { ConsolidatedReportData } from '@accord/persistence/reporting/report-data';
import { issuerHeading, renderDocumentDocx, type RenderableDocument } from '@accord/records/render';
import {
  AGREEMENT_STATUS_VI,
  agreementReportLines,
  agreementSummary,
  CYCLE_STATUS_VI,
  ITEM_STATUS_VI,
  itemTiming,
  periodLine,
  planSummary,
  REPORT_SIGNER,
  reportDate,
  reportIntro,
  reportNotation,
  reportRecipients,
  reportSubject,
  reportTitle,
  sortedSubmissions,
  SUBMISSION_VI,
  submissionSummary,
  viDate,
} from './report-text';

/**
 * The report's official document (official_document, type REPORT) when it has one: its id is the DOCX's
 * `accord-document:<id>` marker, and once issued its number and date print on the number and place-date lines.
 */
export interface ReportOfficialDocument {
  id: string;
  number: number | null;
  notation: string;
  /** YYYY-MM-DD, once issued. */
  issuedOn: string | null;
}

const FONT = 'Times New Roman';
const pt = (points: number) => points * 2; // docx sizes are half-points

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, bold: options.bold, italics: options.italics, size: pt(options.size ?? 14) });

/** A body paragraph as the official layout prints them: 14 pt, justified, first line indented 1 cm. */
const para = (value: string, options: { bold?: boolean; italics?: boolean; center?: boolean; indent?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    ...(options.indent === false || options.center ? {} : { indent: { firstLine: 567 } }),
    spacing: { before: 0, after: 120 },
    children: [text(value, { bold: options.bold, italics: options.italics, size: options.size })],
  });

function table(headers: string[], rows: string[][]): Table {
  const cell = (value: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [text(value, { bold, size: 11 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...(rows.length ? rows : [headers.map((_, i) => (i === 1 ? 'Không có' : ''))]).map(
        (r) => new TableRow({ children: r.map((v) => cell(v)) }),
      ),
    ],
  });
}

/** The report's body paragraph and table, for the other documents libs/reporting prints in the same frame (agreement-registry.ts). */
export { para as reportParagraph, table as reportTable };

function agreementRows(data: ConsolidatedReportData): string[][] {
  return agreementReportLines(data).map((l, i) => [
    String(i + 1),
    l.number,
    l.agreement.title,
    l.agreement.counterpart ?? '',
    l.country,
    l.change,
    viDate(l.on),
    l.agency,
    AGREEMENT_STATUS_VI[l.agreement.status] ?? l.agreement.status,
  ]);
}

const AGREEMENT_HEADERS = [
  'STT',
  'Số hiệu',
  'Tên thỏa thuận',
  'Đối tác nước ngoài',
  'Quốc gia',
  'Nội dung',
  'Ngày',
  'Cơ quan chủ trì',
  'Tình trạng',
];
const PLAN_HEADERS = [
  'STT',
  'Kế hoạch',
  'Nhiệm vụ',
  'Cơ quan chủ trì',
  'Thời gian thực hiện',
  'Tình trạng',
  'Quá hạn',
  'Cập nhật gần nhất',
];
const SUBMISSION_HEADERS = ['STT', 'Cơ quan', 'Tình trạng', 'Hạn nộp', 'Ngày nộp', 'Người nộp', 'Nội dung báo cáo', 'Tài liệu kèm theo'];

function planRows(data: ConsolidatedReportData): string[][] {
  return data.province.planItems.map((item, i) => [
    String(i + 1),
    item.planTitle,
    `${item.no}. ${item.task}`,
    item.lead.name,
    itemTiming(item),
    ITEM_STATUS_VI[item.status] ?? item.status,
    item.overdue ? 'Quá hạn' : '',
    item.lastUpdate ? `${viDate(item.lastUpdate.at)}: ${item.lastUpdate.note}` : '',
  ]);
}

function submissionRows(data: ConsolidatedReportData): string[][] {
  return sortedSubmissions(data).map((s, i) => [
    String(i + 1),
    s.agency.name,
    `${SUBMISSION_VI[s.status] ?? s.status}${s.late ? ' (quá hạn)' : ''}`,
    viDate(s.dueAt),
    viDate(s.submittedAt),
    s.submittedBy ?? '',
    s.comment ?? '',
    s.attachments.map((a) => `${a.filename} (SHA-256 ${a.sha256.slice(0, 12)}…)`).join('; '),
  ]);
}

/**
 * The report as libs/records renders an official document: issued by the consolidating agency under the province's
 * People's Committee, `BC-SNgV`, dated where the province is, to the committee (and the Ministry for the report to
 * MOFA), signed by the department's director. Before `official` is issued the number and day are left blank.
 */
export function reportRenderable(data: ConsolidatedReportData, official?: ReportOfficialDocument | null): RenderableDocument {
  return {
    id: official?.id ?? data.cycle.id,
    type: 'REPORT',
    issuer: issuerHeading({ agencyName: data.cycle.consolidator.name, provinceName: data.authority.provinceName, peoplesCommittee: false }),
    number: official?.number ?? null,
    notation: official?.notation ?? reportNotation(data.cycle.consolidator.code),
    place: data.authority.place,
    date: official?.issuedOn ?? reportDate(data),
    subject: reportSubject(data),
    body: [reportIntro(data), periodLine(data)].join('\n'),
    signer: REPORT_SIGNER,
    recipients: reportRecipients(data),
    priority: 'NORMAL',
  };
}

export async function buildReportDocx(data: ConsolidatedReportData, official?: ReportOfficialDocument | null): Promise<Buffer> {
  const draft = data.cycle.status !== 'CONSOLIDATED';
  const heading = (value: string) => para(value, { bold: true, indent: false });
  const content: (Paragraph | Table)[] = [
    ...(draft ? [para('DỰ THẢO — chưa tổng hợp chính thức', { bold: true, italics: true, center: true })] : []),
    heading('I. TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ'),
    para(agreementSummary(data)),
    table(AGREEMENT_HEADERS, agreementRows(data)),
    heading('II. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH'),
    para(planSummary(data)),
    table(PLAN_HEADERS, planRows(data)),
    heading('III. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ'),
    para(submissionSummary(data)),
    table(SUBMISSION_HEADERS, submissionRows(data)),
    para(
      data.cycle.consolidatedAt
        ? `Tổng hợp ngày ${viDate(data.cycle.consolidatedAt)}${data.cycle.consolidatedBy ? ` bởi ${data.cycle.consolidatedBy}` : ''} (${data.cycle.consolidator.name}).`
        : `Trạng thái: ${CYCLE_STATUS_VI[data.cycle.status]}.`,
      { italics: true, size: 12 },
    ),
    para(`Báo cáo được lập tự động từ sổ đăng ký thỏa thuận quốc tế và kế hoạch triển khai trên hệ thống Accord lúc ${data.generatedAt}.`, {
      italics: true,
      size: 12,
    }),
  ];
  return renderDocumentDocx(reportRenderable(data, official), { content, title: data.cycle.title, description: reportTitle(data) });
}

export async function buildReportXlsx(data: ConsolidatedReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Accord';
  workbook.title = data.cycle.title;
  workbook.created = new Date(data.generatedAt);

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [
    { header: 'Mục', key: 'k', width: 36 },
    { header: 'Nội dung', key: 'v', width: 110 },
  ];
  const a = data.province.agreements;
  for (const [k, v] of [
    ['Báo cáo', reportTitle(data)],
    ['Kỳ báo cáo', `${viDate(data.cycle.periodFrom)} - ${viDate(data.cycle.periodTo)}`],
    ['Hạn nộp', viDate(data.cycle.dueOn)],
    ['Cơ quan tổng hợp', data.cycle.consolidator.name],
    ['Số, ký hiệu', `Số:      /${reportNotation(data.cycle.consolidator.code)}`],
    ['Địa danh', data.authority.place],
    ['Trạng thái', CYCLE_STATUS_VI[data.cycle.status] ?? data.cycle.status],
    ['Thỏa thuận ký mới', a.signed.length],
    ['Thỏa thuận sửa đổi, bổ sung, gia hạn', a.amended.filter((c) => c.action !== 'TERMINATE').length],
    ['Thỏa thuận chấm dứt', a.terminated.length],
    ['Thỏa thuận hết hiệu lực', a.expired.length],
    ['Thỏa thuận còn hiệu lực', a.inForce],
    ['Tình hình thực hiện kế hoạch', planSummary(data)],
    ['Báo cáo của các cơ quan', submissionSummary(data)],
    ['Lập lúc', data.generatedAt],
  ] as [string, string | number][])
    summary.addRow({ k, v });

  const sheet = (name: string, headers: string[], rows: string[][], widths: number[]) => {
    const ws = workbook.addWorksheet(name);
    ws.columns = headers.map((header, i) => ({ header, key: String(i), width: widths[i] ?? 20 }));
    for (const r of rows) ws.addRow(r);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  sheet('Thỏa thuận', AGREEMENT_HEADERS, agreementRows(data), [6, 14, 50, 30, 9, 18, 12, 16, 16]);
  sheet('Kế hoạch', PLAN_HEADERS, planRows(data), [6, 40, 70, 30, 24, 18, 10, 50]);
  sheet('Báo cáo các cơ quan', SUBMISSION_HEADERS, submissionRows(data), [6, 36, 18, 12, 12, 24, 70, 40]);
  for (const ws of workbook.worksheets) ws.getRow(1).font = { bold: true, name: FONT };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
