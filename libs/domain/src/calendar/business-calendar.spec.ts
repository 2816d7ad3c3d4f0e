import fc from 'fast-check';
import { BusinessCalendar, addDays, dayOfWeek, endOfDayInstant, isIsoDate, isoDateInVietnam, parseIsoDate } from './business-calendar';
import type { CalendarDay, IsoDate } from './calendar.types';
import { VIETNAM_CULTURE_DAY_PENDING, VIETNAM_HOLIDAYS_2025_2027 } from './vietnam-holidays';

const cal = new BusinessCalendar(VIETNAM_HOLIDAYS_2025_2027);

function* datesOf(year: number): Generator<IsoDate> {
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) yield d;
}

describe('date helpers', () => {
  it.each(['2026-02-16', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
    expect(parseIsoDate(s)).toBe(s);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-2-1',
    '26-02-01',
    '2026-02-16T00:00',
    ' 2026-02-16',
    '2026/02/16',
    '',
    '２０２６-02-16',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
    expect(() => parseIsoDate(s)).toThrow(RangeError);
    expect(() => parseIsoDate(s)).toThrow(/YYYY-MM-DD/);
  });

  it('rejects non-strings', () => {
    expect(isIsoDate(20260216)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(() => cal.isWorkingDay(undefined as unknown as IsoDate)).toThrow(RangeError);
    // Not even a value whose text is a date (a one-cell array from a parsed spreadsheet row, say).
    const cell = ['2026-02-16'] as unknown as IsoDate;
    expect(isIsoDate(cell)).toBe(false);
    expect(() => cal.isWorkingDay(cell)).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('gives the day of week, 0 = Sunday', () => {
    expect(dayOfWeek('2026-02-13')).toBe(5);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2026-04-26')).toBe(0);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('ends a day at 24:00 Asia/Ho_Chi_Minh (Civil Code Art 148(6))', () => {
    expect(endOfDayInstant('2026-03-03')).toBe('2026-03-03T23:59:59.999+07:00');
    expect(new Date(endOfDayInstant('2026-03-03')).toISOString()).toBe('2026-03-03T16:59:59.999Z');
    expect(() => endOfDayInstant('2026-3-3')).toThrow(RangeError);
  });

  it('converts an instant to the Vietnamese civil date', () => {
    expect(isoDateInVietnam(new Date('2026-02-16T16:59:59.999Z'))).toBe('2026-02-16');
    expect(isoDateInVietnam(new Date('2026-02-16T17:00:00.000Z'))).toBe('2026-02-17');
    expect(isoDateInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(isoDateInVietnam(new Date('1969-12-31T16:59:59Z'))).toBe('1969-12-31');
    expect(isoDateInVietnam(new Date('2026-03-03T23:59:59.999+07:00'))).toBe('2026-03-03');
    expect(() => isoDateInVietnam(new Date('nope'))).toThrow(RangeError);
  });
});

describe('BusinessCalendar construction', () => {
  it('rejects malformed dates, duplicates and unknown kinds', () => {
    const day = (date: string, kind: CalendarDay['kind'] = 'HOLIDAY'): CalendarDay => ({ date, name: 'x', nameEn: 'x', kind });
    expect(() => new BusinessCalendar([day('2026-02-30')])).toThrow(RangeError);
    expect(() => new BusinessCalendar([day('2026-01-02'), day('2026-01-02', 'MAKEUP_WORKDAY')])).toThrow(/more than once/);
    expect(() => new BusinessCalendar([day('2026-01-02', 'OFF' as CalendarDay['kind'])])).toThrow(RangeError);
  });

  it('does not share state with the input array', () => {
    const holiday: CalendarDay = { date: '2026-03-02', name: 'x', nameEn: 'x', kind: 'HOLIDAY' };
    const days = [holiday];
    const c = new BusinessCalendar(days);
    holiday.kind = 'MAKEUP_WORKDAY';
    days.push({ date: '2026-03-03', name: 'y', nameEn: 'y', kind: 'HOLIDAY' });
    expect(c.isWorkingDay('2026-03-02')).toBe(false);
    expect(c.isWorkingDay('2026-03-03')).toBe(true);
  });

  it('with no data, is plain Monday-Friday', () => {
    const plain = new BusinessCalendar([]);
    expect(plain.isWorkingDay('2026-02-17')).toBe(true);
    expect(plain.addWorkingDays('2026-02-13', 1)).toBe('2026-02-16');
  });

  it('tells why a day is special', () => {
    expect(cal.calendarDay('2026-02-17')).toMatchObject({ kind: 'HOLIDAY', nameEn: expect.stringContaining('Lunar New Year') });
    expect(cal.calendarDay('2026-01-10')?.kind).toBe('MAKEUP_WORKDAY');
    expect(cal.calendarDay('2026-03-03')).toBeUndefined();
  });
});

describe('Vietnam 2025-2027 data', () => {
  it('is sorted, unique, valid and bilingual', () => {
    const dates = VIETNAM_HOLIDAYS_2025_2027.map((d) => d.date);
    expect(dates.every(isIsoDate)).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of VIETNAM_HOLIDAYS_2025_2027) {
      expect(d.name.trim()).not.toBe('');
      expect(d.nameEn.trim()).not.toBe('');
    }
  });

  it('puts make-up working days only on weekends', () => {
    const makeups = VIETNAM_HOLIDAYS_2025_2027.filter((d) => d.kind === 'MAKEUP_WORKDAY');
    expect(makeups.map((d) => d.date)).toEqual(['2025-04-26', '2026-01-10', '2026-08-22']);
    for (const d of makeups) expect([0, 6]).toContain(dayOfWeek(d.date));
  });

  it('keeps the pending Culture Day out of the seed', () => {
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
    const withCultureDay = new BusinessCalendar([...VIETNAM_HOLIDAYS_2025_2027, ...VIETNAM_CULTURE_DAY_PENDING]);
    expect(withCultureDay.isWorkingDay('2026-11-24')).toBe(false);
    expect(withCultureDay.isWorkingDay('2027-11-24')).toBe(false);
  });

  // 261 weekdays each year; 2025: -12 off +1 make-up; 2026: -13 +2; 2027: -11.
  it.each([
    [2025, 250],
    [2026, 250],
    [2027, 250],
  ])('%i has %i working days', (year, expected) => {
    expect(cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(expected);
  });

  it('2025: Tết break Sat 25/1 - Sun 2/2 with no make-up day; 30/4 break with make-up Sat 26/4', () => {
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    for (let d = '2025-01-25'; d <= '2025-02-02'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.nextWorkingDay('2025-04-29')).toBe('2025-05-05');
    expect(cal.nextWorkingDay('2025-08-29')).toBe('2025-09-03');
  });

  it('2027 (derived): Tết Thu 4/2 - Wed 10/2, Labour Day compensated Mon 3/5, National Day 2-3/9', () => {
    expect(cal.nextWorkingDay('2027-02-03')).toBe('2027-02-11');
    expect(cal.nextWorkingDay('2027-04-29')).toBe('2027-05-04');
    expect(cal.nextWorkingDay('2027-09-01')).toBe('2027-09-06');
  });
});

describe('2026, day by day', () => {
  // Weekdays off and weekend working days in 2026, from docs/holidays.md.
  const WEEKDAYS_OFF = new Set([
    '2026-01-01',
    '2026-01-02', // New Year + swap
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20', // Tết
    '2026-04-27', // Hùng Kings compensation (26/4 is a Sunday)
    '2026-04-30',
    '2026-05-01',
    '2026-08-31',
    '2026-09-01',
    '2026-09-02', // National Day + swap
  ]);
  const WEEKEND_WORKDAYS = new Set(['2026-01-10', '2026-08-22']);

  it('classifies every day of 2026', () => {
    for (const d of datesOf(2026)) {
      const weekday = ![0, 6].includes(dayOfWeek(d));
      const expected = weekday ? !WEEKDAYS_OFF.has(d) : WEEKEND_WORKDAYS.has(d);
      expect([d, cal.isWorkingDay(d)]).toEqual([d, expected]);
    }
  });

  it('the Tết break is Sat 14/2 - Sun 22/2', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    for (let d = '2026-02-14'; d <= '2026-02-22'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('a 7-working-day period started on Fri 13/2 crosses Tết and ends Tue 3/3', () => {
    // Civil Code Art 147(2): 13/2 itself is not counted; 23,24,25,26,27/2, 2/3, 3/3.
    expect(cal.addWorkingDays('2026-02-13', 7)).toBe('2026-03-03');
    expect(cal.workingDaysBetween('2026-02-13', '2026-03-03')).toBe(7);
    expect(endOfDayInstant(cal.addWorkingDays('2026-02-13', 7))).toBe('2026-03-03T23:59:59.999+07:00');
  });

  it.each([
    ['2026-02-13', 1, '2026-02-23'],
    ['2026-02-15', 1, '2026-02-23'], // event during the break
    ['2025-12-31', 1, '2026-01-05'], // 1-2/1 off, 3-4/1 weekend
    ['2026-01-09', 1, '2026-01-10'], // make-up Saturday counts
    ['2026-01-09', 2, '2026-01-12'],
    ['2026-01-05', 5, '2026-01-10'], // Tue..Fri, then make-up Sat
    ['2026-04-24', 1, '2026-04-28'], // Hùng Kings: Sat, Sun(holiday), Mon(compensation)
    ['2026-04-29', 1, '2026-05-04'],
    ['2026-08-21', 1, '2026-08-22'], // make-up Saturday
    ['2026-08-28', 1, '2026-09-03'],
    ['2026-08-21', 5, '2026-08-27'], // make-up Sat 22/8 counts: 22, 24, 25, 26, 27
    ['2026-12-30', 2, '2027-01-04'], // into 2027: 31/12, (1/1 off), 4/1
    ['2026-03-02', 0, '2026-03-02'], // n = 0 on a working day
    ['2026-02-14', 0, '2026-02-23'], // n = 0 on a day off
    ['2026-01-10', 0, '2026-01-10'], // n = 0 on a make-up Saturday
  ])('addWorkingDays(%s, %i) = %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-03-06', 15, '2026-03-23'], // last day Sat 21/3 -> Mon 23/3 (Art 148(5))
    ['2026-02-01', 15, '2026-02-23'], // last day Mon 16/2 is Tết -> 23/2
    ['2026-04-12', 15, '2026-04-28'], // last day Mon 27/4 is the Hùng Kings compensation day
    ['2026-04-15', 15, '2026-05-04'], // last day Thu 30/4 -> Mon 4/5
    ['2026-08-07', 15, '2026-08-22'], // last day is the make-up Saturday: a working day
    ['2026-08-14', 15, '2026-09-03'], // last day Sat 29/8 -> Thu 3/9
    ['2026-03-02', 15, '2026-03-17'], // plain Tuesday
    ['2026-02-14', 0, '2026-02-23'],
    ['2026-12-17', 15, '2027-01-04'], // last day Fri 1/1/2027 is New Year
  ])('addCalendarDays(%s, %i) = %s', (from, n, expected) => {
    expect(cal.addCalendarDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-02-13', '2026-02-23', 1],
    ['2026-02-13', '2026-02-22', 0],
    ['2026-02-13', '2026-02-13', 0],
    ['2026-02-23', '2026-02-13', 0],
    ['2026-01-01', '2026-01-31', 21], // 21 weekdays after 1/1, - 2/1 + 10/1
    ['2026-08-01', '2026-09-30', 41], // 43 weekdays - 31/8, 1/9, 2/9 + 22/8
  ])('workingDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(cal.workingDaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-02-13', '2026-02-23'],
    ['2026-01-09', '2026-01-10'],
    ['2026-01-10', '2026-01-12'],
    ['2026-08-28', '2026-09-03'],
    ['2026-12-31', '2027-01-04'],
  ])('nextWorkingDay(%s) = %s', (date, expected) => {
    expect(cal.nextWorkingDay(date)).toBe(expected);
  });

  it('rejects negative, fractional and non-finite counts', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cal.addWorkingDays('2026-03-02', n)).toThrow(RangeError);
      expect(() => cal.addCalendarDays('2026-03-02', n)).toThrow(RangeError);
    }
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(/non-negative integer/);
  });

  it('rejects malformed dates in every method', () => {
    const bad = '2026-02-30';
    expect(() => cal.isWorkingDay(bad)).toThrow(RangeError);
    expect(() => cal.nextWorkingDay(bad)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(bad, 1)).toThrow(RangeError);
    expect(() => cal.addCalendarDays(bad, 1)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween(bad, '2026-03-01')).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2026-03-01', bad)).toThrow(RangeError);
    expect(() => cal.calendarDay(bad)).toThrow(/2026-02-30/);
  });
});

