/**
 * Reporting cycles as policy data (docs/domain.md "Reporting cycles"): each year agencies report to HT-SNGV on
 * signing and implementing international agreements — the 6-month report before 15 May and the annual
 * report before 5 November (Hà Tĩnh plan implementing Res. 152/NQ-CP, III.1) — and HT-SNGV compiles the
 * province's annual report to MOFA before 15 November (Law 70/2020 Art 46). Dates, periods and titles are
 * data: the migration seeds these rows into report_cycle_policy, the worker schedules from the table.
 */
import { isIsoDate } from '../calendar/business-calendar';
import type { IsoDate } from '../calendar/calendar.types';

export const REPORT_CYCLE_KINDS = ['SEMI_ANNUAL', 'ANNUAL', 'MOFA_ANNUAL'] as const;
export type ReportCycleKind = (typeof REPORT_CYCLE_KINDS)[number];

/** A day of the year, `MM-DD`; `yearOffset` -1 puts it in the year before the cycle's year. */
export interface YearDay {
  monthDay: string;
  yearOffset?: number;
}

export interface ReportCyclePolicy {
  kind: ReportCycleKind;
  /** Vietnamese title; `{year}` is replaced by the cycle's year. */
  title: string;
  titleEn: string;
  /** Opening day: the schedule starts the cycle's workflow at 08:00 Hanoi time that day. */
  opens: YearDay;
  due: YearDay;
  /** The span the report covers. */
  periodFrom: YearDay;
  periodTo: YearDay;
  /** LEADING_AGENCIES: the agencies that lead plan items or registered agreements; CONSOLIDATOR: the consolidating agency alone. */
  reporters: 'LEADING_AGENCIES' | 'CONSOLIDATOR';
  /** The agency that follows up and consolidates (HT-SNGV). */
  consolidator: string;
  basis: string;
}

export const DEFAULT_REPORT_CYCLE_POLICIES: readonly ReportCyclePolicy[] = [
  {
    kind: 'SEMI_ANNUAL',
    title: 'Báo cáo 6 tháng năm {year} về tình hình ký kết và thực hiện thỏa thuận quốc tế, cam kết quốc tế',
    titleEn: 'Six-month report {year} on signing and implementing international agreements and commitments',
    opens: { monthDay: '04-20' },
    due: { monthDay: '05-15' },
    periodFrom: { monthDay: '11-01', yearOffset: -1 },
    periodTo: { monthDay: '04-30' },
    reporters: 'LEADING_AGENCIES',
    consolidator: 'HT-SNGV',
    basis: 'Kế hoạch của UBND tỉnh Hà Tĩnh thực hiện Nghị quyết số 152/NQ-CP, mục III.1: báo cáo 6 tháng trước ngày 15/5',
  },
  {
    kind: 'ANNUAL',
    title: 'Báo cáo năm {year} về tình hình ký kết và thực hiện thỏa thuận quốc tế, cam kết quốc tế',
    titleEn: 'Annual report {year} on signing and implementing international agreements and commitments',
    opens: { monthDay: '10-15' },
    due: { monthDay: '11-05' },
    periodFrom: { monthDay: '11-01', yearOffset: -1 },
    periodTo: { monthDay: '10-31' },
    reporters: 'LEADING_AGENCIES',
    consolidator: 'HT-SNGV',
    basis: 'Kế hoạch của UBND tỉnh Hà Tĩnh thực hiện Nghị quyết số 152/NQ-CP, mục III.1: báo cáo năm trước ngày 05/11',
  },
  {
    kind: 'MOFA_ANNUAL',
    title: 'Báo cáo của UBND tỉnh Hà Tĩnh gửi Bộ Ngoại giao về tình hình ký kết và thực hiện thỏa thuận quốc tế năm {year}',
    titleEn: 'Hà Tĩnh provincial report {year} to the Ministry of Foreign Affairs on international agreements',
    opens: { monthDay: '11-06' },
    due: { monthDay: '11-15' },
    periodFrom: { monthDay: '11-01', yearOffset: -1 },
    periodTo: { monthDay: '10-31' },
    reporters: 'CONSOLIDATOR',
    consolidator: 'HT-SNGV',
    basis: 'Luật Thỏa thuận quốc tế 2020, Điều 46: báo cáo Bộ Ngoại giao trước ngày 15/11',
  },
];

export interface CycleDates {
  title: string;
  opensOn: IsoDate;
  dueOn: IsoDate;
  periodFrom: IsoDate;
  periodTo: IsoDate;
}

function dayOf(day: YearDay, year: number): IsoDate {
  const date = `${year + (day.yearOffset ?? 0)}-${day.monthDay}`;
  if (!isIsoDate(date)) throw new RangeError(`${day.monthDay} is not a day of ${year}`);
  return date;
}

/** The dates of the cycle of `policy` for `year`. */
export function cycleDates(policy: ReportCyclePolicy, year: number): CycleDates {
  return {
    title: policy.title.replace(/\{year\}/g, String(year)),
    opensOn: dayOf(policy.opens, year),
    dueOn: dayOf(policy.due, year),
    periodFrom: dayOf(policy.periodFrom, year),
    periodTo: dayOf(policy.periodTo, year),
  };
}

/** The year whose cycle covers `date` (e.g. an annual cycle running November to October belongs to the later year). */
export function cycleYearCovering(policy: ReportCyclePolicy, date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  for (const y of [year, year + 1, year - 1]) {
    const d = cycleDates(policy, y);
    if (d.periodFrom <= date && date <= d.periodTo) return y;
  }
  return year;
}

/** Problems with a policy document (empty when valid). */
export function reportCyclePolicyErrors(policy: ReportCyclePolicy): string[] {
  const errors: string[] = [];
  if (!REPORT_CYCLE_KINDS.includes(policy.kind)) errors.push(`kind ${policy.kind} is unknown`);
  for (const key of ['opens', 'due', 'periodFrom', 'periodTo'] as const) {
    const day = policy[key];
    // isIsoDate is strict (YYYY-MM-DD, a real date), so `2027-${monthDay}` passes only for a real MM-DD; a common
    // year, because a cycle recurs every year and 02-29 would make cycleDates throw in three years out of four.
    if (!day || !isIsoDate(`2027-${day.monthDay}`)) errors.push(`${key} must be a MM-DD day`);
  }
  if (!errors.length) {
    const d = cycleDates(policy, 2027);
    if (d.dueOn < d.opensOn) errors.push('due must not be before opens');
    if (d.periodTo < d.periodFrom) errors.push('periodTo must not be before periodFrom');
  }
  return errors;
}
