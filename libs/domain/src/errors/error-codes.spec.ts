import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, genericErrorCode, isErrorCode } from './error-codes';

const codes = Object.keys(ERROR_CODES);

describe('error code catalogue', () => {
  it('gives every code a 4xx or 5xx status', () => {
    expect(
      codes.filter(
        (code) => !(ERROR_CODES[code as keyof typeof ERROR_CODES] >= 400 && ERROR_CODES[code as keyof typeof ERROR_CODES] <= 599),
      ),
    ).toEqual([]);
  });

  it('names codes in UPPER_SNAKE, each once (also ignoring case, so no two read alike)', () => {
    expect(codes.filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code))).toEqual([]);
    expect(new Set(codes.map((code) => code.toLowerCase())).size).toBe(codes.length);
  });

  it('falls back, for any status, to a generic code of that very status when the table has one', () => {
    for (const status of [400, 401, 403, 404, 405, 406, 408, 409, 413, 415, 422, 429, 500, 503])
      expect(ERROR_CODES[genericErrorCode(status)]).toBe(status);
    expect(genericErrorCode(418)).toBe('BAD_REQUEST');
    expect(genericErrorCode(502)).toBe('INTERNAL_ERROR');
    expect(genericErrorCode(499)).toBe('BAD_REQUEST');
    expect(genericErrorCode(399)).toBe('INTERNAL_ERROR');
    expect(genericErrorCode(200)).toBe('INTERNAL_ERROR');
  });

  it('tells codes from other strings', () => {
    expect(isErrorCode('FOUR_EYES')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
    // A property lookup would turn ['FOUR_EYES'] into the key 'FOUR_EYES': only the string itself is a code.
    expect(isErrorCode(['FOUR_EYES'])).toBe(false);
  });

  it('lists every code in docs/api.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'api.md'), 'utf8');
    expect(codes.filter((code) => !new RegExp('`' + code + '`').test(doc))).toEqual([]);
  });
});
