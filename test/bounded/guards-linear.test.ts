/**
 * Guards and encoders are linear in the value however alternatives nest (issue 10, bounded). Work is
 * counted, not timed: every property or item the generated code reads from the value goes through
 * a Proxy that counts it. Each schema here tries alternatives one after another on the same value
 * with both going into it; without remembering what each rule found (memo.ts), every level doubled
 * the work (2^depth reads). A call remembers nothing for its first checks (CHECKS_BEFORE_REMEMBERING,
 * 256, in templates/cbor-checks.ts), so the work doubles for the first few levels and each level
 * adds the same past them: counted from 16 levels on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Generated } from './module.js';
import { counted, readsOf } from './reads.js';

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

/**
 * Past the levels checked before remembering starts, a level adds a few reads, not as many again as all the levels
 * below it (doubling work would): the point at which a call starts remembering moves the counts a little either way.
 * Checked as each level is counted, so that work that doubles fails at the second level rather than running on.
 */
function expectLevelAdded(counts: number[]): void {
  const i = counts.length - 1;
  if (i > 0) expect(counts[i], `level ${i + 16} after ${counts[i - 1]} (${counts.join(' ')})`).toBeLessThanOrEqual(1.2 * (counts[i - 1] as number));
}

/** 30 levels against 16: about 30/16 as many reads. */
function expectLinear(counts: number[]): void {
  expect(counts.at(-1), counts.join(' ')).toBeLessThanOrEqual(2.2 * (counts[0] as number));
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

describe.each(Object.keys(levels) as (keyof typeof levels)[])('%s nested 16..30 deep', (rule) => {
  it('isX, encodeX and validateX read each level about as much as the first', () => {
    const valid: number[] = [];
    const written: number[] = [];
    const invalid: number[] = [];
    for (let depth = 16; depth <= 30; depth++) {
      const value = nested(rule, depth);
      valid.push(readsOf(() => expect(g[`is${rule}`](value)).toBe(true)));
      written.push(readsOf(() => g[`encode${rule}`](value)));
      // Wrong only at the bottom: every alternative at every level fails there.
      const wrong = nested(rule, depth, 'wrong');
      invalid.push(readsOf(() => expect(g[`validate${rule}`](wrong)).not.toEqual([])));
      for (const counts of [valid, written, invalid]) expectLevelAdded(counts);
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
