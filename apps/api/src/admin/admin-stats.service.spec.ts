import { addMonths, complianceByMonth, weightedMedian } from './admin-stats.service';

describe('weightedMedian', () => {
  it('is null without values', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 3, count: 0 }])).toBeNull();
  });

  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(weightedMedian([{ value: 7, count: 1 }])).toBe(7);
    expect(
      weightedMedian([
        { value: 5, count: 1 },
        { value: 1, count: 1 },
        { value: 3, count: 1 },
      ]),
    ).toBe(3);
    expect(
      weightedMedian([
        { value: 4, count: 1 },
        { value: 1, count: 1 },
      ]),
    ).toBe(2.5);
  });

  it('counts each value as often as it occurred, whatever the order of the groups', () => {
    // 0 0 0 1 9 -> 0
    expect(
      weightedMedian([
        { value: 9, count: 1 },
        { value: 0, count: 3 },
        { value: 1, count: 1 },
      ]),
    ).toBe(0);
    // 2 2 5 5 5 5 -> 5; 2 2 2 5 5 5 -> 3.5
    expect(
      weightedMedian([
        { value: 5, count: 4 },
        { value: 2, count: 2 },
      ]),
    ).toBe(5);
    expect(
      weightedMedian([
        { value: 5, count: 3 },
        { value: 2, count: 3 },
      ]),
    ).toBe(3.5);
  });

  it('agrees with the plain median of the expanded list', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const groups = Array.from({ length: (seed % 5) + 1 }, (_, i) => ({ value: (seed * (i + 3)) % 11, count: ((seed + i) % 4) + 1 }));
      const list = groups.flatMap((g) => Array<number>(g.count).fill(g.value)).sort((a, b) => a - b);
      const mid = list.length / 2;
      const plain = list.length % 2 ? list[Math.floor(mid)]! : (list[mid - 1]! + list[mid]!) / 2;
      expect(weightedMedian(groups)).toBe(plain);
    }
  });
});

describe('addMonths', () => {
  it('moves across year boundaries both ways', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(addMonths('1999-12', 25)).toBe('2002-01');
  });
});

describe('complianceByMonth', () => {
  const day = (completedOn: string, completed: number, onTime: number) => ({ completedOn, completed, onTime });

  it('is empty without completed tasks', () => {
    expect(complianceByMonth([])).toEqual([]);
  });

  it('adds up the days of a month, whatever their order, and gives the on-time rate', () => {
    expect(complianceByMonth([day('2026-03-31', 2, 1), day('2026-03-01', 3, 3), day('2026-03-15', 1, 0)])).toEqual([
      { month: '2026-03', completed: 6, onTime: 4, rate: 4 / 6 },
    ]);
  });

  it('lists every month in ascending order, the months without a completed task as 0 with no rate', () => {
    expect(complianceByMonth([day('2026-06-10', 4, 4), day('2026-03-02', 2, 1)])).toEqual([
      { month: '2026-03', completed: 2, onTime: 1, rate: 0.5 },
      { month: '2026-04', completed: 0, onTime: 0, rate: null },
      { month: '2026-05', completed: 0, onTime: 0, rate: null },
      { month: '2026-06', completed: 4, onTime: 4, rate: 1 },
    ]);
  });

  it('runs on across the end of a year', () => {
    const series = complianceByMonth([day('2027-02-01', 1, 0), day('2026-11-30', 1, 1), day('2026-12-31', 2, 1), day('2027-01-01', 3, 3)]);
    expect(series.map((m) => m.month)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(series.map((m) => [m.completed, m.onTime, m.rate])).toEqual([
      [1, 1, 1],
      [2, 1, 0.5],
      [3, 3, 1],
      [1, 0, 0],
    ]);
    // A gap over the new year too.
    expect(complianceByMonth([day('2026-11-05', 1, 1), day('2027-02-05', 1, 1)]).map((m) => [m.month, m.completed, m.rate])).toEqual([
      ['2026-11', 1, 1],
      ['2026-12', 0, null],
      ['2027-01', 0, null],
      ['2027-02', 1, 1],
    ]);
  });

  it('leaves out the days before `since`, so the series starts at the first month from then with a completed task', () => {
    const days = [day('2024-06-30', 9, 0), day('2024-12-01', 1, 1), day('2025-02-14', 2, 1), day('2026-11-23', 1, 1)];
    expect(complianceByMonth(days, '2024-12')[0]).toEqual({ month: '2024-12', completed: 1, onTime: 1, rate: 1 });
    expect(complianceByMonth(days, '2024-12')).toHaveLength(24);
    expect(complianceByMonth(days, '2025-01')[0]).toEqual({ month: '2025-02', completed: 2, onTime: 1, rate: 0.5 });
    expect(complianceByMonth(days, '2027-01')).toEqual([]);
    expect(complianceByMonth(days).map((m) => m.month)[0]).toBe('2024-06');
  });
});
