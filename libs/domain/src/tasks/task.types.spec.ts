import { ALLOWED_DECISIONS, DECISIONS, DUE_SOON_FRACTION, REVIEW_TASK_KINDS, TASK_KINDS, slaAt } from './task.types';

describe('slaAt (the SLA shown at read time)', () => {
  const created = new Date('2026-03-02T00:00:00Z');
  const due = new Date('2026-03-12T00:00:00Z'); // ten days: due soon from day 8
  const at = (iso: string) => slaAt(new Date(iso), created, due);

  it('is ON_TRACK until 80 % of the clock, DUE_SOON from 80 % up to the due instant, OVERDUE after it', () => {
    expect(DUE_SOON_FRACTION).toBe(0.8);
    expect(at('2026-03-02T00:00:00Z')).toBe('ON_TRACK');
    expect(at('2026-03-09T23:59:59.999Z')).toBe('ON_TRACK');
    expect(at('2026-03-10T00:00:00Z')).toBe('DUE_SOON');
    expect(at('2026-03-12T00:00:00Z')).toBe('DUE_SOON');
    expect(at('2026-03-12T00:00:00.001Z')).toBe('OVERDUE');
  });

  it('a clock with no length is due soon at once, and overdue after it', () => {
    expect(slaAt(created, created, created)).toBe('DUE_SOON');
    expect(slaAt(created, due, created)).toBe('DUE_SOON');
    expect(slaAt(new Date(created.getTime() + 1), created, created)).toBe('OVERDUE');
  });
});

describe('task vocabulary', () => {
  it('every kind has decisions, all from the decision list', () => {
    for (const kind of TASK_KINDS) {
      expect(ALLOWED_DECISIONS[kind].length).toBeGreaterThan(0);
      for (const d of ALLOWED_DECISIONS[kind]) expect(DECISIONS).toContain(d);
    }
  });

  it('four-eyes covers the opinion, appraisal and decision, not intake or signing', () => {
    expect([...REVIEW_TASK_KINDS].sort()).toEqual(['APPRAISAL', 'DECISION', 'OPINION']);
  });
});
