import type { CalendarDay, IsoDate } from './calendar.types';

// Days off and make-up working days of state agencies (civil servants), 2025-2027.
// Base rules, Labour Code 2019: Art 112(1) lists the public holidays (1/1; Tết 5 days;
// Hùng Kings 10/3 lunar; 30/4; 1/5; 2/9 plus one adjacent day) and Art 112(3) lets the Prime
// Minister fix the exact Tết and National Day days each year; Art 111(3): a holiday falling on
// the weekly rest day is compensated on the next working day. Swaps of a working day for a
// Saturday are announced separately. Sources per day: docs/holidays.md.

const off = (date: IsoDate, name: string, nameEn: string): CalendarDay => ({ date, name, nameEn, kind: 'HOLIDAY' });
const makeup = (date: IsoDate, name: string, nameEn: string): CalendarDay => ({
  date,
  name,
  nameEn,
  kind: 'MAKEUP_WORKDAY',
});

const NEW_YEAR = ['Tết Dương lịch', "New Year's Day"] as const;
const HUNG_KINGS = ['Giỗ Tổ Hùng Vương (10/3 Âm lịch)', 'Hung Kings Commemoration Day (10th day of 3rd lunar month)'] as const;
const VICTORY = ['Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'] as const;
const LABOUR = ['Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'] as const;
const NATIONAL = ['Quốc khánh (2/9)', 'National Day (2 September)'] as const;
const NATIONAL_ADJ = ['Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'] as const;
const tet = (date: IsoDate, lunar: string, lunarEn: string): CalendarDay =>
  off(date, `Tết Nguyên đán (${lunar})`, `Lunar New Year / Tết (${lunarEn})`);

const YEAR_2025: readonly CalendarDay[] = [
  off('2025-01-01', ...NEW_YEAR),
  // VPCP 8726/VPCP-KGVX (26/11/2024): break Sat 25/1 - Sun 2/2; the 5 statutory days are
  // Mon-Fri, so no make-up day was needed.
  tet('2025-01-27', '28 tháng Chạp', '28th day of 12th lunar month'),
  tet('2025-01-28', '29 tháng Chạp', '29th (last) day of 12th lunar month'),
  tet('2025-01-29', 'Mùng 1', '1st day of 1st lunar month'),
  tet('2025-01-30', 'Mùng 2', '2nd day of 1st lunar month'),
  tet('2025-01-31', 'Mùng 3', '3rd day of 1st lunar month'),
  off('2025-04-07', ...HUNG_KINGS),
  // Fri 2/5 swapped with Sat 26/4 (same 2025 plan): break Wed 30/4 - Sun 4/5.
  makeup('2025-04-26', 'Làm bù cho ngày thứ Sáu 02/5/2025', 'Make-up working day for Friday 2 May 2025'),
  off('2025-04-30', ...VICTORY),
  off('2025-05-01', ...LABOUR),
  off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', 'Swapped day off (worked on Saturday 26 April 2025)'),
  // Break Sat 30/8 - Tue 2/9; the adjacent day is Mon 1/9.
  off('2025-09-01', ...NATIONAL_ADJ),
  off('2025-09-02', ...NATIONAL),
];

