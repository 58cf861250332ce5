/**
 * `.lt .le .gt .ge` with controllers of several numbers (layout/comparison-bounds.ts) against brute force: random
 * targets (`int`, `float`, `number`) compared with choices of integer and float literals, ranges with closed and open
 * ends, the prelude's number types, `any` and `tstr` (no number), on every integer from -3 to 3 and every float from -3 to 3 in halves, ±0.0,
 * ±Infinity and NaN. A controller of several values is their union, so a value meets the control where it meets it
 * with one of them (RFC 8610 §2.2.2, §3.8.6); the general matcher and the typed decoders must agree with that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { CborReader } from '../../templates/runtime.js';
import { explain } from '../../templates/matcher.js';
import { load } from '../bounded/module.js';
import { decodes } from '../support/errors.js';

type Op = 'lt' | 'le' | 'gt' | 'ge';
type Option = { int: number } | { float: number } | { ints: [number, number, boolean] } | { floats: [number, number, boolean] } | { prim: 'uint' | 'nint' | 'int' | 'float' | 'biguint' | 'any' | 'tstr' };
interface Case {
  target: 'int' | 'float' | 'number';
  op: Op;
  options: Option[];
}

const half = fc.integer({ min: -6, max: 6 }).map((n) => n / 2);
const int = fc.integer({ min: -3, max: 3 });
const option: fc.Arbitrary<Option> = fc.oneof(
  int.map((n): Option => ({ int: n })),
  half.map((n): Option => ({ float: n })),
  fc.tuple(int, int, fc.boolean()).map(([a, b, inclusive]): Option => ({ ints: [Math.min(a, b), Math.max(a, b), inclusive] })),
  fc.tuple(half, half, fc.boolean()).map(([a, b, inclusive]): Option => ({ floats: [Math.min(a, b), Math.max(a, b), inclusive] })),
  fc.constantFrom<Option>({ prim: 'uint' }, { prim: 'nint' }, { prim: 'int' }, { prim: 'float' }, { prim: 'biguint' }, { prim: 'any' }, { prim: 'tstr' }),
);
const cases: fc.Arbitrary<Case> = fc.record({
  target: fc.constantFrom('int' as const, 'float' as const, 'number' as const),
  op: fc.constantFrom<Op>('lt', 'le', 'gt', 'ge'),
  options: fc.array(option, { minLength: 1, maxLength: 3 }),
});

/** A float literal as CDDL writes one (a decimal point or exponent). */
const floatText = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : `${x}`);

const optionText = (o: Option): string => {
  if ('int' in o) return `${o.int}`;
  if ('float' in o) return floatText(o.float);
  if ('ints' in o) return `(${o.ints[0]} ${o.ints[2] ? '..' : '...'} ${o.ints[1]})`;
  if ('floats' in o) return `(${floatText(o.floats[0])} ${o.floats[2] ? '..' : '...'} ${floatText(o.floats[1])})`;
  return o.prim;
};

const schema = (c: Case): string => `a = ${c.target} .${c.op} (${c.options.map(optionText).join(' / ')})\n`;

const compare = (op: Op, v: number, c: number): boolean => (op === 'lt' ? v < c : op === 'le' ? v <= c : op === 'gt' ? v > c : v >= c);

/** Whether `v` meets the comparison with some value of the option (none where the option has no value). */
function meets(op: Op, v: number, o: Option): boolean {
  if (Number.isNaN(v)) return false;
  const upward = op === 'gt' || op === 'ge';
  if ('int' in o) return compare(op, v, o.int);
  if ('float' in o) return compare(op, v, o.float);
  if ('ints' in o) {
    const [lo, hi, inclusive] = o.ints;
    const last = inclusive ? hi : hi - 1;
    return lo <= last && compare(op, v, upward ? lo : last);
  }
  if ('floats' in o) {
    const [lo, hi, inclusive] = o.floats;
    if (inclusive ? lo > hi : lo >= hi) return false;
    // An open end is no value, but every float below it is; these values lie a half apart, so below it is enough.
    if (!upward && !inclusive) return v < hi;
    return compare(op, v, upward ? lo : hi);
  }
  switch (o.prim) {
    case 'uint':
    case 'biguint':
      // Integers without end above: every number below +Infinity is below one of them.
      return upward ? compare(op, v, 0) : v !== Infinity;
    case 'nint':
      return upward ? v !== -Infinity : compare(op, v, -1);
    case 'int':
      return upward ? v !== -Infinity : v !== Infinity;
    case 'float':
    case 'any':
      // ±Infinity are floats: .le takes +Infinity itself.
      return op === 'le' || op === 'ge' ? true : upward ? v !== -Infinity : v !== Infinity;
    case 'tstr':
      // No number to compare with.
      return false;
  }
}

const INTS = [-3, -2, -1, 0, 1, 2, 3];
const FLOATS = [...Array.from({ length: 13 }, (_, i) => (i - 6) / 2), -0, Infinity, -Infinity, NaN];

/** The items tried: every integer and float of the universe, as data items, with whether the target takes each. */
function items(target: Case['target']): { bytes: Uint8Array; value: number; shown: string }[] {
  const out: { bytes: Uint8Array; value: number; shown: string }[] = [];
  if (target !== 'float') for (const n of INTS) out.push({ bytes: Uint8Array.from(n >= 0 ? [n] : [0x20 - 1 - n]), value: n, shown: `${n}` });
  if (target !== 'int') {
    for (const x of FLOATS) {
      const bytes = new Uint8Array(9);
      bytes[0] = 0xfb;
      new DataView(bytes.buffer).setFloat64(1, x);
      out.push({ bytes, value: x, shown: Object.is(x, -0) ? '-0.0' : floatText(x) });
    }
  }
  return out;
}

const expected = (c: Case, v: number): boolean => c.options.some((o) => meets(c.op, v, o));

describe('comparisons with several numbers against brute force', () => {
  it('the general matcher takes exactly the values that meet the comparison with one of them', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const text = schema(c);
        const program = lowerProgram(compileIr([{ path: 'x.cddl', text }]), ['a']);
        for (const item of items(c.target)) {
          const value = readCborValue(new CborReader(item.bytes), '', true);
          expect(explain(program, 'a', value) === null, `${item.shown} in ${text}`).toBe(expected(c, item.value));
        }
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it('the typed decoders take exactly the same values', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const text = schema(c);
        const { module } = await load<'A'>(`comparisons-${run++}`, text);
        for (const item of items(c.target)) {
          expect(decodes(module.decodeA, item.bytes), `${item.shown} in ${text}`).toBe(expected(c, item.value));
        }
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });
});