describe('properties (dates 2025-01-01..2027-12-31)', () => {
  const date = fc.integer({ min: 0, max: 365 + 365 + 364 }).map((i) => addDays('2025-01-01', i));
  const workingDate = date.map((d) => cal.addWorkingDays(d, 0));
  const count = fc.integer({ min: 0, max: 90 });
  const positive = fc.integer({ min: 1, max: 90 });

  it('addWorkingDays composes: (d + n) + m = d + (n + m) for a working day d', () => {
    fc.assert(
      fc.property(workingDate, count, count, (d, n, m) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(d, n), m)).toBe(cal.addWorkingDays(d, n + m));
      }),
    );
  });

  it('addWorkingDays lands on a working day strictly after d when n > 0', () => {
    fc.assert(
      fc.property(date, positive, (d, n) => {
        const end = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(end > d).toBe(true);
      }),
    );
  });

  it('workingDaysBetween inverts addWorkingDays', () => {
    fc.assert(
      fc.property(date, positive, (d, n) => {
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(workingDate, count, (d, n) => {
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('k = workingDaysBetween(from, to) brackets to: addWorkingDays(from, k) <= to < addWorkingDays(from, k + 1)', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const k = cal.workingDaysBetween(from, to);
        if (k > 0) expect(cal.addWorkingDays(from, k) <= to).toBe(true);
        expect(cal.addWorkingDays(from, k + 1) > to).toBe(true);
      }),
    );
  });

  it('addCalendarDays is the first working day on or after d + n', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const end = cal.addCalendarDays(d, n);
        const nominal = addDays(d, n);
        expect(end >= nominal).toBe(true);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.workingDaysBetween(addDays(nominal, -1), addDays(end, -1))).toBe(0);
      }),
    );
  });

  it('is monotonic in the start date and in n', () => {
    fc.assert(
      fc.property(date, date, count, (a, b, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(d1, n) <= cal.addWorkingDays(d2, n)).toBe(true);
        expect(cal.addCalendarDays(d1, n) <= cal.addCalendarDays(d2, n)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(date, count, count, (d, a, b) => {
        const [n1, n2] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(d, n1) <= cal.addWorkingDays(d, n2)).toBe(true);
        expect(cal.addCalendarDays(d, n1) <= cal.addCalendarDays(d, n2)).toBe(true);
      }),
    );
  });

  it('nextWorkingDay is addWorkingDays(d, 1) and isWorkingDay agrees with workingDaysBetween', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(cal.nextWorkingDay(d)).toBe(cal.addWorkingDays(d, 1));
        expect(cal.isWorkingDay(d)).toBe(cal.workingDaysBetween(addDays(d, -1), d) === 1);
      }),
    );
  });

  it('isoDateInVietnam(endOfDayInstant(d)) = d, and one ms later is the next day', () => {
    fc.assert(
      fc.property(date, (d) => {
        const end = new Date(endOfDayInstant(d));
        expect(isoDateInVietnam(end)).toBe(d);
        expect(isoDateInVietnam(new Date(end.getTime() + 1))).toBe(addDays(d, 1));
      }),
    );
  });
});
