import { countryName } from './country-names';

describe('countryName', () => {
  it('names the countries of the registry in Vietnamese by default, in English on request', () => {
    expect(countryName('LA')).toBe('Lào');
    expect(countryName('kh')).toBe('Campuchia');
    expect(countryName('KR')).toBe('Hàn Quốc');
    expect(countryName('JP', 'en')).toBe('Japan');
    expect(countryName('JP')).toBe('Nhật Bản');
    expect(countryName('LA', 'en')).toBe('Laos');
  });

  it('reads a code as typed in a form or a spreadsheet cell: any case, spaces around it', () => {
    expect(countryName(' la ')).toBe('Lào');
    expect(countryName('Kr\t', 'en')).toBe('South Korea');
  });

  it('leaves no name for a missing country and the code for what is not one', () => {
    expect(countryName('ZZ')).toBe('');
    expect(countryName(null)).toBe('');
    expect(countryName('XYZ')).toBe('XYZ');
    expect(countryName(undefined)).toBe('');
    expect(countryName('  ')).toBe('');
    expect(countryName(' zz')).toBe('');
    // UN M49 area codes are regions to Intl, not countries: kept as written.
    expect(countryName('419')).toBe('419');
    expect(countryName('l4')).toBe('L4');
  });
});