const YEAR_2026: readonly CalendarDay[] = [
  // VPCP 12729/VPCP-KGVX (25/12/2025): Fri 2/1 swapped with Sat 10/1, break Thu 1/1 - Sun 4/1.
  off('2026-01-01', ...NEW_YEAR),
  off('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', 'Swapped day off (worked on Saturday 10 January 2026)'),
  makeup('2026-01-10', 'Làm bù cho ngày thứ Sáu 02/01/2026', 'Make-up working day for Friday 2 January 2026'),
  // VPCP 9859/VPCP-KGVX (13/10/2025): break Sat 14/2 - Sun 22/2 (27 Chạp - mùng 6).
  tet('2026-02-16', '29 tháng Chạp', '29th (last) day of 12th lunar month'),
  tet('2026-02-17', 'Mùng 1', '1st day of 1st lunar month'),
  tet('2026-02-18', 'Mùng 2', '2nd day of 1st lunar month'),
  tet('2026-02-19', 'Mùng 3', '3rd day of 1st lunar month'),
  tet('2026-02-20', 'Mùng 4', '4th day of 1st lunar month'),
  // 10/3 lunar is Sunday 26/4: compensated on Monday 27/4 (Labour Code Art 111(3)).
  off('2026-04-26', ...HUNG_KINGS),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensation day off for Hung Kings Commemoration Day (fell on Sunday)'),
  off('2026-04-30', ...VICTORY),
  off('2026-05-01', ...LABOUR),
  // VPCP 9859/VPCP-KGVX: Mon 31/8 swapped with Sat 22/8, break Sat 29/8 - Wed 2/9.
  makeup('2026-08-22', 'Làm bù cho ngày thứ Hai 31/8/2026', 'Make-up working day for Monday 31 August 2026'),
  off('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)', 'Swapped day off (worked on Saturday 22 August 2026)'),
  off('2026-09-01', ...NATIONAL_ADJ),
  off('2026-09-02', ...NATIONAL),
];

// 2027 is not announced yet: derived from Labour Code Art 111(3) and 112 and earlier practice.
// Replace with the Prime Minister's decision when it is published.
const YEAR_2027: readonly CalendarDay[] = [
  off('2027-01-01', ...NEW_YEAR),
  // Mùng 1 is Saturday 6/2, as in 2024, when the 5 days were 2 before + 3 after Tết.
  tet('2027-02-04', '28 tháng Chạp', '28th day of 12th lunar month'),
  tet('2027-02-05', '29 tháng Chạp', '29th (last) day of 12th lunar month'),
  tet('2027-02-06', 'Mùng 1', '1st day of 1st lunar month'),
  tet('2027-02-07', 'Mùng 2', '2nd day of 1st lunar month'),
  tet('2027-02-08', 'Mùng 3', '3rd day of 1st lunar month'),
  off('2027-02-09', 'Nghỉ bù Tết Nguyên đán (Mùng 1 trùng thứ Bảy)', 'Tết compensation day off (1st day fell on Saturday)'),
  off('2027-02-10', 'Nghỉ bù Tết Nguyên đán (Mùng 2 trùng Chủ nhật)', 'Tết compensation day off (2nd day fell on Sunday)'),
  off('2027-04-16', ...HUNG_KINGS),
  off('2027-04-30', ...VICTORY),
  off('2027-05-01', ...LABOUR),
  off('2027-05-03', 'Nghỉ bù Quốc tế Lao động (1/5 trùng thứ Bảy)', 'Compensation day off for Labour Day (fell on Saturday)'),
  off('2027-09-02', ...NATIONAL),
  // 2/9 is Thursday: adjacent day taken as Friday 3/9, as in 2021 (also a Thursday).
  off('2027-09-03', ...NATIONAL_ADJ),
];

/** Seed data for `BusinessCalendar`: 2025 and 2026 as announced, 2027 derived (see docs/holidays.md). */
export const VIETNAM_HOLIDAYS_2025_2027: readonly CalendarDay[] = [...YEAR_2025, ...YEAR_2026, ...YEAR_2027];

/**
 * Not in force yet, so NOT in the list above: Politburo Resolution 80-NQ/TW (7/1/2026) chose
 * 24/11 as "Ngày Văn hóa Việt Nam", a paid day off, pending an amendment of Labour Code
 * Art 112(1) (Government Resolution 30/NQ-CP, 2026). Add these once the amendment takes effect.
 */
export const VIETNAM_CULTURE_DAY_PENDING: readonly CalendarDay[] = [
  off('2026-11-24', 'Ngày Văn hóa Việt Nam', 'Vietnamese Culture Day'),
  off('2027-11-24', 'Ngày Văn hóa Việt Nam', 'Vietnamese Culture Day'),
];
