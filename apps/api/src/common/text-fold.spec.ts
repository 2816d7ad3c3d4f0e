import { SEARCH_FOLD_FROM, SEARCH_FOLD_TO } from '@accord/persistence/migrations/1764000000800-proposal-search-text';
import { FOLD_MAP, foldedSql, foldText } from './text-fold';

describe('text folding for the search boxes', () => {
  it('folds Vietnamese names to plain lower-case letters', () => {
    expect(foldText('Nguyễn Văn An')).toBe('nguyen van an');
    expect(foldText('ĐẶNG Văn Long')).toBe('dang van long');
    expect(foldText('Trần Thị Bình')).toBe('tran thi binh');
    expect(foldText('Ưng Hoàng Phúc, Ngô Thị Nga')).toBe('ung hoang phuc, ngo thi nga');
  });

  it('folds decomposed input (NFD, as some keyboards send it) like composed input', () => {
    expect(foldText('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });

  it('maps every Vietnamese letter with a diacritic, in both cases, to one ASCII letter', () => {
    const vowels = 'aăâeêioôơuưyd';
    const tones = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const letters = [...vowels].flatMap((v) => (v === 'd' ? ['đ'] : [v, ...tones.map((t) => `${v}${t}`.normalize('NFC'))]));
    for (const letter of [...letters, ...letters.map((l) => l.toUpperCase())]) {
      if (/^[a-zA-Z]$/.test(letter)) continue;
      const i = [...FOLD_MAP.from].indexOf(letter);
      expect({ letter, mapped: i >= 0 }).toEqual({ letter, mapped: true });
      expect([...FOLD_MAP.to][i]).toMatch(/^[a-zA-Z]$/);
      expect(foldText(letter)).toMatch(/^[a-z]$/);
    }
  });

  it('inlines only letters into the SQL (no quote can end the literal)', () => {
    expect(FOLD_MAP.from + FOLD_MAP.to).toMatch(/^\p{L}+$/u);
    expect(foldedSql('u.full_name')).toBe(`lower(translate(u.full_name, '${FOLD_MAP.from}', '${FOLD_MAP.to}'))`);
  });

  it('folds like the stored proposal.search_text column (a new map needs a migration regenerating it)', () => {
    expect({ from: SEARCH_FOLD_FROM, to: SEARCH_FOLD_TO }).toEqual(FOLD_MAP);
  });
});
