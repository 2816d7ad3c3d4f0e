/** "Thời gian thực hiện" as plans write it: each wording, spacing and separator Accord reads, and what it refuses. */
import { parseTimeFrame } from './time-frame';
import { foldVietnamese } from './vietnamese-text';

describe('recurrence words', () => {
  it.each([
    ['Thường xuyên', 'CONTINUOUS'],
    ['Liên tục', 'CONTINUOUS'],
    ['Hàng quý', 'QUARTERLY'],
    ['mỗi quý', 'QUARTERLY'],
    ['từng quý', 'QUARTERLY'],
    ['Hàng tháng', 'MONTHLY'],
    ['mỗi tháng', 'MONTHLY'],
    ['từng tháng', 'MONTHLY'],
    ['Hằng 6 tháng', 'SEMI_ANNUAL'],
    ['mỗi sáu tháng', 'SEMI_ANNUAL'],
    ['Nửa năm', 'SEMI_ANNUAL'],
    ['Định kỳ 6 tháng', 'SEMI_ANNUAL'],
    ['mỗi 6 tháng một lần', 'SEMI_ANNUAL'],
    ['Hằng năm', 'ANNUAL'],
    ['mỗi năm', 'ANNUAL'],
    ['từng năm', 'ANNUAL'],
    ['Thường niên', 'ANNUAL'],
    ['Định kỳ', 'PERIODIC'],
    ['định kỳ hoặc đột xuất', 'PERIODIC'],
    ['Theo yêu cầu', 'ON_DEMAND'],
    ['Đột xuất', 'ON_DEMAND'],
    ['Khi có yêu cầu', 'ON_DEMAND'],
    ['khi cần thiết', 'ON_DEMAND'],
  ])('%s -> %s', (text, recurrence) => {
    expect(parseTimeFrame(text)).toEqual({ dueOn: null, recurrence, periodFrom: null, periodTo: null });
  });

  it('reads nothing into other words', () => {
    for (const text of ['Sớm nhất có thể', 'quý', 'tháng', 'năm', 'hàng', '...'])
      expect([text, parseTimeFrame(text)]).toEqual([text, null]);
  });
});

describe('phases', () => {
  it.each([
    ['Giai đoạn 2026 - 2030', '2026-01-01', '2030-12-31'],
    ['giai đoạn 2026-2030', '2026-01-01', '2030-12-31'],
    ['2026–2030', '2026-01-01', '2030-12-31'],
    ['Từ năm 2026 đến năm 2030', '2026-01-01', '2030-12-31'],
    ['từ 2026 đến 2028', '2026-01-01', '2028-12-31'],
    ['1999 - 2001', '1999-01-01', '2001-12-31'],
    ['2026 - 2026', '2026-01-01', '2026-12-31'],
  ])('%s is due at its end', (text, periodFrom, periodTo) => {
    expect(parseTimeFrame(text)).toEqual({ dueOn: periodTo, recurrence: null, periodFrom, periodTo });
  });

  it('a recurrence within a phase recurs there; the years are not read as a recurrence', () => {
    expect(parseTimeFrame('Giai đoạn 2026-2030, hằng quý')).toEqual({
      dueOn: null,
      recurrence: 'QUARTERLY',
      periodFrom: '2026-01-01',
      periodTo: '2030-12-31',
    });
    expect(parseTimeFrame('Định kỳ, 2026 - 2027')).toEqual({
      dueOn: null,
      recurrence: 'PERIODIC',
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    });
  });

  it('a phase that ends before it starts, or years outside 1900-2099, are refused', () => {
    expect(parseTimeFrame('2030 - 2026')).toBeNull();
    expect(parseTimeFrame('2101 - 2105')).toBeNull();
  });
});

describe('dates', () => {
  it.each([
    ['15/11/2026', '2026-11-15'],
    ['15.11.2026', '2026-11-15'],
    ['15-11-2026', '2026-11-15'],
    ['5 / 1 / 2027', '2027-01-05'],
    ['Trước ngày 15/11/2026.', '2026-11-15'],
    ['(05/11/2026)', '2026-11-05'],
    ['2026-11-05', '2026-11-05'],
    ['hạn 2026-11-05 theo kế hoạch', '2026-11-05'],
    ['Quý I/2026', '2026-03-31'],
    ['quý ii - 2026', '2026-06-30'],
    ['Quý III năm 2026', '2026-09-30'],
    ['Quý IV/2026', '2026-12-31'],
    ['quý 1/2027', '2027-03-31'],
    ['Quý 3 năm 2027', '2027-09-30'],
    ['6 tháng đầu năm 2026', '2026-06-30'],
    ['6 tháng cuối năm 2026', '2026-12-31'],
    ['Tháng 1/2026', '2026-01-31'],
    ['tháng 12 - 2026', '2026-12-31'],
    ['tháng 2 năm 2027', '2027-02-28'],
    ['Tháng 11/2026', '2026-11-30'],
    ['6/2026', '2026-06-30'],
    ['1/2027', '2027-01-31'],
    ['12 / 2026', '2026-12-31'],
    ['Năm 2026', '2026-12-31'],
    ['năm 2026 và các năm tiếp theo', '2026-12-31'],
    ['Trước 2027', '2027-12-31'],
    ['trong năm 2028', '2028-12-31'],
  ])('%s -> %s', (text, dueOn) => {
    expect(parseTimeFrame(text)).toEqual({ dueOn, recurrence: null, periodFrom: null, periodTo: null });
  });

  it.each([
    '31/02/2026',
    '2026-02-30',
    'Tháng 0/2026',
    'Tháng 13/2026',
    '13/2026',
    '0/2026',
    '115/11/2026',
    '12026-11-05',
    '2026-11-051',
    '2026 năm sau',
    'Quý V/2026',
    'quý 5/2026',
  ])('refuses %j', (text) => {
    expect(parseTimeFrame(text)).toBeNull();
  });

  it.each(['Theo Nghị quyết số 6/2026', '06/2026/NQ-HĐND', 'Văn bản số 2026'])(
    'does not read a document number as a month or a year: %j',
    (text) => {
      expect(parseTimeFrame(text)).toBeNull();
    },
  );
});

describe('foldVietnamese', () => {
  it('drops quotes, tidies separators and trims punctuation at both ends', () => {
    expect(foldVietnamese('“Sở Ngoại vụ”')).toBe('so ngoai vu');
    expect(foldVietnamese('\'Sở\' "Tư" `pháp` ‘x’')).toBe('so tu phap x');
    expect(foldVietnamese('- Sở Tư pháp; Sở Ngoại vụ.')).toBe('so tu phap; so ngoai vu');
    expect(foldVietnamese('a ;b,c')).toBe('a; b, c');
    expect(foldVietnamese('– :a: –')).toBe('a');
    expect(foldVietnamese('\tA\n\nB ')).toBe('a b');
    expect(foldVietnamese('ĐỒNG đồng')).toBe('dong dong');
    expect(foldVietnamese(' ,;. ')).toBe('');
  });
});
