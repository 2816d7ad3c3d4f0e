import { validateSync } from 'class-validator';
import { IsCalendarDate, IsInstant } from './date-validators';

class Probe {
  @IsCalendarDate() day!: unknown;
  @IsInstant() at!: unknown;
}

const bad = (day: unknown, at: unknown = '2026-03-01') => validateSync(Object.assign(new Probe(), { day, at })).map((e) => e.property);

describe('api date validators', () => {
  it('take real calendar days between 1900 and 2200', () => {
    expect(bad('2026-03-01')).toEqual([]);
    expect(bad('2028-02-29')).toEqual([]);
    for (const day of [
      '2026-02-30',
      '2026-13-01',
      '2026-2-1',
      '0000-01-01',
      '1899-12-31',
      '2201-01-01',
      '2026-03-01T00:00:00Z',
      20260301,
      null,
    ]) {
      expect({ day, bad: bad(day) }).toEqual({ day, bad: ['day'] });
    }
  });

  it('take ISO dates and date-times naming a real moment, with or without an offset', () => {
    for (const at of [
      '2026-03-01',
      '2026-03-01T09:00:00+07:00',
      '2026-03-01T02:00:00.123Z',
      '2026-03-01T09:00',
      '2026-03-01T09:00:00+0700',
    ]) {
      expect({ at, bad: bad('2026-03-01', at) }).toEqual({ at, bad: [] });
    }
    for (const at of [
      '2026-02-30T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2026-03-01T25:00:00Z',
      '2026-03-01 09:00',
      'yesterday',
      '+275760-09-13',
    ]) {
      expect({ at, bad: bad('2026-03-01', at) }).toEqual({ at, bad: ['at'] });
    }
  });
});
