/** Vietnamese wording shared by the DOCX and XLSX reports and the report's official document (docs/records.md). */
import { countryName, isoDateInVietnam, reportNotation } from '@accord/domain';
import type { AgreementChangeLine, AgreementLine, ConsolidatedReportData } from '@accord/persistence/reporting/report-data';

export const AGREEMENT_STATUS_VI: Record<string, string> = { IN_FORCE: 'Còn hiệu lực', EXPIRED: 'Hết hiệu lực', TERMINATED: 'Đã chấm dứt' };
export const CHANGE_VI: Record<string, string> = { AMEND: 'Sửa đổi, bổ sung', EXTEND: 'Gia hạn', TERMINATE: 'Chấm dứt' };
export const ITEM_STATUS_VI: Record<string, string> = {
  NOT_STARTED: 'Chưa triển khai',
  IN_PROGRESS: 'Đang thực hiện',
  DONE: 'Hoàn thành',
  BLOCKED: 'Gặp vướng mắc',
};
export const RECURRENCE_VI: Record<string, string> = {
  CONTINUOUS: 'Thường xuyên',
  ANNUAL: 'Hằng năm',
  SEMI_ANNUAL: '6 tháng một lần',
  QUARTERLY: 'Hằng quý',
  MONTHLY: 'Hằng tháng',
  PERIODIC: 'Định kỳ',
  ON_DEMAND: 'Theo yêu cầu',
};
export const SUBMISSION_VI: Record<string, string> = { SUBMITTED: 'Đã nộp', OPEN: 'Chưa nộp', MISSING: 'Không nộp' };
export const CYCLE_STATUS_VI: Record<string, string> = { OPEN: 'Đang thu thập báo cáo (dự thảo)', CONSOLIDATED: 'Đã tổng hợp' };

