import { nulPaths, RejectNulCharactersPipe } from './nul-characters';
import { ProblemException } from './problem-details.filter';

describe('NUL characters in requests', () => {
  it('names every string and key holding one, by the dotted paths field errors use', () => {
    expect(nulPaths({ title: 'a\u0000', details: { counterpart: { name: 'ok', country: '\u0000' }, fields: ['TRADE', 'x\u0000y'] }, ['k\u0000']: 1 }).sort())
      .toEqual(['details.counterpart.country', 'details.fields.1', 'k\u0000', 'title']);
    expect(nulPaths([{ a: '\u0000' }])).toEqual(['0.a']);
    expect(nulPaths('\u0000', 'q')).toEqual(['q']);
  });

  it('lets everything else through, Vietnamese text and other control characters included', () => {
    expect(nulPaths({ title: 'Hợp tác\tgiáo dục\n', n: 0, ok: true, none: null, list: [1, 'ễ'] })).toEqual([]);
  });

  it('refuses a body or query with one as a 400 naming the field, and passes custom parameters untouched', () => {
    const pipe = new RejectNulCharactersPipe();
    const refusal = (value: unknown, type: 'body' | 'query' | 'param', data?: string) => {
      try {
        pipe.transform(value, { type, data });
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(ProblemException);
        return { status: (err as ProblemException).getStatus(), errors: (err as ProblemException).errors };
      }
    };
    expect(refusal({ q: 'a\u0000b', status: 'OPEN' }, 'query')).toMatchObject({ status: 400, errors: [{ field: 'q' }] });
    expect(refusal('x\u0000', 'param', 'id')).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    expect(refusal({ comment: 'fine' }, 'body')).toBeNull();
    expect(pipe.transform({ user: 'x\u0000' }, { type: 'custom' })).toEqual({ user: 'x\u0000' });
  });
});
