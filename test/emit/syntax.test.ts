import { describe, expect, it } from 'vitest';
import { describeCount, describeShape, not } from '../../generator/emit/syntax.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, UNBOUNDED_MAX, UNBOUNDED_MIN } from '../../generator/layout/shapes.js';

describe('not: the negation of a condition as one would write it', () => {
  it('turns one typeof test around', () => {
    expect(not("typeof name === 'string'")).toBe("typeof name !== 'string'");
    expect(not("typeof list[i] === 'string'")).toBe("typeof list[i] !== 'string'");
  });
  it('turns one comparison with a literal around', () => {
    expect(not('value.length === 32')).toBe('value.length !== 32');
    expect(not('status === -1')).toBe('status !== -1');
    expect(not('x === 1.5')).toBe('x !== 1.5');
    expect(not('kind === "a \\" === b"')).toBe('kind !== "a \\" === b"');
    expect(not('x === 1 || x === 2')).toBe('!(x === 1 || x === 2)');
    expect(not('x === y.z && w')).toBe('!(x === y.z && w)');
  });
  it('puts ! before one call, or before a condition already in parentheses', () => {
    expect(not('isCborUint(id)')).toBe('!isCborUint(id)');
    expect(not('(parent instanceof Uint8Array || isBytes(parent))')).toBe('!(parent instanceof Uint8Array || isBytes(parent))');
    expect(not("(typeof v === 'string' && v !== ')')")).toBe("!(typeof v === 'string' && v !== ')')");
  });
  it('wraps anything else', () => {
    expect(not("typeof v === 'number' && v >= 0")).toBe("!(typeof v === 'number' && v >= 0)");
    expect(not('(a) || (b)')).toBe('!((a) || (b))');
    expect(not("(v === '(') || f(v)")).toBe("!((v === '(') || f(v))");
    expect(not('f(a) || g(b)')).toBe('!(f(a) || g(b))');
    expect(not('(/\\(/.test(v))')).toBe('!((/\\(/.test(v)))');
    expect(not('isX(v, f(w))')).toBe('!(isX(v, f(w)))');
  });
});

describe('describeShape: integers in words, for error messages', () => {
  const ints = (...intervals: [bigint, bigint][]) => describeShape({ kind: 'int', intervals: intervals.map(([lo, hi]) => ({ lo, hi })) });
  it('says a range with one end by that end, without "in"', () => {
    expect(ints([-5n, UNBOUNDED_MAX])).toBe('an integer ≥ -5');
    expect(ints([CBOR_INT_MIN, 3n])).toBe('an integer ≤ 3');
    expect(ints([0n, CBOR_INT_MAX])).toBe('an unsigned integer');
  });
  it('sets the ends apart from a list of the ranges between them', () => {
    expect(ints([CBOR_INT_MIN, 9n], [11n, CBOR_INT_MAX])).toBe('an integer ≤ 9 or ≥ 11');
    expect(ints([UNBOUNDED_MIN, -5n], [0n, 3n], [5n, 5n], [20n, UNBOUNDED_MAX])).toBe('an integer ≤ -5 or in 0..3, 5 or ≥ 20');
    expect(ints([CBOR_INT_MIN, -1n], [5n, 7n])).toBe('an integer ≤ -1 or in 5..7');
    expect(ints([CBOR_INT_MIN, -5n], [0n, CBOR_INT_MAX])).toBe('an integer ≤ -5 or ≥ 0');
    expect(ints([0n, 3n], [7n, 9n])).toBe('an integer in 0..3, 7..9');
    expect(ints([1n, 1n], [3n, 3n])).toBe('one of 1, 3');
  });
});

describe('describeShape: literals in words', () => {
  const option = (shape: Parameters<typeof describeShape>[0]) => ({ shape, type: { kind: 'prim', prim: 'any' } as const });
  it('says one value as itself, several as a list', () => {
    expect(describeShape({ kind: 'int', intervals: [{ lo: 0n, hi: 0n }] })).toBe('0');
    expect(describeShape({ kind: 'float', widths: [16, 32, 64], values: [-0] })).toBe('-0.0');
    expect(describeShape({ kind: 'text', values: ['a'], size: null })).toBe('"a"');
    expect(describeShape({ kind: 'bytes', values: ['00'], size: null })).toBe("h'00'");
    expect(describeShape({ kind: 'text', values: ['a', 'b'], size: null })).toBe('one of "a", "b"');
  });
  it('lists the literals of options next to each other once, whatever their kinds', () => {
    const choice = (...shapes: Parameters<typeof describeShape>[0][]) => describeShape({ kind: 'choice', options: shapes.map(option) });
    expect(choice({ kind: 'int', intervals: [{ lo: 1n, hi: 1n }] }, { kind: 'int', intervals: [{ lo: 2n, hi: 2n }] }, { kind: 'text', values: null, size: null })).toBe('one of 1, 2 or a text string');
    expect(choice({ kind: 'text', values: ['none'], size: null }, { kind: 'text', values: null, size: { min: 5, max: 5 } })).toBe('"none" or a text string of 5 bytes');
    expect(choice({ kind: 'int', intervals: [{ lo: 5n, hi: 7n }] }, { kind: 'float', widths: [16, 32, 64], values: [1.5] })).toBe('an integer in 5..7 or 1.5');
    expect(choice({ kind: 'float', widths: [16, 32, 64], values: [1.5] }, { kind: 'text', values: ['x'], size: null })).toBe('one of 1.5, "x"');
  });
});

describe('describeCount: how many, in words', () => {
  it('says a count from none by its most', () => {
    expect(describeCount(0, 3)).toBe('at most 3 items');
    expect(describeCount(0, 1, 'byte')).toBe('at most 1 byte');
    expect(describeCount(2, 5, 'entry')).toBe('2 to 5 entries');
    expect(describeCount(1, null)).toBe('at least 1 item');
    expect(describeCount(0, 0)).toBe('0 items');
  });
});
