/**
 * Country names for printed documents (reports, registry exports): the CLDR names that Node's ICU carries through
 * Intl.DisplayNames, as the web's country picker shows them (apps/web/src/lib/countries.ts), so "LA" is "Lào" on the
 * screen and on paper alike. Node's official builds and images ship full ICU, with Vietnamese.
 */

const displayNames = new Map<string, Intl.DisplayNames>();

function namesIn(lang: 'vi' | 'en'): Intl.DisplayNames {
  const names = displayNames.get(lang) ?? new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  displayNames.set(lang, names);
  return names;
}

/**
 * The name of an ISO 3166-1 alpha-2 country in Vietnamese (default) or English: `LA` -> `Lào`. The code itself when
 * it is not a two-letter code; empty for `ZZ`, the registry's "country not given".
 */
export function countryName(code: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  const upper = (code ?? '').trim().toUpperCase();
  if (!upper || upper === 'ZZ') return '';
  if (!/^[A-Z]{2}$/.test(upper)) return upper;
  try {
    return namesIn(lang).of(upper) ?? upper;
  } catch {
    return upper;
  }
}
