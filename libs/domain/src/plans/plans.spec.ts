import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_AGENCIES } from '@accord/persistence/seed/demo-data';
import { cycleDates, cycleYearCovering, DEFAULT_REPORT_CYCLE_POLICIES, reportCyclePolicyErrors } from '../reporting/report-cycle-policy';
import { AgencyDirectory } from './agency-matching';
import { currentDueOn, isPlanItemOverdue, type PlanItemTiming } from './plan-item-schedule';
import { parseTimeFrame } from './time-frame';
import { foldVietnamese } from './vietnamese-text';

const directory = new AgencyDirectory(DEMO_AGENCIES);
const codes = (text: string) => directory.matchList(text).matched.map((m) => m.code);

describe('foldVietnamese', () => {
  it('ignores case, diacritics, đ and spacing', () => {
    expect(foldVietnamese('  SỞ NGOẠI   VỤ ')).toBe('so ngoai vu');
    expect(foldVietnamese('Hằng năm')).toBe(foldVietnamese('hàng năm'));
    expect(foldVietnamese('Đào tạo')).toBe('dao tao');
    expect(foldVietnamese('Các sở ,ban,ngành')).toBe('cac so, ban, nganh');
  });
});

describe('AgencyDirectory', () => {
  it('matches agencies by Vietnamese name or code, case- and diacritics-insensitively', () => {
    expect(directory.find('Sở Ngoại vụ')?.code).toBe('HT-SNGV');
    expect(directory.find('so ngoai vu')?.code).toBe('HT-SNGV');
    expect(directory.find('ht-stp')?.code).toBe('HT-STP');
    expect(directory.find('SNgV')?.code).toBe('HT-SNGV');
    expect(directory.find('UBND tỉnh')?.code).toBe('HT-UBND');
    expect(directory.find('Sở Du lịch')).toBeNull();
  });

  it('reads groups: all agencies, the proposing agency, related agencies', () => {
    expect(directory.find('Các sở, ban, ngành, địa phương')?.code).toBe('ALL_AGENCIES');
    expect(directory.find('Cơ quan đề xuất ký kết hoặc cơ quan được giao chủ trì thực hiện')?.code).toBe('PROPOSING_AGENCY');
    expect(codes('Sở Tư pháp và các cơ quan liên quan')).toEqual(['HT-STP', 'RELATED_AGENCIES']);
  });

  it('splits lists on commas and "và" without cutting names that contain "và"', () => {
    expect(codes('Sở Khoa học và Công nghệ, Sở Giáo dục và Đào tạo, Sở Ngoại vụ')).toEqual(['HT-SKHCN', 'HT-SGDDT', 'HT-SNGV']);
    expect(codes('Sở Tư pháp, các sở, ban, ngành, địa phương')).toEqual(['HT-STP', 'ALL_AGENCIES']);
    expect(codes('Sở Ngoại vụ, Sở Tư pháp, Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh và cơ quan liên quan')).toEqual([
      'HT-SNGV',
      'HT-STP',
      'HT-BCHQS',
      'HT-CA',
      'RELATED_AGENCIES',
    ]);
    expect(directory.matchList('Sở Ngoại vụ, Sở Du lịch').unknown).toEqual(['Sở Du lịch']);
    expect(directory.matchList('')).toEqual({ matched: [], unknown: [] });
  });
});

describe('parseTimeFrame', () => {
  it.each([
    ['Thường xuyên', { recurrence: 'CONTINUOUS', dueOn: null }],
    ['Hàng năm', { recurrence: 'ANNUAL', dueOn: null }],
    ['hằng năm', { recurrence: 'ANNUAL', dueOn: null }],
    ['Định kỳ hằng năm hoặc đột xuất', { recurrence: 'ANNUAL' }],
    ['Định kỳ hoặc theo yêu cầu của Trung ương', { recurrence: 'PERIODIC', dueOn: null }],
    ['Theo yêu cầu', { recurrence: 'ON_DEMAND' }],
    ['Hàng quý', { recurrence: 'QUARTERLY' }],
    ['Quý II/2026', { dueOn: '2026-06-30', recurrence: null }],
    ['quý 4 năm 2026', { dueOn: '2026-12-31' }],
    ['Năm 2026', { dueOn: '2026-12-31' }],
    ['2027', { dueOn: '2027-12-31' }],
    ['Tháng 6/2026', { dueOn: '2026-06-30' }],
    ['tháng 2 năm 2028', { dueOn: '2028-02-29' }],
    ['Trước ngày 15/11/2026', { dueOn: '2026-11-15' }],
    ['05/11/2026', { dueOn: '2026-11-05' }],
    ['6 tháng đầu năm 2026', { dueOn: '2026-06-30' }],
    ['Giai đoạn 2026 - 2030 và hằng năm', { recurrence: 'ANNUAL', dueOn: null, periodFrom: '2026-01-01', periodTo: '2030-12-31' }],
    ['Giai đoạn 2026-2030', { recurrence: null, dueOn: '2030-12-31', periodFrom: '2026-01-01' }],
  ])('%s', (text, expected) => {
    expect(parseTimeFrame(text)).toMatchObject(expected);
  });

  it.each(['', 'sớm', '31/02/2026', 'Tháng 13/2026', 'Giai đoạn 2030 - 2026'])('refuses %j', (text) => {
    expect(parseTimeFrame(text)).toBeNull();
  });
});

