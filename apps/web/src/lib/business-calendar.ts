import { useEffect, useSyncExternalStore } from 'react';
import { api } from './api';
import { BusinessCalendar, type CalendarDay } from './working-days';

/**
 * The business calendar for the badges: the holidays and make-up working days of the years asked for, fetched once
 * per year per page load (GET /calendar/holidays?year=) and shared by every badge on the page.
 */
const days = new Map<number, CalendarDay[]>();
const requested = new Set<number>();
const listeners = new Set<() => void>();
let calendar: BusinessCalendar | null = null;

function rebuild(): void {
  calendar = new BusinessCalendar([...days.values()].flat());
  for (const l of listeners) l();
}

function load(year: number): void {
  if (requested.has(year)) return;
  requested.add(year);
  api.get<CalendarDay[]>(`/calendar/holidays?year=${year}`).then(
    (list) => {
      days.set(
        year,
        list.map((d) => ({ date: d.date, name: d.name, nameEn: d.nameEn, kind: d.kind })),
      );
      rebuild();
    },
    // Not fatal: the badge counts weekdays only until a later page asks again.
    () => requested.delete(year),
  );
}

/** Forget what was loaded (a holiday was edited on the calendar page). */
export function invalidateBusinessCalendar(): void {
  days.clear();
  requested.clear();
  calendar = null;
  for (const l of listeners) l();
}

/** The calendar covering `years` once they have loaded; null until the first year arrives. */
export function useBusinessCalendar(years: number[]): BusinessCalendar | null {
  const key = [...new Set(years)].sort().join(',');
  useEffect(() => {
    for (const y of key.split(',').map(Number)) if (Number.isInteger(y) && y >= 1900 && y <= 2200) load(y);
  }, [key]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => calendar,
  );
}
