import { foldVietnamese } from './vietnamese-text';

describe('foldVietnamese', () => {
  it('makes case, diacritics and đ/Đ irrelevant', () => {
    expect(foldVietnamese('SỞ NGOẠI VỤ')).toBe('so ngoai vu');
    expect(foldVietnamese('Sở Ngoại vụ')).toBe('so ngoai vu');
    expect(foldVietnamese('Đồng Nai đường')).toBe('dong nai duong');
    expect(foldVietnamese('hằng năm')).toBe(foldVietnamese('hàng năm'));
  });

  it('drops quotes of every kind', () => {
    expect(foldVietnamese('“Sở” "Tư" ‘pháp’ `x` \'y\'')).toBe('so tu phap x y');
  });

  it('writes lists as "a, b; c" whatever the spacing around commas and semicolons', () => {
    expect(foldVietnamese('Các sở ,ban;ngành ,  địa phương')).toBe('cac so, ban; nganh, dia phuong');
  });

  it('collapses runs of spaces, tabs and new lines into one space', () => {
    expect(foldVietnamese('Sở   Tư\tpháp\n tỉnh')).toBe('so tu phap tinh');
  });

  it('trims spaces and punctuation at both ends but keeps it inside', () => {
    expect(foldVietnamese(' - Sở Tư pháp; ')).toBe('so tu phap');
    expect(foldVietnamese('.,;:– Quý II/2026 .')).toBe('quy ii/2026');
    expect(foldVietnamese('Giai đoạn 2026 - 2030:')).toBe('giai doan 2026 - 2030');
    expect(foldVietnamese(' ;, ')).toBe('');
  });
});
