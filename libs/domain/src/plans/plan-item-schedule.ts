/**
 * When a plan item is due, and whether it is overdue, computed from its time frame and its updates (read time
 * and the follow-up workflow use the same rule). A one-off item is due on its date until an update says DONE.
 * A recurring item with a period length (annual, half-yearly, quarterly, monthly) is due at the end of each
 * period, from the period it was imported in (or its phase starts in) to the end of its phase; a DONE update
 * settles the period it was made in, and the item is next due at the end of the following one. Continuous,
 * periodic-without-dates and on-demand items have no due date and are never overdue.
 */
import type { IsoDate } from '../calendar/calendar.types';
import type { Recurrence } from './time-frame';

export const PLAN_ITEM_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

const MONTHS_PER_PERIOD: Partial<Record<Recurrence, number>> = { ANNUAL: 12, SEMI_ANNUAL: 6, QUARTERLY: 3, MONTHLY: 1 };

export interface PlanItemTiming {
  dueOn: IsoDate | null;
  recurrence: Recurrence | null;
  periodFrom: IsoDate | null;
  periodTo: IsoDate | null;
  status: PlanItemStatus;
  /** Day (Hanoi) the plan was imported. */
  createdOn: IsoDate;
  /** Day (Hanoi) of the latest update that said DONE, if any. */
  lastDoneOn: IsoDate | null;
}

const monthIndex = (date: IsoDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const lastDayOfMonthIndex = (index: number): IsoDate => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  // The last day of a month is 28-31: two digits, never padded.
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${day}`;
};

/** The day the item is due now, or null (nothing due: done, finished, or no date at all). */
export function currentDueOn(item: PlanItemTiming): IsoDate | null {
  const step = item.recurrence ? MONTHS_PER_PERIOD[item.recurrence] : undefined;
  if (!step) {
    if (item.recurrence || !item.dueOn) return null;
    return item.status === 'DONE' ? null : item.dueOn;
  }
  // Stryker disable next-line EqualityOperator: when periodFrom and createdOn are the same day either one is the start
  const start = item.periodFrom && item.periodFrom > item.createdOn ? item.periodFrom : item.createdOn;
  const period = (date: IsoDate) => Math.floor(monthIndex(date) / step);
  const current = item.lastDoneOn ? Math.max(period(start), period(item.lastDoneOn) + 1) : period(start);
  if (item.periodTo && current > period(item.periodTo)) return null;
  return lastDayOfMonthIndex(current * step + step - 1);
}

/** Overdue once the due day has ended (24:00 Hanoi time) without the item being settled. */
export function isPlanItemOverdue(item: PlanItemTiming, today: IsoDate): boolean {
  const due = currentDueOn(item);
  return due !== null && today > due;
}
