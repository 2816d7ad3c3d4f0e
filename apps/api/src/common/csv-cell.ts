/**
 * A cell value safe to open in a spreadsheet. Excel, LibreOffice and Google Sheets evaluate a cell that begins with
 * `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage return can hide such a start), so free text a
 * submitter typed — an agreement's title, place, signatories, number — could run `=HYPERLINK(...)` or DDE in the
 * reader's spreadsheet. OWASP's CSV injection guidance: prefix such a cell with a single quote, which spreadsheets
 * show as text and do not evaluate. Numbers and empty cells are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
