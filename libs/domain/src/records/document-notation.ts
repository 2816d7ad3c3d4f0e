/**
 * Notations (ký hiệu) of official documents (Decree 30/2020/NĐ-CP, Annex III): the document type's abbreviation and the
 * issuing agency's, `BC-SNgV` for a report of the Department of Foreign Affairs. Agencies are named by unit code
 * (`HT-SNGV`, `DN-SNGV`), so every province's department gets the same abbreviation.
 */
const AGENCY_ABBREVIATIONS: Record<string, string> = {
  SNGV: 'SNgV',
  UBND: 'UBND',
  VPUBND: 'VP',
  STP: 'STP',
  SCT: 'SCT',
  SNV: 'SNV',
  STC: 'STC',
};

/** `HT-SNGV` -> `SNgV`; a unit not listed prints its code (`HT-SGDDT` -> `SGDDT`). */
export function agencyAbbreviation(agencyCode: string): string {
  // Without a '-', indexOf is -1 and slice(0) keeps the whole code.
  const unit = agencyCode.slice(agencyCode.indexOf('-') + 1);
  return AGENCY_ABBREVIATIONS[unit] ?? unit;
}

/** A report's notation for its issuing agency: `HT-SNGV` and `DN-SNGV` -> `BC-SNgV`. */
export function reportNotation(issuerAgencyCode: string): string {
  return `BC-${agencyAbbreviation(issuerAgencyCode)}`;
}
