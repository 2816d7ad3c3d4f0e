import { ProblemException } from './problem-details.filter';
import { decodeCursor, encodeCursor } from './pagination';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectCursorError(cursor: string, types: Parameters<typeof decodeCursor>[1]) {
  let thrown: unknown;
  try {
    decodeCursor(cursor, types);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ProblemException);
  expect((thrown as ProblemException).getStatus()).toBe(400);
  expect((thrown as ProblemException).errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
}

describe('decodeCursor', () => {
  const at = new Date('2026-12-04T10:00:00.123Z').toISOString();
  const id = '0b6f5a4e-2c1d-4e8f-9a7b-3c2d1e0f9a8b';

  it('returns what encodeCursor wrote, and null without a cursor', () => {
    expect(decodeCursor(encodeCursor([at, id]), ['timestamptz', 'uuid'])).toEqual([at, id]);
    expect(decodeCursor(encodeCursor(['nguyen van an', 'Nguyễn Văn An', id]), ['text', 'text', 'uuid'])).toEqual([
      'nguyen van an',
      'Nguyễn Văn An',
      id,
    ]);
    expect(decodeCursor(encodeCursor(['12345']), ['bigint'])).toEqual(['12345']);
    expect(decodeCursor(encodeCursor([12345]), ['bigint'])).toEqual(['12345']);
    expect(decodeCursor(undefined, ['bigint'])).toBeNull();
    expect(decodeCursor('', ['bigint'])).toBeNull();
  });

  it.each([
    ['not base64url JSON', 'not-a-cursor!'],
    ['base64url of non-JSON', Buffer.from('hello').toString('base64url')],
    ['an object', forge({ a: 1 })],
    ['wrong arity (short)', forge([at])],
    ['wrong arity (long)', forge([at, id, 'x'])],
    ['a number for the date', forge([1, id])],
    ['a non-date string', forge(['yesterday', id])],
    ['a date that does not exist', forge(['2026-02-31T00:00:00.000Z', id])],
    ['a date past the range', forge(['+275760-09-13T00:00:00.000Z', id])],
    ['a date without its zone', forge(['2026-12-04T10:00:00', id])],
    ['a non-uuid id', forge([at, 'abc'])],
    ['an id that is an object', forge([at, { id }])],
    ['nulls', forge([null, null])],
    ['nested arrays', forge([[at], [id]])],
  ])('refuses %s for (timestamptz, uuid) with a 400 on cursor', (_, cursor) => {
    expectCursorError(cursor, ['timestamptz', 'uuid']);
  });

  it.each([
    ['a huge number', forge([1e308])],
    ['a number past 2^53', forge([2 ** 60])],
    ['a digit string past bigint', forge(['99999999999999999999999'])],
    ['a negative number', forge([-1])],
    ['a fraction', forge([1.5])],
    ['SQL in a string', forge(['1; DROP TABLE audit_event'])],
    ['an object', forge([{}])],
  ])('refuses %s for (bigint)', (_, cursor) => {
    expectCursorError(cursor, ['bigint']);
  });

  it('refuses text with a NUL (Postgres cannot hold it) or of absurd length', () => {
    expectCursorError(forge(['a\u0000b', 'x', '0b6f5a4e-2c1d-4e8f-9a7b-3c2d1e0f9a8b']), ['text', 'text', 'uuid']);
    expectCursorError(forge(['a'.repeat(2000), 'x', '0b6f5a4e-2c1d-4e8f-9a7b-3c2d1e0f9a8b']), ['text', 'text', 'uuid']);
  });
});
