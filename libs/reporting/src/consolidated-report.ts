/**
 * The consolidated report of a reporting cycle, in Vietnamese, as a Word document (docx) and an Excel workbook
 * (exceljs): agreements signed, amended, expired and terminated in the period across the province, the
 * implementation of the plans, and each agency's report. Pure: data in, bytes out.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { ConsolidatedReportData } from '../../persistence/src/reporting/report-data';
import {
  AGREEMENT_STATUS_VI,
  agreementSummary,
  CHANGE_VI,
  CYCLE_STATUS_VI,
  ITEM_STATUS_VI,
  itemTiming,
  periodLine,
  planSummary,
  reportTitle,
  SUBMISSION_VI,
  submissionSummary,
  viDate,
} from './report-text';

const FONT = 'Times New Roman';

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, ...options });
const para = (
  value: string,
  options: { bold?: boolean; italics?: boolean; center?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {},
) =>
  new Paragraph({
    children: [text(value, { bold: options.bold, italics: options.italics })],
    ...(options.center ? { alignment: AlignmentType.CENTER } : {}),
    ...(options.heading ? { heading: options.heading } : {}),
    spacing: { after: 120 },
  });

function table(headers: string[], rows: string[][]): Table {
  const cell = (value: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [text(value, { bold, size: 22 })] })] });
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

function agreementRows(data: ConsolidatedReportData): string[][] {
  const a = data.province.agreements;
  const lines = [
    ...a.signed.map((g) => ({ g, change: 'Ký mới', on: g.signedOn })),
    ...a.amended.map((g) => ({ g, change: CHANGE_VI[g.action] ?? g.action, on: g.changedOn })),
    ...a.terminated.map((g) => ({ g, change: 'Chấm dứt', on: g.signedOn })),
    ...a.expired.map((g) => ({ g, change: 'Hết hiệu lực', on: g.expiresOn ?? '' })),
  ];
  return lines.map(({ g, change, on }, i) => [
    String(i + 1),
    g.number ?? '',
    g.title,
    g.counterpart ?? '',
    g.country,
    change,
    viDate(on),
    g.leadAgency,
    AGREEMENT_STATUS_VI[g.status] ?? g.status,
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
  return data.submissions.map((s, i) => [
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

export async function buildReportDocx(data: ConsolidatedReportData): Promise<Buffer> {
  const draft = data.cycle.status !== 'CONSOLIDATED';
  const children: (Paragraph | Table)[] = [
    para('ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', { bold: true }),
    para(data.cycle.consolidator.name.toUpperCase(), { bold: true }),
    para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
    para('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
    ...(draft ? [para('DỰ THẢO — chưa tổng hợp chính thức', { bold: true, italics: true, center: true })] : []),
    para(reportTitle(data), { bold: true, center: true, heading: HeadingLevel.TITLE }),
    para(periodLine(data), { italics: true, center: true }),
    para('I. TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ', { bold: true, heading: HeadingLevel.HEADING_1 }),
    para(agreementSummary(data)),
    table(AGREEMENT_HEADERS, agreementRows(data)),
    para('II. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH', { bold: true, heading: HeadingLevel.HEADING_1 }),
    para(planSummary(data)),
    table(PLAN_HEADERS, planRows(data)),
    para('III. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ', { bold: true, heading: HeadingLevel.HEADING_1 }),
    para(submissionSummary(data)),
    table(SUBMISSION_HEADERS, submissionRows(data)),
    para(
      data.cycle.consolidatedAt
        ? `Tổng hợp ngày ${viDate(data.cycle.consolidatedAt)}${data.cycle.consolidatedBy ? ` bởi ${data.cycle.consolidatedBy}` : ''} (${data.cycle.consolidator.name}).`
        : `Trạng thái: ${CYCLE_STATUS_VI[data.cycle.status]}.`,
      { italics: true },
    ),
    para(`Báo cáo được lập tự động từ sổ đăng ký thỏa thuận quốc tế và kế hoạch triển khai trên hệ thống Accord lúc ${data.generatedAt}.`, {
      italics: true,
    }),
  ];
  const document = new Document({
    creator: 'Accord',
    title: data.cycle.title,
    description: reportTitle(data),
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
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
