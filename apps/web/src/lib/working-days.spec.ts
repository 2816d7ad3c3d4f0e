import { workingDaysLeft } from './working-days';

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
});
