import { provinceOfAgency, type ProvinceUnit } from '@accord/domain/provinces/province-agencies';
import type { EdxmlOrgan } from './edxml.types';

/**
 * Which organ on the national axis each Accord agency is. Real OrganIds are the electronic identifiers of Decision
 * 20/2020/QĐ-TTg (`000.00.00.H22` style: four groups, the last naming the ministry or province), issued to each organ
 * when it registers on the axis; they come from configuration, never from code (docs/records.md).
 */
export interface EdxmlOrganDirectory {
  /** Marks a directory that must not reach the real axis. */
  demo: boolean;
  /** province code (`HT`) -> Accord agency code (`HT-SNGV`) -> organ */
  provinces: Record<string, Record<string, EdxmlOrgan>>;
  /** Organs outside the provinces Accord serves (the Ministry of Foreign Affairs, the Government Office), by a key. */
  external: Record<string, EdxmlOrgan>;
}

/** Decision 20/2020/QĐ-TTg layout as we read it: `ddd.dd.dd.Xdd` (docs/records.md lists the doubt). */
export const isOrganIdFormat = (organId: string): boolean => /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(organId);

/** The organ of `agencyCode` in `province`; undefined when not configured or when the agency is another province's. */
export function resolveEdxmlOrgan(directory: EdxmlOrganDirectory, province: string, agencyCode: string): EdxmlOrgan | undefined {
  if (provinceOfAgency(agencyCode) !== province) return undefined;
  const agencies = directory.provinces[province];
  return agencies !== undefined && Object.hasOwn(agencies, agencyCode) ? agencies[agencyCode] : undefined;
}

/** Reverse lookup for an incoming package's `To`: which Accord agency (or external organ) an OrganId is. */
export function findOrganById(
  directory: EdxmlOrganDirectory,
  organId: string,
): { province: string; agencyCode: string; organ: EdxmlOrgan } | { external: string; organ: EdxmlOrgan } | undefined {
  for (const [province, agencies] of Object.entries(directory.provinces)) {
    for (const [agencyCode, organ] of Object.entries(agencies)) if (organ.organId === organId) return { province, agencyCode, organ };
  }
  for (const [external, organ] of Object.entries(directory.external)) if (organ.organId === organId) return { external, organ };
  return undefined;
}

const DEMO_UNITS: readonly [ProvinceUnit, string][] = [
  ['UBND', 'Ủy ban nhân dân tỉnh'],
  ['VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh'],
  ['SNGV', 'Sở Ngoại vụ tỉnh'],
  ['STP', 'Sở Tư pháp tỉnh'],
  ['SCT', 'Sở Công Thương tỉnh'],
  ['SNV', 'Sở Nội vụ tỉnh'],
  ['STC', 'Sở Tài chính tỉnh'],
  ['CA', 'Công an tỉnh'],
  ['BCHQS', 'Bộ Chỉ huy Quân sự tỉnh'],
  ['BDBP', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh'],
];

/**
 * DEMO VALUES, NOT REGISTERED ORGAN IDS. They keep the Decision 20/2020 layout but use the letter `Z` for the
 * province/ministry group, which no real organ has, so a demo package sent to a real axis by mistake addresses nobody.
 */
function demoProvince(province: string, provinceName: string, group: string): Record<string, EdxmlOrgan> {
  const organs: Record<string, EdxmlOrgan> = {};
  DEMO_UNITS.forEach(([unit, name], i) => {
    organs[`${province}-${unit}`] = {
      organId: `000.00.${String(i).padStart(2, '0')}.${group}`,
      organName: `${name} ${provinceName}`,
      ...(unit === 'UBND' ? {} : { organizationInCharge: `Ủy ban nhân dân tỉnh ${provinceName}` }),
    };
  });
  return organs;
}

/** DEMO directory for the two demo provinces (docs/provinces.md); production reads an `EdxmlOrganDirectory` from configuration. */
export const DEMO_EDXML_ORGAN_DIRECTORY: EdxmlOrganDirectory = {
  demo: true,
  provinces: { HT: demoProvince('HT', 'Hà Tĩnh', 'Z01'), DN: demoProvince('DN', 'Đồng Nai', 'Z02') },
  external: {
    MOFA: { organId: '000.00.00.Z90', organName: 'Bộ Ngoại giao' },
    GOVERNMENT_OFFICE: { organId: '000.00.00.Z91', organName: 'Văn phòng Chính phủ' },
  },
};
