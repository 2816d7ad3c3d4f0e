/**
 * "Thời gian thực hiện" of a plan item, as plans write it, read into a due date or a recurrence:
 * "Thường xuyên" (continuous), "Hàng năm"/"hằng năm" (annual), "Quý II/2026" (30/06/2026), "Năm 2026",
 * "Tháng 6/2026", "15/11/2026", "Giai đoạn 2026 - 2030 và hằng năm" (annual within the period),
 * "Định kỳ ..." (periodic, no fixed date), "theo yêu cầu"/"đột xuất" (on demand).
 */
import { isIsoDate } from '../calendar/business-calendar';
import type { IsoDate } from '../calendar/calendar.types';
import { foldVietnamese } from './vietnamese-text';

export const RECURRENCES = ['CONTINUOUS', 'ANNUAL', 'SEMI_ANNUAL', 'QUARTERLY', 'MONTHLY', 'PERIODIC', 'ON_DEMAND'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export interface TimeFrame {
  /** A one-off item's last day. */
  dueOn: IsoDate | null;
  recurrence: Recurrence | null;
  /** The span a recurring item (or a phase) covers, when the plan says so. */
  periodFrom: IsoDate | null;
  periodTo: IsoDate | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number): IsoDate =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const YEAR = '((?:19|20)\\d{2})';

const once = (dueOn: IsoDate): TimeFrame => ({ dueOn, recurrence: null, periodFrom: null, periodTo: null });

/** Recurrence words, most specific first ("định kỳ hằng năm" is annual, "định kỳ" alone periodic). */
function recurrenceIn(f: string): Recurrence | null {
  if (/thuong xuyen|lien tuc/.test(f)) return 'CONTINUOUS';
  if (/(hang|moi|tung) quy/.test(f)) return 'QUARTERLY';
  if (/(hang|moi|tung) thang/.test(f)) return 'MONTHLY';
  if (/(hang|moi) (6|sau) thang|nua nam|(dinh ky|moi) 6 thang/.test(f)) return 'SEMI_ANNUAL';
  if (/(hang|moi|tung) nam|thuong nien/.test(f)) return 'ANNUAL';
  if (/dinh ky/.test(f)) return 'PERIODIC';
  if (/theo yeu cau|dot xuat|khi co yeu cau|khi can thiet/.test(f)) return 'ON_DEMAND';
  return null;
}

/** The time frame `text` describes, or null when it is not one Accord can read. */
export function parseTimeFrame(text: string): TimeFrame | null {
  const f = foldVietnamese(text);
  if (!f) return null;

  // A phase, "Giai đoạn 2026 - 2030" (optionally "và hằng năm"): recurring within it, else due at its end.
  const phase = new RegExp(`(?:giai doan|tu nam|tu)?\\s*${YEAR}\\s*(?:-|–|den nam|den)\\s*${YEAR}`).exec(f);
  if (phase) {
    const [from, to] = [Number(phase[1]), Number(phase[2])];
    if (to < from) return null;
    const recurrence = recurrenceIn(f.replace(phase[0], ' '));
    const periodFrom = `${from}-01-01`;
    const periodTo = `${to}-12-31`;
    return recurrence ? { dueOn: null, recurrence, periodFrom, periodTo } : { dueOn: periodTo, recurrence: null, periodFrom, periodTo };
  }

  const dmy = new RegExp(`(?:^|\\D)(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*${YEAR}(?:\\D|$)`).exec(f);
  if (dmy) {
    const date = `${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`;
    return isIsoDate(date) ? once(date) : null;
  }
  const iso = /(?:^|\D)(\d{4}-\d{2}-\d{2})(?:\D|$)/.exec(f);
  if (iso) return isIsoDate(iso[1]) ? once(iso[1]!) : null;

  const quarter = new RegExp(`quy\\s*(iv|iii|ii|i|[1-4])\\s*(?:/|-|nam)\\s*${YEAR}`).exec(f);
  if (quarter) {
    const q = ROMAN[quarter[1]!] ?? Number(quarter[1]);
    return once(lastDayOfMonth(Number(quarter[2]), q * 3));
  }

  const half = new RegExp(`6 thang (dau|cuoi) nam\\s*${YEAR}`).exec(f);
  if (half) return once(lastDayOfMonth(Number(half[2]), half[1] === 'dau' ? 6 : 12));

  const month = new RegExp(`thang\\s*(\\d{1,2})\\s*(?:/|-|nam)\\s*${YEAR}`).exec(f);
  if (month) {
    const m = Number(month[1]);
    return m >= 1 && m <= 12 ? once(lastDayOfMonth(Number(month[2]), m)) : null;
  }
  const monthYear = new RegExp(`^(\\d{1,2})\\s*/\\s*${YEAR}$`).exec(f);
  if (monthYear) {
    const m = Number(monthYear[1]);
    return m >= 1 && m <= 12 ? once(lastDayOfMonth(Number(monthYear[2]), m)) : null;
  }

  const year = new RegExp(`(?:^|nam\\s*|truoc\\s*)${YEAR}$`).exec(f) ?? new RegExp(`^nam\\s*${YEAR}`).exec(f);
  if (year) return once(`${year[1]}-12-31`);

  const recurrence = recurrenceIn(f);
  return recurrence ? { dueOn: null, recurrence, periodFrom: null, periodTo: null } : null;
}
