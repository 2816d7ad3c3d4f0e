import { formatDate, formatDateTime, formatVnd, parseAmount, parseDisplayDate, parseTime, vnDateTimeToIso, vnNow } from './format';

describe('web display formats', () => {
  it('shows plain dates dd/MM/yyyy without shifting them', () => {
    expect(formatDate('2026-12-15')).toBe('15/12/2026');
    expect(formatDate('2026-01-01')).toBe('01/01/2026');
    expect(formatDate(null)).toBe('');
  });

  it('shows instants in Vietnam time (UTC+7)', () => {
    // 17:30 UTC on 31 December is already New Year's Day in Hà Tĩnh.
    expect(formatDate('2025-12-31T17:30:00Z')).toBe('01/01/2026');
    expect(formatDateTime('2025-12-31T17:30:00Z')).toBe('01/01/2026 00:30');
    expect(formatDateTime('2026-03-02T09:05:00+07:00')).toBe('02/03/2026 09:05');
  });

  it('parses dd/MM/yyyy and refuses days that do not exist', () => {
    expect(parseDisplayDate('15/12/2026')).toBe('2026-12-15');
    expect(parseDisplayDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDisplayDate('29/02/2026')).toBeNull();
    expect(parseDisplayDate('29/02/2028')).toBe('2028-02-29');
    expect(parseDisplayDate('2026-12-15')).toBeNull();
    expect(parseDisplayDate('31/04/2026')).toBeNull();
  });

  it('turns a Vietnamese date and time into ISO 8601 with the +07:00 offset', () => {
    expect(parseTime('09:30')).toBe(570);
    expect(parseTime('24:00')).toBeNull();
    expect(vnDateTimeToIso('15/12/2026', '9:05')).toBe('2026-12-15T09:05:00+07:00');
    expect(vnDateTimeToIso('15/13/2026', '09:05')).toBeNull();
    expect(vnNow(new Date('2026-05-01T20:15:00Z'))).toEqual({ date: '02/05/2026', time: '03:15' });
  });

  it('formats and parses đồng amounts', () => {
    expect(formatVnd(1500000, 'vi').replace(/\s/g, ' ')).toBe('1.500.000 ₫');
    expect(formatVnd(1500000, 'en')).toBe('₫1,500,000');
    expect(parseAmount('1.500.000')).toBe(1500000);
    expect(parseAmount('1,500,000 ₫')).toBe(1500000);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('12abc')).toBeNull();
  });
});
