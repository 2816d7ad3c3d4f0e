import type { CalendarDay, IsoDate } from './calendar.types';

// Pure and deterministic: imported by Temporal workflows, so no I/O, no clock, no local
// timezone. Dates are handled as whole days since 1970-01-01 (UTC arithmetic only), so the
// result never depends on the machine's TZ.

const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a valid date, or undefined. */
function dayNumberOf(s: string): number | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  // Date rolls 2026-02-30 over to 2026-03-02: a real date round-trips unchanged. (One string comparison: of the
  // year, month and day compared one by one, any two already imply the third.)
  if (new Date(ms).toISOString().slice(0, 10) !== m[0]) return undefined;
  return ms / MS_PER_DAY;
}

function toDayNumber(date: IsoDate): number {
  const n = typeof date === 'string' ? dayNumberOf(date) : undefined;
  if (n === undefined) throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected a real calendar date YYYY-MM-DD`);
  return n;
}

function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Date out of range (year ${year})`);
  const pad = (v: number, width: number): string => String(v).padStart(width, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01, day 0, was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Number of days must be a non-negative integer, got ${n}`);
}

/** True if `s` is a strict `YYYY-MM-DD` string naming a real calendar date. */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && dayNumberOf(s) !== undefined;
}

/** Returns `s` unchanged if it is a strict, real `YYYY-MM-DD` date; throws RangeError otherwise. */
export function parseIsoDate(s: string): IsoDate {
  toDayNumber(s);
  return s;
}

/** `date` plus `n` calendar days (`n` may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, 'Number of days');
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOf(toDayNumber(date));
}

/**
 * The instant a period whose last day is `date` ends. Civil Code 2015 Art 148(6): a period
 * ends at 24:00 of its last day, here in Asia/Ho_Chi_Minh; expressed as the last millisecond
 * so the instant still belongs to `date`.
 */
export function endOfDayInstant(date: IsoDate): string {
  return `${parseIsoDate(date)}T23:59:59.999+07:00`;
}

/** The civil date in Viet Nam (UTC+7, no DST) at `instant`; arithmetic only, no host timezone. */
export function isoDateInVietnam(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date instant');
  return fromDayNumber(Math.floor((ms + VIETNAM_OFFSET_MS) / MS_PER_DAY));
}

/**
 * Working days of Vietnamese state agencies: Monday-Friday, minus announced days off, plus
 * announced make-up working days. Holidays are yearly data (Labour Code 2019 Art 112; exact
 * Tết and National Day days decided by the Prime Minister each year), passed in, not coded.
 *
 * Counting follows Civil Code 2015 Art 147-148: the day of the triggering event is not
 * counted, and a period ends at the end of its last day.
 */
export class BusinessCalendar {
  private readonly byDay = new Map<number, CalendarDay>();

  constructor(days: readonly CalendarDay[]) {
    for (const day of days) {
      const n = toDayNumber(day.date);
      if (this.byDay.has(n)) throw new RangeError(`Calendar day ${day.date} is listed more than once`);
      if (day.kind !== 'HOLIDAY' && day.kind !== 'MAKEUP_WORKDAY') {
        throw new RangeError(`Calendar day ${day.date} has unknown kind ${JSON.stringify(day.kind)}`);
      }
      this.byDay.set(n, { ...day });
    }
  }

  /** The announced entry for `date` (holiday or make-up working day), if any. */
  calendarDay(date: IsoDate): CalendarDay | undefined {
    const entry = this.byDay.get(toDayNumber(date));
    return entry && { ...entry };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorking(toDayNumber(date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return fromDayNumber(this.nextWorking(toDayNumber(date)));
  }

  /**
   * The n-th working day after `from` (Civil Code Art 147(2): the event day itself is not
   * counted). The period ends at the end of that day (`endOfDayInstant`).
   * n = 0 yields `from` if it is a working day, else the next working day.
   */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    assertCount(n);
    let day = toDayNumber(from);
    if (n === 0) return fromDayNumber(this.isWorking(day) ? day : this.nextWorking(day));
    for (let left = n; left > 0;) {
      day += 1;
      if (this.isWorking(day)) left -= 1;
    }
    return fromDayNumber(day);
  }

  /**
   * Last day of a period of n calendar days counted from the day after `from` (Civil Code
   * Art 147(2)). Art 148(5): if that day is a weekly rest day or holiday, the period ends at
   * the end of the next working day.
   */
  addCalendarDays(from: IsoDate, n: number): IsoDate {
    assertCount(n);
    const last = toDayNumber(from) + n;
    return fromDayNumber(this.isWorking(last) ? last : this.nextWorking(last));
  }

  /** Number of working days d with from < d <= to (0 when to <= from). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) if (this.isWorking(day)) count += 1;
    return count;
  }

  private isWorking(n: number): boolean {
    const entry = this.byDay.get(n);
    if (entry) return entry.kind === 'MAKEUP_WORKDAY';
    const weekday = weekdayOf(n);
    return weekday !== 0 && weekday !== 6;
  }

  private nextWorking(n: number): number {
    let day = n + 1;
    while (!this.isWorking(day)) day += 1;
    return day;
  }
}
