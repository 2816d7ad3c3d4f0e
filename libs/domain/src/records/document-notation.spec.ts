import { agencyAbbreviation, reportNotation } from './document-notation';

describe('document notations (Decree 30/2020/NĐ-CP, Annex III)', () => {
  it("abbreviates the units the decree's examples name, whatever the province", () => {
    expect(agencyAbbreviation('HT-SNGV')).toBe('SNgV');
    expect(agencyAbbreviation('DN-SNGV')).toBe('SNgV');
    expect(agencyAbbreviation('HT-VPUBND')).toBe('VP');
    expect(agencyAbbreviation('HT-UBND')).toBe('UBND');
    expect(agencyAbbreviation('HT-STP')).toBe('STP');
    expect(agencyAbbreviation('HT-SCT')).toBe('SCT');
    expect(agencyAbbreviation('HT-SNV')).toBe('SNV');
    expect(agencyAbbreviation('HT-STC')).toBe('STC');
  });

  it('prints the unit code of a unit it has no abbreviation for, and a bare code as it is', () => {
    expect(agencyAbbreviation('HT-SGDDT')).toBe('SGDDT');
    expect(agencyAbbreviation('SNGV')).toBe('SNgV');
    expect(agencyAbbreviation('SGDDT')).toBe('SGDDT');
    // Only the province prefix is cut: a unit code may itself contain a hyphen.
    expect(agencyAbbreviation('HT-BQL-KKT')).toBe('BQL-KKT');
  });

  it("a report's notation is BC- and its issuer's abbreviation", () => {
    expect(reportNotation('HT-SNGV')).toBe('BC-SNgV');
    expect(reportNotation('DN-SNGV')).toBe('BC-SNgV');
    expect(reportNotation('HT-SGDDT')).toBe('BC-SGDDT');
  });
});
