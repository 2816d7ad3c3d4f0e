/**
 * Agencies of a province are named `<province code>-<unit>` (HT-SNGV, DN-SNGV): the units the law gives a role in the
 * routing (foreign affairs, justice, the People's Committee…) exist in every province under the same unit code, so a
 * province's policies are the shared defaults with its own prefix (docs/provinces.md).
 */
export type ProvinceUnit = 'UBND' | 'SNGV' | 'STP' | 'SCT' | 'BCHQS' | 'CA' | 'BDBP' | 'VPUBND' | 'SNV' | 'STC';

/** The province whose defaults the shared routing and report-cycle policies are written for. */
export const TEMPLATE_PROVINCE = 'HT';

export const provinceAgency = (province: string, unit: ProvinceUnit): string => `${province}-${unit}`;

/** `HT-SNGV` -> `HT`; null for a code without a province prefix. */
export function provinceOfAgency(agencyCode: string): string | null {
  const match = /^([A-Z]{2,8})-/.exec(agencyCode);
  return match ? match[1]! : null;
}

/** A copy of `doc` with every agency code of the template province moved to `province` (`"HT-SNGV"` -> `"DN-SNGV"`). */
export function rebaseAgencyCodes<T>(doc: T, province: string): T {
  if (province === TEMPLATE_PROVINCE) return doc;
  const json = JSON.stringify(doc).replace(new RegExp(`"${TEMPLATE_PROVINCE}-([A-Z]+)"`, 'g'), `"${province}-$1"`);
  return JSON.parse(json) as T;
}
