import {
  cycleDates,
  cycleYearCovering,
  DEFAULT_REPORT_CYCLE_POLICIES,
  reportCyclePolicyErrors,
  type ReportCyclePolicy,
} from './report-cycle-policy';

const [semi, annual] = DEFAULT_REPORT_CYCLE_POLICIES as [ReportCyclePolicy, ReportCyclePolicy, ReportCyclePolicy];

describe('cycleDates', () => {
  it('puts {year} in every place of the title and days offset into the year before', () => {
    const p: ReportCyclePolicy = { ...annual, title: 'Báo cáo {year} ({year})' };
    expect(cycleDates(p, 2027)).toEqual({
      title: 'Báo cáo 2027 (2027)',
      opensOn: '2027-10-15',
      dueOn: '2027-11-05',
      periodFrom: '2026-11-01',
      periodTo: '2027-10-31',
    });
  });

  it('refuses a day the year does not have', () => {
    const leap: ReportCyclePolicy = { ...annual, due: { monthDay: '02-29' } };
    expect(cycleDates(leap, 2028).dueOn).toBe('2028-02-29');
    expect(() => cycleDates(leap, 2027)).toThrow(new RangeError('02-29 is not a day of 2027'));
  });
});

describe('cycleYearCovering', () => {
  it("a day from November belongs to the next year's cycle; the bounds belong to their cycle", () => {
    expect(cycleYearCovering(annual, '2026-11-01')).toBe(2027);
    expect(cycleYearCovering(annual, '2026-10-31')).toBe(2026);
    expect(cycleYearCovering(semi, '2026-04-30')).toBe(2026);
    expect(cycleYearCovering(semi, '2026-11-01')).toBe(2027);
    expect(cycleYearCovering(semi, '2027-01-15')).toBe(2027);
  });

  it('a day no cycle covers is given its own year; a period in the following year belongs to the year before', () => {
    expect(cycleYearCovering(semi, '2026-07-01')).toBe(2026);
    const ahead: ReportCyclePolicy = {
      ...annual,
      periodFrom: { monthDay: '01-01', yearOffset: 1 },
      periodTo: { monthDay: '06-30', yearOffset: 1 },
    };
    expect(cycleYearCovering(ahead, '2027-03-01')).toBe(2026);
    expect(cycleYearCovering(ahead, '2027-01-01')).toBe(2026);
    expect(cycleYearCovering(ahead, '2027-06-30')).toBe(2026);
    expect(cycleYearCovering(ahead, '2027-07-01')).toBe(2027);
  });
});

describe('reportCyclePolicyErrors', () => {
  it('accepts the default policies', () => {
    for (const p of DEFAULT_REPORT_CYCLE_POLICIES) expect(reportCyclePolicyErrors(p)).toEqual([]);
  });

  it('names an unknown kind and every malformed day', () => {
    const bad = {
      ...annual,
      kind: 'WEEKLY',
      opens: { monthDay: '4-20' },
      due: { monthDay: '02-30' },
      periodFrom: undefined,
    } as unknown as ReportCyclePolicy;
    expect(reportCyclePolicyErrors(bad)).toEqual([
      'kind WEEKLY is unknown',
      'opens must be a MM-DD day',
      'due must be a MM-DD day',
      'periodFrom must be a MM-DD day',
    ]);
    expect(reportCyclePolicyErrors({ ...annual, periodTo: { monthDay: '10-31x' } })).toEqual(['periodTo must be a MM-DD day']);
    expect(reportCyclePolicyErrors({ ...annual, periodTo: { monthDay: 'x10-31' } })).toEqual(['periodTo must be a MM-DD day']);
    expect(reportCyclePolicyErrors({ ...annual, periodTo: { monthDay: '1031' } })).toEqual(['periodTo must be a MM-DD day']);
    expect(reportCyclePolicyErrors({ ...annual, periodTo: { monthDay: '1-31' } })).toEqual(['periodTo must be a MM-DD day']);
  });

  it('refuses 02-29, which three years out of four do not have (a cycle recurs every year)', () => {
    const leapDue: ReportCyclePolicy = { ...annual, opens: { monthDay: '02-01' }, due: { monthDay: '02-29' } };
    expect(reportCyclePolicyErrors(leapDue)).toEqual(['due must be a MM-DD day']);
    expect(reportCyclePolicyErrors({ ...leapDue, due: { monthDay: '02-28' } })).toEqual([]);
  });

  it('refuses a due day before the opening and a period that ends before it starts; equal days are fine', () => {
    expect(reportCyclePolicyErrors({ ...annual, due: { monthDay: '10-14' } })).toEqual(['due must not be before opens']);
    expect(reportCyclePolicyErrors({ ...annual, periodFrom: { monthDay: '11-01' } })).toEqual(['periodTo must not be before periodFrom']);
    expect(reportCyclePolicyErrors({ ...annual, due: { monthDay: '10-15' }, periodFrom: { monthDay: '10-31' } })).toEqual([]);
  });
});
