import { provinceAgency, provinceOfAgency, rebaseAgencyCodes, TEMPLATE_PROVINCE } from './province-agencies';

describe('province agencies', () => {
  it('names an agency <province>-<unit> and reads the province back', () => {
    expect(provinceAgency('DN', 'SNGV')).toBe('DN-SNGV');
    expect(provinceOfAgency('DN-SNGV')).toBe('DN');
    expect(provinceOfAgency('HCM-STP')).toBe('HCM');
  });

  it('finds no province in a code without an upper-case prefix of 2-8 letters', () => {
    expect(provinceOfAgency('SNGV')).toBeNull();
    expect(provinceOfAgency('X-SNGV')).toBeNull();
    expect(provinceOfAgency('ht-SNGV')).toBeNull();
    expect(provinceOfAgency('ABCDEFGHI-SNGV')).toBeNull();
    expect(provinceOfAgency(' HT-SNGV')).toBeNull();
  });

  it('moves every agency code of the template province to another province, and nothing else', () => {
    expect(TEMPLATE_PROVINCE).toBe('HT');
    const policy = {
      consolidator: 'HT-SNGV',
      stages: [{ agencies: ['HT-STP', 'HT-UBND'] }],
      note: 'HT-SNGV leads',
      other: 'QB-SNGV',
    };
    expect(rebaseAgencyCodes(policy, 'DN')).toEqual({
      consolidator: 'DN-SNGV',
      stages: [{ agencies: ['DN-STP', 'DN-UBND'] }],
      note: 'HT-SNGV leads',
      other: 'QB-SNGV',
    });
    expect(policy.consolidator).toBe('HT-SNGV');
  });

  it('gives the template province its document unchanged', () => {
    const policy = { consolidator: 'HT-SNGV' };
    expect(rebaseAgencyCodes(policy, 'HT')).toBe(policy);
  });
});
