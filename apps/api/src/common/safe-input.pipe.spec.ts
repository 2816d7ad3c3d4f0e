import { inputFlaws, MAX_DEPTH, SafeInputPipe } from './safe-input.pipe';
import { ProblemException } from './problem-details.filter';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('input no handler can take', () => {
  it('names every string and key holding a NUL, by the dotted paths field errors use', () => {
    const body = {
      title: 'a\u0000',
      details: { counterpart: { name: 'ok', country: '\u0000' }, fields: ['TRADE', 'x\u0000y'] },
      ['k\u0000']: 1,
    };
    expect(inputFlaws(body).nul.sort()).toEqual(['details.counterpart.country', 'details.fields.1', 'k\u0000', 'title']);
    expect(inputFlaws([{ a: '\u0000' }]).nul).toEqual(['0.a']);
    expect(inputFlaws('\u0000', 'q').nul).toEqual(['q']);
  });

  it('lets everything else through, Vietnamese text and other control characters included', () => {
    expect(inputFlaws({ title: 'Hợp tác\tgiáo dục\n', n: 0, ok: true, none: null, list: [1, 'ễ'] })).toEqual({ nul: [], tooDeep: null });
  });

  it('finds nesting deeper than the limit without recursing, however deep', () => {
    expect(inputFlaws(nested(MAX_DEPTH - 1)).tooDeep).toBeNull();
    expect(inputFlaws({ details: nested(MAX_DEPTH) }).tooDeep).toBe(`details${'.0'.repeat(MAX_DEPTH - 1)}`);
    expect(inputFlaws(nested(200_000)).tooDeep).not.toBeNull();
  });

  it('refuses a body, query or parameter with a flaw as a 400 naming the field, and passes custom parameters untouched', () => {
    const pipe = new SafeInputPipe();
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
    expect(refusal(nested(100), 'body')).toMatchObject({ status: 400, errors: [{ field: expect.stringMatching(/^0(\.0)+$/) }] });
    expect(refusal({ comment: 'fine' }, 'body')).toBeNull();
    expect(pipe.transform({ user: 'x\u0000' }, { type: 'custom' })).toEqual({ user: 'x\u0000' });
  });
});
