/**
 * Guards and encoders are linear in the value however alternatives nest (issue 10, bounded). Work is
 * counted, not timed: every property or item the generated code reads from the value goes through
 * a Proxy that counts it. Each schema here tries alternatives one after another on the same value
 * with both going into it; without remembering what each rule found (memo.ts), every level doubled
 * the work (2^depth reads).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Generated } from './module.js';

const SCHEMA = `
t = a / b / null
a = { x: t, k: 1 }
b = { x: t, k: 2 }
l = [l] / [l, int] / null
m = { a: m } / { a: m, b: int } / null
v = { (a: v / null, ? b: tstr) // (a: v / null, ? b: int) }
w = { a: w / null, (c: 1..3 // c: 2..4) }
; Each repetition's alternatives part at k (with k alike, a y would be written as items read back as an x: general).
g = [ + (x: g2, k: 1 // y: g2, k: 2) ]
g2 = g / null
e = #6.1(e) / #6.2(e)
; A greedy repetition (RFC 8610 Appendix A) tests the element after its items against its item type, then checks it as the member after.
r = [* r1, r2] / null
r1 = [1, r, 2]
r2 = [1, r, 3]
; An optional member before a repetition tests the element after the 1, then the repetition checks it when the test failed;
; alternatives that part at one member test the element there, then the one that takes it checks it.
o = [1, ? o, * o] / null
f = [1, (+ f2 // 0)] / null
f2 = [1, f]
`;

type Rules = 'T' | 'L' | 'M' | 'V' | 'W' | 'G' | 'R' | 'O' | 'F' | 'E';
let g: Generated<Rules>;

beforeAll(async () => {
  g = (await load<Rules>('guards-linear', SCHEMA)).module;
});

let reads = 0;

/** `value` behind a Proxy that counts the reads of its properties (items of arrays included). */
function counted<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Reads made by `f`. */
function readsOf(f: () => unknown): number {
  reads = 0;
  f();
  return reads;
}

/** Each level must add about as many reads as the first one did (doubling work adds more and more). */
function expectLinear(counts: number[]): void {
  const increments = counts.slice(1).map((c, i) => c - (counts[i] as number));
  const first = increments[0] as number;
  expect(first).toBeGreaterThan(0);
  for (const [i, inc] of increments.entries()) expect(inc, `reads added by level ${i + 2}: ${inc}, first level added ${first} (${counts.join(' ')})`).toBeLessThanOrEqual(first * 1.5);
}

/** One level around `inner`, of a value each rule accepts, whose alternative the check can tell only after going into `inner`. */
const levels: Record<Exclude<Rules, 'E'>, (inner: unknown) => unknown> = {
  T: (inner) => ({ x: inner, k: 2 }),
  L: (inner) => [inner, 3],
  M: (inner) => ({ a: inner, b: 1 }),
  V: (inner) => ({ a: inner, b: 5 }),
  W: (inner) => ({ a: inner, c: 3 }),
  G: (inner) => [{ y: inner, k: 2 }],
  R: (inner) => [[1, inner, 3]],
  O: (inner) => [1, inner],
  F: (inner) => [1, [1, inner]],
};

function nested(rule: keyof typeof levels, depth: number, last: unknown = null): unknown {
  let value = last;
  for (let i = 0; i < depth; i++) value = counted(levels[rule](value));
  return value;
}

describe.each(Object.keys(levels) as (keyof typeof levels)[])('%s nested 1..14 deep', (rule) => {
  it('isX, encodeX and validateX read each level about as much as the first', () => {
    const valid: number[] = [];
    const written: number[] = [];
    const invalid: number[] = [];
    for (let depth = 1; depth <= 14; depth++) {
      const value = nested(rule, depth);
      valid.push(readsOf(() => expect(g[`is${rule}`](value)).toBe(true)));
      written.push(readsOf(() => g[`encode${rule}`](value)));
      // Wrong only at the bottom: every alternative at every level fails there.
      const wrong = nested(rule, depth, 'wrong');
      invalid.push(readsOf(() => expect(g[`validate${rule}`](wrong)).not.toEqual([])));
    }
    expectLinear(valid);
    expectLinear(written);
    expectLinear(invalid);
  });

  it('a value that contains itself is refused, in a bounded number of reads', () => {
    const cyclic = levels[rule](null) as Record<string | number, unknown>;
    const inner = (Array.isArray(cyclic) && (rule === 'G' || rule === 'R') ? cyclic[0] : rule === 'F' ? cyclic[1] : cyclic) as Record<string | number, unknown>;
    inner[rule === 'T' ? 'x' : rule === 'L' ? 0 : rule === 'G' ? 'y' : rule === 'R' || rule === 'O' || rule === 'F' ? 1 : 'a'] = cyclic;
    const value = counted(cyclic);
    expect(readsOf(() => expect(g[`is${rule}`](value)).toBe(false))).toBeLessThan(50_000);
  });
});

it('e = #6.1(e) / #6.2(e) has no value, and its guard says so for any value at once (it tried 2^256 ways)', () => {
  for (const value of [5, null, {}, [[[]]], { tag: 1, value: 5 }]) {
    expect(g.isE(value)).toBe(false);
    expect(g.validateE(value)).toHaveLength(1);
    expect(() => g.encodeE(value)).toThrow();
  }
});
