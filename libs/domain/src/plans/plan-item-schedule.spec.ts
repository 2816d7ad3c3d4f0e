import { currentDueOn, isPlanItemOverdue, type PlanItemTiming } from './plan-item-schedule';

const base: PlanItemTiming = {
  dueOn: null,
  recurrence: null,
  periodFrom: null,
  periodTo: null,
  status: 'NOT_STARTED',
  createdOn: '2026-07-10',
  lastDoneOn: null,
};

describe('currentDueOn', () => {
  it('one-off: its day until DONE; no day, no due date', () => {
    expect(currentDueOn({ ...base, dueOn: '2026-09-30' })).toBe('2026-09-30');
    expect(currentDueOn({ ...base, dueOn: '2026-09-30', status: 'IN_PROGRESS', lastDoneOn: '2026-08-01' })).toBe('2026-09-30');
    expect(currentDueOn({ ...base, dueOn: '2026-09-30', status: 'DONE' })).toBeNull();
    expect(currentDueOn(base)).toBeNull();
  });

  it('recurrences without a period length never fall due, even with a date', () => {
    for (const recurrence of ['CONTINUOUS', 'PERIODIC', 'ON_DEMAND'] as const) {
      expect(currentDueOn({ ...base, recurrence, dueOn: '2026-09-30' })).toBeNull();
    }
  });

  it.each([
    ['SEMI_ANNUAL', '2026-12-31', '2027-06-30'],
    ['QUARTERLY', '2026-09-30', '2026-12-31'],
    ['MONTHLY', '2026-07-31', '2026-08-31'],
    ['ANNUAL', '2026-12-31', '2027-12-31'],
  ] as const)('%s: due at the end of the period it was imported in, then of the one after the DONE', (recurrence, first, afterDone) => {
    expect(currentDueOn({ ...base, recurrence })).toBe(first);
    expect(currentDueOn({ ...base, recurrence, lastDoneOn: '2026-07-20' })).toBe(afterDone);
  });

  it('an old DONE does not move the item back before its start; February ends on its last day', () => {
    expect(currentDueOn({ ...base, recurrence: 'MONTHLY', lastDoneOn: '2026-01-15' })).toBe('2026-07-31');
    expect(currentDueOn({ ...base, recurrence: 'MONTHLY', createdOn: '2028-02-03' })).toBe('2028-02-29');
    expect(currentDueOn({ ...base, recurrence: 'MONTHLY', createdOn: '2027-02-03' })).toBe('2027-02-28');
    expect(currentDueOn({ ...base, recurrence: 'MONTHLY', createdOn: '2026-12-03' })).toBe('2026-12-31');
  });

  it('a phase that starts later moves the first due date; an earlier one does not; the phase end stops it', () => {
    expect(currentDueOn({ ...base, recurrence: 'QUARTERLY', periodFrom: '2027-04-01' })).toBe('2027-06-30');
    expect(currentDueOn({ ...base, recurrence: 'QUARTERLY', periodFrom: '2026-01-01' })).toBe('2026-09-30');
    expect(currentDueOn({ ...base, recurrence: 'QUARTERLY', periodTo: '2026-09-30' })).toBe('2026-09-30');
    expect(currentDueOn({ ...base, recurrence: 'QUARTERLY', periodTo: '2026-09-30', lastDoneOn: '2026-08-01' })).toBeNull();
    expect(currentDueOn({ ...base, recurrence: 'QUARTERLY', periodTo: '2026-10-01', lastDoneOn: '2026-08-01' })).toBe('2026-12-31');
  });
});

describe('isPlanItemOverdue', () => {
  it('once the due day has ended, not on it; never without a due date', () => {
    const item = { ...base, recurrence: 'QUARTERLY' as const };
    expect(isPlanItemOverdue(item, '2026-09-30')).toBe(false);
    expect(isPlanItemOverdue(item, '2026-10-01')).toBe(true);
    expect(isPlanItemOverdue(base, '2099-01-01')).toBe(false);
  });
});
