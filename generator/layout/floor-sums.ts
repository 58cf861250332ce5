/**
 * `.plus` of an integer type and a float type (RFC 9165 §2.1): "If the target is a floating point number
 * and the controller an integer number, or vice versa, the sum is converted into the type of the target;
 * converting from a floating point number to an integer selects its floor (the largest integer less than
 * or equal to the floating point number)". With an integer target n and a float x the sum n + x becomes
 * floor(n + x) = n + floor(x), so the result is every n + floor(x).
 *
 * The floors of a float type's floats are runs: up to 2^precision every integer is a float of the width,
 * so the floors there are every integer from the least float's floor to the greatest's; beyond it each
 * binade [2^k, 2^(k+1)] holds only multiples of 2^(k−precision+1), so its floors are that grid. A target
 * interval at least one step wide fills the grid's gaps: the sums are one interval (`int .plus float` is
 * every integer of CBOR's range, since the floors include 0 and every step is far below the width of
 * `int`). A narrower one leaves a gap after each float: the sums are evenly spaced runs of integers,
 * `width` wide and `step` apart (`(1..3) .plus float` beyond 2^54: three integers in every four, then
 * three in every eight …). Up to MAX_COMPUTED_VALUES ranges in all they are listed as ranges
 * (`(0..30) .plus (float16 .ge 65000.0)`); beyond, no short list of ranges says them, so they stay
 * runs, which the general matcher's `steps` node (templates/program.ts) tests each integer against. Floors beyond ±2^66 are left out:
 * added to an integer CBOR holds (|n| ≤ 2^64), they give none it holds; a target that takes bignums (`biguint`,
 * `integer`: §2.1, the sum is of the target's type) has every integer, so its sums keep every floor and take bignums.
 */
import type { ScalarShape } from './scalars.js';
import { EVERY_FLOAT } from './float-ranges.js';
import { addEnds, normalise } from './intervals.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type FloatRange, type Interval, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import { MAX_COMPUTED_VALUES } from './sums.js';

type IntShape = Extract<ScalarShape, { kind: 'int' }>;
type FloatShape = Extract<ScalarShape, { kind: 'float' }>;

/**
 * Integers m with lo ≤ m ≤ hi and (m − lo) mod step < width (0 < width < step): a target interval plus the floors of
 * one stretch of sparse floats; `bignum`: as plain items or bignums (the sums of a target that takes bignums).
 */
export interface IntegerSteps {
  lo: bigint;
  hi: bigint;
  step: bigint;
  width: bigint;
  bignum?: true;
}

/**
 * The sums n + floor(x): integer intervals and evenly spaced runs where the target does not fill the gaps between
 * floors; within CBOR's range of plain integers, or (a target that takes bignums: `biguint`, `integer`) without end.
 */
export function floorSums(target: IntShape, controller: FloatShape): { intervals: Interval[]; steps: IntegerSteps[] } {
  const bignum = target.bignum === true;
  const [least, greatest] = bignum ? [UNBOUNDED_MIN, UNBOUNDED_MAX] : [CBOR_INT_MIN, CBOR_INT_MAX];
  // Floors beyond ±2^66 added to an integer CBOR holds give none it holds; a bignum target takes every float's floor.
  const runs = floorRuns(controller, bignum ? Infinity : 2 ** 66);
  const sums: Interval[] = [];
  const steps: IntegerSteps[] = [];
  for (const a of target.intervals) {
    for (const run of runs) {
      // Only floors whose sums can be in the target's range count, so a sparse run is cut to those first.
      const from = least - a.hi;
      const to = greatest - a.lo;
      const lo = run.lo >= from ? run.lo : run.lo + ceilDiv(from - run.lo, run.step) * run.step;
      const hi = run.hi <= to ? run.hi : run.hi - ceilDiv(run.hi - to, run.step) * run.step;
      if (lo > hi) continue;
      const width = a.hi - a.lo + 1n;
      // One floor, or a target as wide as the step: one interval. (The runs of a cut grid hold a sum in CBOR's range: a.lo + hi ≤ max, a.hi + lo ≥ min.)
      if (lo === hi || width >= run.step) sums.push({ lo: addEnds(a.lo, lo), hi: addEnds(a.hi, hi) });
      else steps.push({ lo: a.lo + lo, hi: a.hi + hi, step: run.step, width, ...(bignum ? { bignum: true as const } : {}) });
    }
  }
  // Few enough integers in the runs: listed as intervals, which the typed layouts say.
  let count = BigInt(sums.length);
  for (const run of steps) count += ((run.hi - run.lo) / run.step + 1n);
  if (count <= BigInt(MAX_COMPUTED_VALUES)) {
    for (const run of steps.splice(0)) for (let at = run.lo; at <= run.hi; at += run.step) sums.push({ lo: at, hi: at + run.width - 1n });
  }
  const clipped = sums.map((s) => ({ lo: s.lo < least ? least : s.lo, hi: s.hi > greatest ? greatest : s.hi })).filter((s) => s.lo <= s.hi);
  return { intervals: normalise(clipped), steps };
}

