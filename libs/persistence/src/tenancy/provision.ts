import type { EntityManager } from 'typeorm';
import {
  DEFAULT_POLICY,
  DEFAULT_REPORT_CYCLE_POLICIES,
  provinceAgency,
  rebaseAgencyCodes,
  TEMPLATE_PROVINCE,
  type ProvinceUnit,
  type ReportCyclePolicy,
} from '@accord/domain';

export interface NewProvince {
  code: string;
  /** As written in its documents: `Tỉnh Hà Tĩnh`, `Thành phố Đồng Nai`. */
  name: string;
  nameEn: string;
}

/**
 * The units every routing policy names, with their Vietnamese and English names for a province called `p` (`tỉnh Hà
 * Tĩnh`), whose kind is `kind` (`tỉnh`, or `thành phố` for a centrally-run city).
 */
const CORE_UNITS: { unit: ProvinceUnit; name: (p: string, kind: string) => string; nameEn: (p: string) => string }[] = [
  { unit: 'UBND', name: (p) => `Ủy ban nhân dân ${p}`, nameEn: (p) => `People's Committee of ${p}` },
  { unit: 'VPUBND', name: (p) => `Văn phòng Ủy ban nhân dân ${p}`, nameEn: (p) => `Office of the People's Committee of ${p}` },
  { unit: 'SNGV', name: () => 'Sở Ngoại vụ', nameEn: () => 'Department of Foreign Affairs' },
  { unit: 'STP', name: () => 'Sở Tư pháp', nameEn: () => 'Department of Justice' },
  { unit: 'SCT', name: () => 'Sở Công Thương', nameEn: () => 'Department of Industry and Trade' },
  { unit: 'SNV', name: () => 'Sở Nội vụ', nameEn: () => 'Department of Home Affairs' },
  { unit: 'STC', name: () => 'Sở Tài chính', nameEn: () => 'Department of Finance' },
  { unit: 'BCHQS', name: (_, kind) => `Bộ Chỉ huy Quân sự ${kind}`, nameEn: () => 'Military Command' },
  { unit: 'CA', name: (_, kind) => `Công an ${kind}`, nameEn: () => 'Police' },
  { unit: 'BDBP', name: (_, kind) => `Bộ Chỉ huy Bộ đội Biên phòng ${kind}`, nameEn: () => 'Border Guard Command' },
];

/**
 * Makes `m`'s transaction act for `province` (row-level security and the province_code defaults), whatever the
 * connection's own setting: the platform administrator provisioning a province, and the seed, write its first rows.
 */
export async function actInProvince(m: EntityManager, province: string): Promise<void> {
  await m.query(`SELECT set_config('accord.province', $1, true)`, [province]);
}

/**
 * A new province with what it needs to route its first proposal: the province, its core agencies, the current default
 * routing policy and the report-cycle policy the Law on International Agreements sets for every province (Art 46: the
 * annual report to MOFA), under its own agency codes. The Hà Tĩnh plan's six-month and annual reports are Hà Tĩnh's:
 * another province's administrators add their own. Inside the caller's transaction; safe to run again.
 */
export async function provisionProvince(m: EntityManager, p: NewProvince): Promise<void> {
  await m.query(`INSERT INTO province (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, [p.code, p.name, p.nameEn]);
  await actInProvince(m, p.code);
  for (const u of CORE_UNITS) {
    await m.query(`INSERT INTO agency (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, [
      provinceAgency(p.code, u.unit),
      u.name(lowerFirst(p.name), lowerFirst(p.name).startsWith('thành phố') ? 'thành phố' : 'tỉnh'),
      u.nameEn(p.nameEn),
    ]);
  }
  if (p.code === TEMPLATE_PROVINCE) return; // its policies came with the migrations that wrote them
  const policy = rebaseAgencyCodes(DEFAULT_POLICY, p.code);
  await m.query(
    `INSERT INTO routing_policy (version, document, published_at, published_by, note)
     VALUES ($1, $2, date_trunc('milliseconds', now()), NULL, $3) ON CONFLICT (province_code, version) DO NOTHING`,
    [policy.version, JSON.stringify(policy), `Default provincial policy for ${p.name}`],
  );
  for (const report of DEFAULT_REPORT_CYCLE_POLICIES.filter((r) => r.kind === 'MOFA_ANNUAL')) {
    const own: ReportCyclePolicy = {
      ...rebaseAgencyCodes(report, p.code),
      title: `Báo cáo của UBND ${lowerFirst(p.name)} gửi Bộ Ngoại giao về tình hình ký kết và thực hiện thỏa thuận quốc tế năm {year}`,
      titleEn: `${p.nameEn} report {year} to the Ministry of Foreign Affairs on international agreements`,
    };
    await m.query(`INSERT INTO report_cycle_policy (kind, document) VALUES ($1, $2) ON CONFLICT (province_code, kind) DO NOTHING`, [
      own.kind,
      JSON.stringify(own),
    ]);
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
