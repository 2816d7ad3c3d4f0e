import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The definition, written plainly: what the audit chain's stored hashes were computed with. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, { z: true, y: null }], c: 'x' }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[3,null,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, Vietnamese and upper case included', () => {
    expect(canonicalJson({ đ: 1, d: 2, D: 3, ê: 4, e: 5 })).toBe('{"D":3,"d":2,"e":5,"ê":4,"đ":1}');
  });

  it('writes exactly what the plain definition writes, for any JSON-like value', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, false),
        fc.double({ noNaN: true }),
        fc.string({ unit: 'grapheme' }),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });
});
