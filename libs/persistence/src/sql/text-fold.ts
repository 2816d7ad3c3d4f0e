/**
 * Case- and diacritic-insensitive matching without Postgres' `unaccent` extension (no migration creates it, and the
 * embedded PGlite of `npm run dev` does not load it): the SQL side folds with `translate()` over a fixed map of the
 * Vietnamese letters (and the common Latin-1 ones), then `lower()` — applied last, because `lower()` only knows the
 * ASCII letters under the C locale; the query text is folded the same way in JavaScript.
 */

const ACCENTED_LOWER = 'àáảãạăằắẳẵặâầấẩẫậ' + 'èéẻẽẹêềếểễệ' + 'ìíỉĩị' + 'òóỏõọôồốổỗộơờớởỡợ' + 'ùúủũụưừứửữự' + 'ỳýỷỹỵ' + 'đ' + 'äåèëîïöüçñÿ';

/** One accented letter to its base letter: the canonical decomposition without its marks; đ has none, so by hand. */
function baseLetter(ch: string): string {
  if (ch === 'đ') return 'd';
  if (ch === 'Đ') return 'D';
  return ch.normalize('NFD').replace(/\p{M}/gu, '');
}

const FROM = [...new Set([...ACCENTED_LOWER, ...ACCENTED_LOWER.toUpperCase()])].join('');
const TO = [...FROM].map(baseLetter).join('');

if ([...FROM].length !== [...TO].length) throw new Error('text-fold: every accented letter must fold to exactly one letter');

/** The SQL expression folding `column` (a text expression): `lower(translate(column, 'àá…', 'aa…'))`. */
export function foldedSql(column: string): string {
  // FROM and TO are the constants above (letters only), so inlining them is safe and lets Postgres plan once.
  return `lower(translate(${column}, '${FROM}', '${TO}'))`;
}

/** The JavaScript twin of `foldedSql`, for the query text: NFC first, so decomposed input folds like composed input. */
export function foldText(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => (FROM.includes(ch) ? baseLetter(ch) : ch))
    .join('')
    .toLowerCase();
}

/** The characters `foldedSql` maps, and what to (for tests). */
export const FOLD_MAP = { from: FROM, to: TO } as const;

/**
 * The search box of the list endpoints: every word of `text` must appear in at least one of `folded` (SQL
 * expressions already folded: `foldedSql(column)`, or a column stored folded such as proposal.search_text),
 * ignoring case and Vietnamese accents ("hop tac giao duc" finds "Hợp tác giáo dục"), with % and _ taken literally.
 * Returns the SQL condition, or null when there is no word; the patterns go in through `param`.
 */
export function wordsMatchSql(text: string | undefined, folded: string[], param: (value: unknown) => string): string | null {
  const words = foldText(text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return null;
  return words
    .map((word) => {
      const like = param(`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      return `(${folded.map((expression) => `${expression} LIKE ${like}`).join(' OR ')})`;
    })
    .join(' AND ');
}