describe('plan item due dates', () => {
  const base: PlanItemTiming = {
    dueOn: null,
    recurrence: null,
    periodFrom: null,
    periodTo: null,
    status: 'NOT_STARTED',
    createdOn: '2026-07-10',
    lastDoneOn: null,
  };

  it('a one-off item is overdue after its day until it is DONE', () => {
    const item = { ...base, dueOn: '2026-09-30' };
    expect(isPlanItemOverdue(item, '2026-09-30')).toBe(false);
    expect(isPlanItemOverdue(item, '2026-10-01')).toBe(true);
    expect(isPlanItemOverdue({ ...item, status: 'DONE' }, '2026-10-01')).toBe(false);
  });

  it('an annual item is due at the end of each year; DONE settles the year it was made in', () => {
    const item = { ...base, recurrence: 'ANNUAL' as const };
    expect(currentDueOn(item)).toBe('2026-12-31');
    expect(isPlanItemOverdue(item, '2027-01-01')).toBe(true);
    expect(currentDueOn({ ...item, status: 'DONE', lastDoneOn: '2026-11-20' })).toBe('2027-12-31');
    expect(currentDueOn({ ...item, status: 'IN_PROGRESS', lastDoneOn: '2026-11-20' })).toBe('2027-12-31');
  });

  it('a phase bounds an annual item', () => {
    const item = { ...base, recurrence: 'ANNUAL' as const, periodFrom: '2027-01-01', periodTo: '2028-12-31' };
    expect(currentDueOn(item)).toBe('2027-12-31');
    expect(currentDueOn({ ...item, lastDoneOn: '2028-03-01' })).toBeNull();
  });

  it('continuous, periodic and on-demand items are never overdue', () => {
    for (const recurrence of ['CONTINUOUS', 'PERIODIC', 'ON_DEMAND'] as const)
      expect(isPlanItemOverdue({ ...base, recurrence }, '2040-01-01')).toBe(false);
  });
});

describe('the Hà Tĩnh appendix fixture', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/plans/ha-tinh-152.json'), 'utf8')) as {
    items: { no: number; leadAgency: string; coordinatingAgencies: string; timeFrame: string }[];
  };

  it('names only agencies and groups Accord knows, with readable time frames', () => {
    expect(fixture.items).toHaveLength(15);
    for (const item of fixture.items) {
      expect([item.no, directory.find(item.leadAgency)?.code ?? null]).not.toEqual([item.no, null]);
      expect([item.no, directory.matchList(item.coordinatingAgencies).unknown]).toEqual([item.no, []]);
      expect([item.no, parseTimeFrame(item.timeFrame)]).not.toEqual([item.no, null]);
    }
  });
});

describe('reporting cycle policy', () => {
  const [semi, annual, mofa] = DEFAULT_REPORT_CYCLE_POLICIES;

  it('has the dates of docs/domain.md: 6-month by 15 May, annual by 5 November, MOFA by 15 November', () => {
    expect(cycleDates(semi!, 2027)).toMatchObject({ dueOn: '2027-05-15', periodFrom: '2026-11-01', periodTo: '2027-04-30' });
    expect(cycleDates(annual!, 2027)).toMatchObject({ dueOn: '2027-11-05', opensOn: '2027-10-15' });
    expect(cycleDates(mofa!, 2027)).toMatchObject({ dueOn: '2027-11-15', title: expect.stringContaining('Bộ Ngoại giao') });
    for (const p of DEFAULT_REPORT_CYCLE_POLICIES) expect(reportCyclePolicyErrors(p)).toEqual([]);
  });

  it('finds the cycle year covering a day', () => {
    expect(cycleYearCovering(annual!, '2026-11-23')).toBe(2027);
    expect(cycleYearCovering(annual!, '2026-10-31')).toBe(2026);
    expect(cycleYearCovering(semi!, '2026-03-01')).toBe(2026);
  });
});
