/** A calendar date `YYYY-MM-DD` with no time and no zone (a civil date in Viet Nam). */
export type IsoDate = string;

/**
 * HOLIDAY: a day off (public holiday, its compensation day, or a swapped day off).
 * MAKEUP_WORKDAY: a Saturday/Sunday announced as a working day to make up for a swapped day off.
 */
export type CalendarDayKind = 'HOLIDAY' | 'MAKEUP_WORKDAY';

export interface CalendarDay {
  date: IsoDate;
  /** Vietnamese name, as in the announcement. */
  name: string;
  nameEn: string;
  kind: CalendarDayKind;
}