/** 2026-05-15 -> 15/05/2026; an instant is read in Hanoi time. */
export function viDate(value: string | null | undefined): string {
  if (!value) return '';
  const iso = value.length > 10 ? new Date(Date.parse(value) + 7 * 3600_000).toISOString().slice(0, 10) : value;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function reportTitle(data: ConsolidatedReportData): string {
  return `BÁO CÁO TỔNG HỢP: ${data.cycle.title.toUpperCase()}`;
}

export function periodLine(data: ConsolidatedReportData): string {
  return `Kỳ báo cáo: từ ngày ${viDate(data.cycle.periodFrom)} đến ngày ${viDate(data.cycle.periodTo)}. Hạn nộp báo cáo: ${viDate(data.cycle.dueOn)}.`;
}

export function agreementSummary(data: ConsolidatedReportData): string {
  const a = data.province.agreements;
  const amended = a.amended.filter((c) => c.action !== 'TERMINATE').length;
  return (
    `Trong kỳ báo cáo, toàn tỉnh ký kết mới ${a.signed.length} thỏa thuận quốc tế; sửa đổi, bổ sung, gia hạn ${amended} thỏa thuận; ` +
    `chấm dứt ${a.terminated.length} thỏa thuận; ${a.expired.length} thỏa thuận hết hiệu lực. Số thỏa thuận quốc tế đang còn hiệu lực: ${a.inForce}.`
  );
}

export function submissionSummary(data: ConsolidatedReportData): string {
  const s = data.submissions;
  const submitted = s.filter((x) => x.status === 'SUBMITTED');
  const onTime = submitted.filter((x) => !x.late).length;
  return `Số cơ quan phải báo cáo: ${s.length}; đã báo cáo: ${submitted.length} (đúng hạn: ${onTime}, quá hạn: ${submitted.length - onTime}); chưa báo cáo: ${s.length - submitted.length}.`;
}

export function planSummary(data: ConsolidatedReportData): string {
  const items = data.province.planItems;
  const count = (status: string) => items.filter((i) => i.status === status).length;
  return (
    `Tổng số nhiệm vụ theo dõi: ${items.length}; hoàn thành: ${count('DONE')}; đang thực hiện: ${count('IN_PROGRESS')}; chưa triển khai: ${count('NOT_STARTED')}; ` +
    `gặp vướng mắc: ${count('BLOCKED')}; quá hạn: ${items.filter((i) => i.overdue).length}.`
  );
}

export function itemTiming(item: { recurrence: string | null; dueOn: string | null; timeFrame: string }): string {
  const recurrence = item.recurrence ? (RECURRENCE_VI[item.recurrence] ?? item.recurrence) : null;
  const due = item.dueOn ? `hạn ${viDate(item.dueOn)}` : null;
  return [recurrence, due].filter(Boolean).join(', ') || item.timeFrame;
}

/** A report's notation (ký hiệu): `BC-SNgV` (libs/domain, shared with the post-signing report). */
export { reportNotation };

/**
 * The report's subject (trích yếu) under the type name "BÁO CÁO": the cycle's title less its leading "Báo cáo"
 * ("Báo cáo năm 2031 về tình hình…" -> "Năm 2031 về tình hình…").
 */
export function reportSubject(data: ConsolidatedReportData): string {
  const rest = data.cycle.title.replace(/^Báo cáo\s+/iu, '').trim();
  return rest ? rest.charAt(0).toLocaleUpperCase('vi-VN') + rest.slice(1) : data.cycle.title;
}

/** Nơi nhận: the Ministry for the province's report to MOFA, the People's Committee, and the reporting agencies. */
export function reportRecipients(data: ConsolidatedReportData): string[] {
  return [
    ...(data.cycle.kind === 'MOFA_ANNUAL' ? ['Bộ Ngoại giao'] : []),
    data.authority.committee,
    ...(data.submissions.some((s) => s.agency.code !== data.cycle.consolidator.code) ? ['Các cơ quan, đơn vị báo cáo'] : []),
  ];
}

/** The head of the consolidating department signs; the name is written in when the report is issued. */
export const REPORT_SIGNER = { authority: null, title: 'Giám đốc', name: null };

/** The date the report carries before it is issued (only its year prints on a draft): the day it was consolidated. */
export function reportDate(data: ConsolidatedReportData): string {
  return isoDateInVietnam(new Date(data.cycle.consolidatedAt ?? data.generatedAt));
}

export function reportIntro(data: ConsolidatedReportData): string {
  return (
    `Thực hiện chế độ báo cáo về công tác ký kết và thực hiện thỏa thuận quốc tế, ${data.cycle.consolidator.name} ` +
    `tổng hợp tình hình trên địa bàn ${data.authority.provinceName.replace(/^(Tỉnh|Thành phố)/u, (w) => w.toLocaleLowerCase('vi-VN'))} như sau:`
  );
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
/** Vietnamese alphabetical order (Đ after D, Ơ after O...), numbers by value. */
export const viCompare = (a: string, b: string): number => collator.compare(a, b);

/** The agreement's number in the registry, else its file reference there. */
export function agreementNumber(g: AgreementLine): string {
  if (g.number) return g.number;
  return g.fileReference ? `(hồ sơ ${g.fileReference})` : '';
}

export interface AgreementReportLine {
  agreement: AgreementLine;
  change: string;
  on: string;
  agency: string;
  country: string;
  number: string;
}

/** Every agreement event of the period, by lead agency name, then agreement number (or title), then date. */
export function agreementReportLines(data: ConsolidatedReportData): AgreementReportLine[] {
  const a = data.province.agreements;
  const lines = [
    ...a.signed.map((g) => ({ g, change: 'Ký mới', on: g.signedOn })),
    ...a.amended.map((g: AgreementChangeLine) => ({ g, change: CHANGE_VI[g.action] ?? g.action, on: g.changedOn })),
    ...a.terminated.map((g) => ({ g, change: 'Chấm dứt', on: g.signedOn })),
    ...a.expired.map((g) => ({ g, change: 'Hết hiệu lực', on: g.expiresOn ?? '' })),
  ].map(({ g, change, on }) => ({
    agreement: g,
    change,
    on,
    agency: g.leadAgencyName ?? g.leadAgency,
    country: countryName(g.country),
    number: agreementNumber(g),
  }));
  return lines.sort(
    (x, y) =>
      viCompare(x.agency, y.agency) ||
      viCompare(x.agreement.number ?? x.agreement.title, y.agreement.number ?? y.agreement.title) ||
      x.on.localeCompare(y.on),
  );
}

/** The agencies' submissions by agency name. */
export function sortedSubmissions(data: ConsolidatedReportData) {
  return [...data.submissions].sort((x, y) => viCompare(x.agency.name, y.agency.name));
}

/**
 * The report as running text: the body of its official document (official_document.body, one paragraph per line),
 * which the PDF prints; the DOCX of the consolidated report prints the same sections with tables and the agencies'
 * own comments.
 */
export function reportBody(data: ConsolidatedReportData): string {
  const agreements = agreementReportLines(data).map((l, i) => {
    const g = l.agreement;
    const parts = [
      `${i + 1}. ${g.title}`,
      l.number ? ` (số ${l.number.replace(/^\(hồ sơ (.*)\)$/u, 'hồ sơ $1')})` : '',
      g.counterpart ? `, đối tác: ${g.counterpart}` : '',
      l.country ? ` (${l.country})` : '',
      `: ${l.change.toLocaleLowerCase('vi-VN')}${l.on ? ` ngày ${viDate(l.on)}` : ''}; cơ quan chủ trì: ${l.agency}.`,
    ];
    return parts.join('');
  });
  const plans = data.province.planItems.map(
    (item) =>
      `- ${item.planTitle}, nhiệm vụ ${item.no}. ${item.task} (${item.lead.name}): ${(ITEM_STATUS_VI[item.status] ?? item.status).toLocaleLowerCase('vi-VN')}${item.overdue ? ', quá hạn' : ''}.`,
  );
  // Status only, not what each agency wrote: every user of the province reads a cycle and its documents, while an
  // agency's comment is for the coordinating SNGV, LEADER, ADMIN and AUDITOR (seesAgencyReportContent); the comments
  // are in the consolidated report's annex (GET /report-cycles/:id/report), which only they download.
  const submissions = sortedSubmissions(data).map(
    (s) => `- ${s.agency.name}: ${(SUBMISSION_VI[s.status] ?? s.status).toLocaleLowerCase('vi-VN')}${s.late ? ' (quá hạn)' : ''}.`,
  );
  return [
    reportIntro(data),
    periodLine(data),
    'I. TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ',
    agreementSummary(data),
    ...agreements,
    'II. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH',
    planSummary(data),
    ...plans,
    'III. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ',
    submissionSummary(data),
    ...submissions,
  ].join('\n');
}
