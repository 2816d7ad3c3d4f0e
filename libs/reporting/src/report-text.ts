/** Vietnamese wording shared by the DOCX and XLSX reports. */
import type { ConsolidatedReportData } from '../../persistence/src/reporting/report-data';

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