/** A float width's significand bits (and one), least exponent of a normal float, and greatest finite value (RFC 8949 §3.3, IEEE 754). */
const WIDTH: Record<16 | 32 | 64, { precision: number; minExponent: number; maxFinite: number }> = {
  16: { precision: 11, minExponent: -14, maxFinite: 65504 },
  32: { precision: 24, minExponent: -126, maxFinite: 3.4028234663852886e38 },
  64: { precision: 53, minExponent: -1022, maxFinite: Number.MAX_VALUE },
};

/** Integers n .. n + k·step: the floors of the floats of one stretch (every integer where floats are dense, their own grid beyond 2^precision). */
interface FloorRun {
  lo: bigint;
  hi: bigint;
  step: bigint;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  return (n + d - 1n) / d;
}

/** The floors of a float type's floats within ±`limit`, as runs (see above). */
function floorRuns(shape: FloatShape, limit: number): FloorRun[] {
  if (shape.values !== null) {
    return shape.values.filter(Number.isFinite).map((x) => {
      const f = BigInt(Math.floor(x));
      return { lo: f, hi: f, step: 1n };
    });
  }
  // The sets of the widths nest (every float16 is a float32, every float32 a float64): the widest decides.
  const width = WIDTH[Math.max(...shape.widths) as 16 | 32 | 64];
  return (shape.ranges ?? [EVERY_FLOAT]).flatMap((range) => rangeFloorRuns(range, width, limit));
}

/** The floors of the floats of one range (see above). */
function rangeFloorRuns(range: FloatRange, width: (typeof WIDTH)[16], limit: number): FloorRun[] {
  const least = Math.max(leastFloat(range.min, range.minInclusive, width), -limit);
  const greatest = Math.min(-leastFloat(-range.max, range.maxInclusive, width), limit);
  if (!(least <= greatest)) return [];
  const dense = 2 ** width.precision;
  const runs: FloorRun[] = [];
  const denseLo = Math.max(Math.floor(least), -dense);
  const denseHi = Math.min(Math.floor(greatest), dense);
  if (denseLo <= denseHi) runs.push({ lo: BigInt(denseLo), hi: BigInt(denseHi), step: 1n });
  for (let k = width.precision; 2 ** k < limit; k++) {
    const step = 2 ** (k - width.precision + 1);
    for (const [from, to] of [[2 ** k, 2 ** (k + 1)], [-(2 ** (k + 1)), -(2 ** k)]] as const) {
      // Floats here are multiples of step, and least and greatest are floats: rounding onto the grid is exact.
      const lo = Math.ceil(Math.max(from, least) / step) * step;
      const hi = Math.floor(Math.min(to, greatest) / step) * step;
      if (lo <= hi) runs.push({ lo: BigInt(lo), hi: BigInt(hi), step: BigInt(step) });
    }
  }
  return runs;
}

/** The least finite float of the width at or above x (above it when not inclusive); Infinity when there is none. */
function leastFloat(x: number, inclusive: boolean, width: (typeof WIDTH)[16]): number {
  if (x > width.maxFinite || (x === width.maxFinite && !inclusive)) return Infinity;
  if (x < -width.maxFinite) return -width.maxFinite;
  const up = Math.ceil(x / spacingAt(x, width)) * spacingAt(x, width);
  if (up !== x || inclusive) return up;
  // x is a float of the width: the next one up. Below zero at a power of two the floats above are twice as dense.
  const magnitude = Math.abs(x);
  const below = x < 0 && magnitude === 2 ** exponentOf(magnitude) && exponentOf(magnitude) > width.minExponent;
  return x + (below ? spacingAt(x, width) / 2 : spacingAt(x, width));
}

/** The distance between floats of the width in the binade of x (the subnormal spacing near zero). */
function spacingAt(x: number, width: (typeof WIDTH)[16]): number {
  const e = x === 0 ? width.minExponent : Math.max(exponentOf(Math.abs(x)), width.minExponent);
  return 2 ** (e - width.precision + 1);
}

/** floor(log2 m) for a positive finite binary64, read from its bits (Math.log2 rounds near powers of two). */
function exponentOf(m: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, m);
  const biased = (view.getUint16(0) >> 4) & 0x7ff;
  // A subnormal is below every width's least normal exponent, which spacingAt takes instead.
  return biased === 0 ? -1023 : biased - 1023;
}
