import { countryName } from './country-names';

describe('countryName', () => {
  it('names the countries of the registry in Vietnamese by default, in English on request', () => {
    expect(countryName('LA')).toBe('Lào');
    expect(countryName('kh')).toBe('Campuchia');
    expect(countryName('KR')).toBe('Hàn Quốc');
    expect(countryName('JP', 'en')).toBe('Japan');
  });

  it('leaves no name for a missing country and the code for what is not one', () => {
    expect(countryName('ZZ')).toBe('');
    expect(countryName(null)).toBe('');
    expect(countryName('XYZ')).toBe('XYZ');
  });
});
