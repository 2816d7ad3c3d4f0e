/**
 * Vietnamese text compared the way people type it: case, diacritics, đ/Đ, quotes and spacing do not matter
 * ("Sở Ngoại vụ", "SỞ NGOẠI VỤ" and "so ngoai vu" are one name; "hàng năm" and "hằng năm" one recurrence).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[“”"'‘’`]/g, '')
    .replace(/\s*([,;])\s*/g, '$1 ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:\-–]+|[\s.,;:\-–]+$/g, '');
}
