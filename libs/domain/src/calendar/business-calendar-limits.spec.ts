/** The calendar's edges: the year range, what each refusal says, and that what it hands out is a copy. */
import { BusinessCalendar, addDays, dayOfWeek, isoDateInVietnam, parseIsoDate } from './business-calendar';
import type { CalendarDay } from './calendar.types';

describe('the year range 0000-9999', () => {
  it('reaches both ends and refuses to step past them', () => {
    expect(addDays('0000-01-01', 0)).toBe('0000-01-01');
    expect(addDays('0000-01-01', 1)).toBe('0000-01-02');
    expect(() => addDays('0000-01-01', -1)).toThrow(new RangeError('Date out of range (year -1)'));
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(new RangeError('Date out of range (year 10000)'));
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01'); // no 1900s mapping of two-digit years
  });

  it('pads years, months and days', () => {
    expect(addDays('0009-09-08', 1)).toBe('0009-09-09');
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
  });
});

describe('what a refusal says', () => {
  it('names the bad date, the bad count and the bad kind', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(new RangeError('Invalid date "2026-02-30": expected a real calendar date YYYY-MM-DD'));
    expect(() => dayOfWeek('x')).toThrow('Invalid date "x"');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(new RangeError('Number of days must be an integer, got 0.5'));
    expect(() => new BusinessCalendar([]).addWorkingDays('2026-01-01', -2)).toThrow(
      new RangeError('Number of days must be a non-negative integer, got -2'),
    );
    expect(() => new BusinessCalendar([]).addCalendarDays('2026-01-01', 2.5)).toThrow(
      new RangeError('Number of days must be a non-negative integer, got 2.5'),
    );
    expect(() => isoDateInVietnam(new Date(Number.NaN))).toThrow(new RangeError('Invalid Date instant'));
    const day = (date: string, kind: string): CalendarDay => ({ date, name: 'x', nameEn: 'x', kind: kind as CalendarDay['kind'] });
    expect(() => new BusinessCalendar([day('2026-01-02', 'OFF')])).toThrow(
      new RangeError('Calendar day 2026-01-02 has unknown kind "OFF"'),
    );
    expect(() => new BusinessCalendar([day('2026-01-02', 'HOLIDAY'), day('2026-01-02', 'HOLIDAY')])).toThrow(
      new RangeError('Calendar day 2026-01-02 is listed more than once'),
    );
    expect(new BusinessCalendar([day('2026-01-03', 'MAKEUP_WORKDAY')]).isWorkingDay('2026-01-03')).toBe(true);
  });
});

describe('BusinessCalendar', () => {
  const holiday: CalendarDay = { date: '2026-03-04', name: 'Nghỉ', nameEn: 'Off', kind: 'HOLIDAY' };
  const cal = new BusinessCalendar([holiday]);

  it('hands out a copy of an entry', () => {
    const entry = cal.calendarDay('2026-03-04')!;
    expect(entry).toEqual(holiday);
    entry.kind = 'MAKEUP_WORKDAY';
    expect(cal.calendarDay('2026-03-04')!.kind).toBe('HOLIDAY');
    expect(cal.isWorkingDay('2026-03-04')).toBe(false);
  });

  it('counts from the day after the event, skipping a holiday and a weekend', () => {
    // Mon 2/3/2026 + 3 working days without Wed 4/3: Tue 3, Thu 5, Fri 6.
    expect(cal.addWorkingDays('2026-03-02', 3)).toBe('2026-03-06');
    expect(cal.addWorkingDays('2026-03-02', 4)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-04', 0)).toBe('2026-03-05');
    expect(cal.addCalendarDays('2026-03-02', 2)).toBe('2026-03-05');
    expect(cal.addCalendarDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(cal.addCalendarDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.nextWorkingDay('2026-03-03')).toBe('2026-03-05');
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(4);
    expect(cal.workingDaysBetween('2026-03-01', '2026-03-02')).toBe(1);
  });

  it('the day of week before 1970 and far ahead', () => {
    expect(dayOfWeek('1969-12-28')).toBe(0);
    expect(dayOfWeek('1969-12-27')).toBe(6);
    expect(dayOfWeek('2100-01-01')).toBe(5);
  });
});
