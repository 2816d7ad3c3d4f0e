import { VIETNAM_HOLIDAYS_2025_2027 } from '@accord/domain/calendar/vietnam-holidays';
import { BusinessCalendar, workingDaysLeft } from './working-days';

describe('workingDaysLeft', () => {
  // Monday 23/11/2026, 10:00 in Vietnam.
  const monday = new Date('2026-11-23T03:00:00Z');

  it('counts the weekdays after today up to the due day', () => {
    expect(workingDaysLeft('2026-11-26T10:00:00+07:00', monday)).toBe(3);
    expect(workingDaysLeft('2026-11-23T17:00:00+07:00', monday)).toBe(0);
  });

  it('skips Saturdays and Sundays', () => {
    expect(workingDaysLeft('2026-11-29T17:00:00+07:00', monday)).toBe(4);
    expect(workingDaysLeft('2026-11-30T17:00:00+07:00', monday)).toBe(5);
  });

  it('uses the Vietnamese calendar day, not UTC', () => {
    // 23:30 UTC on Monday is already Tuesday 06:30 in Vietnam.
    expect(workingDaysLeft('2026-11-23T23:30:00Z', monday)).toBe(1);
  });

  it('is null once the deadline has passed', () => {
    expect(workingDaysLeft('2026-11-23T09:00:00+07:00', monday)).toBeNull();
  });

  it('skips public holidays and counts make-up working days when given the calendar', () => {
    const calendar = new BusinessCalendar(VIETNAM_HOLIDAYS_2025_2027);
    // The 2026 National Day break: Mon 31/8, Tue 1/9 and Wed 2/9 off, Saturday 22/8 worked instead (VPCP 9859/VPCP-KGVX).
    const fridayBefore = new Date('2026-08-21T03:00:00Z');
    expect(workingDaysLeft('2026-09-03T17:00:00+07:00', fridayBefore)).toBe(9);
    // 24-28/8 and 3/9 are working days, 31/8-2/9 are not, and Saturday 22/8 is.
    expect(workingDaysLeft('2026-09-03T17:00:00+07:00', fridayBefore, calendar)).toBe(7);
  });
});
