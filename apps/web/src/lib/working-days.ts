import { BusinessCalendar } from '@accord/domain/calendar/business-calendar';
import type { CalendarDay } from '@accord/domain/calendar/calendar.types';

/** Vietnam has no daylight saving: its calendar day is the UTC day of the instant moved by +07:00. */
const VN_OFFSET_MS = 7 * 3600_000;

/** YYYY-MM-DD of an instant in Asia/Ho_Chi_Minh. */
export function vnIsoDate(value: Date): string {
  return new Date(value.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

const WEEKDAYS_ONLY = new BusinessCalendar([]);

/**
 * Working days left before a deadline, counted in Asia/Ho_Chi_Minh on the business calendar the api counts with
 * (the same BusinessCalendar, fed the days of GET /calendar/holidays): the working days after today up to and
 * including the due day — 0 when it is due today, null once it has passed. Without a calendar (not loaded yet, or
 * it failed) public holidays are not known and only weekends are skipped. The api's SLA state stays authoritative.
 */
export function workingDaysLeft(dueAt: string | Date, now: Date = new Date(), calendar: BusinessCalendar = WEEKDAYS_ONLY): number | null {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime()) || due.getTime() < now.getTime()) return null;
  return calendar.workingDaysBetween(vnIsoDate(now), vnIsoDate(due));
}

export { BusinessCalendar, type CalendarDay };
