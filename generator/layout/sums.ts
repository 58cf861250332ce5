/**
 * `.plus` (RFC 9165 §2.1): "The target and controller MUST be numeric. If the target is a floating
 * point number and the controller an integer number, or vice versa, the sum is converted into the
 * type of the target; converting from a floating point number to an integer selects its floor."
 * Operands are types, so the result is the set of every sum (§2: "a function of the elements of the
 * cross-product of the two types"):
 * - integers: the sums of the two sets of intervals (`1..3 .plus 10` is 11..13), within CBOR's range, merged;
 *   more than MAX_COMPUTED_VALUES separate sums (or MAX_SUMMED_PAIRS pairs to add) is a resource limit;
 * - an integer target and a float controller: n + floor(x), the floor of each float the controller has
 *   (floor-sums.ts: every integer where floats are dense, their grid beyond, gaps filled by the target,
 *   or evenly spaced runs where it does not fill them);
 * - a float target: the sums as real numbers, a float of the target's widths matching when its value
 *   is one of them (`1.5 .plus 1` is 2.5, `(0.5..1.5) .plus 1` is 1.5..2.5, `float .plus 1` every
 *   float, as every real number is some real number plus one). Sums of finitely many values are
 *   computed in binary64.
 * Sums in separate ranges (`(0.5..0.7) .plus (1..2)`) are a union of ranges (float-ranges.ts), each bound exact.
 */
import { printType } from '../ir/print.js';
import type { IrType } from '../ir/types.js';
import { EVERY_FLOAT, mergeRanges, rangesProperty } from './float-ranges.js';
import { type IntegerSteps, floorSums } from './floor-sums.js';
import { addEnds, normalise } from './intervals.js';
import type { ScalarShape } from './scalars.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type FloatRange, type Interval, type ShapeContext, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';

/** At most this many values (or pairs of integer ranges) are computed; more is a resource limit, like the nesting depth. */
export const MAX_COMPUTED_VALUES = 4096;

/** At most this many pairs of integer ranges are added (each two bigint sums: about a tenth of a second in all); the sums are then merged, and at most MAX_COMPUTED_VALUES ranges kept. */
const MAX_SUMMED_PAIRS = 1 << 16;

type Control = Extract<IrType, { kind: 'control' }>;
type IntShape = Extract<ScalarShape, { kind: 'int' }>;
type FloatShape = Extract<ScalarShape, { kind: 'float' }>;

/** The numbers a float operand adds: finitely many, or a range (a float type without either is every float: an unbounded range). */
type Addends = { values: number[] } | { ranges: FloatRange[]; integers?: true };

/**
 * The sums of two numeric shapes (one group of each operand: plus-operands.ts): integers, or floats of the
 * target's widths. Integer sums in evenly spaced runs (floor-sums.ts) go to `steps` when it is given (the
 * general matcher's program); the typed layouts, which say integers as ranges, refuse them.
 */
export function sumShape(target: IntShape | FloatShape, controller: IntShape | FloatShape, type: Control, ctx: ShapeContext, steps?: IntegerSteps[]): IntShape | FloatShape {
  if (target.kind === 'int') {
    if (controller.kind === 'int') return integerSum(target, controller.intervals, type, ctx);
    const sums = floorSums(target, controller);
    if (sums.steps.length > 0 && steps === undefined) return unsupported(ctx, type.span, `.plus of an integer type and a float type whose sums are more than ${MAX_COMPUTED_VALUES} ranges: evenly spaced runs of integers, as beyond 2^precision the floats are further apart than the integer type is wide: ${printType(type)}`);
    if (sums.intervals.length + sums.steps.length + (steps?.length ?? 0) > MAX_COMPUTED_VALUES) return unsupported(ctx, type.span, `.plus of an integer type and the floors of a float type in more than ${MAX_COMPUTED_VALUES} separate ranges and evenly spaced runs: ${printType(type)}`);
    steps?.push(...sums.steps);
    return { kind: 'int', intervals: sums.intervals, ...(target.bignum === true ? { bignum: true as const } : {}) };
  }
  return floatSum(target, controller, type, ctx);
}

/** Integer sums in more than MAX_COMPUTED_VALUES separate ranges: a resource limit. */
export function integerSumsRefusal(type: Control, ctx: ShapeContext): never {
  return unsupported(ctx, type.span, `.plus of two integer types whose sums are more than ${MAX_COMPUTED_VALUES} separate ranges, or more than ${MAX_SUMMED_PAIRS} pairs of ranges to add: ${printType(type)}`);
}

function integerSum(target: IntShape, addends: Interval[], type: Control, ctx: ShapeContext): IntShape {
  const refuse = () => integerSumsRefusal(type, ctx);
  if (target.intervals.length * addends.length > MAX_SUMMED_PAIRS) return refuse();
  // The sum is of the target's type (§2.1): a plain integer type's data items hold 64 bits (major types 0 and 1),
  // one that takes bignums (`biguint`, `integer`) holds every integer, beyond 64 bits as a bignum (`integer .plus 0` is `integer`).
  const [least, greatest] = target.bignum === true ? [UNBOUNDED_MIN, UNBOUNDED_MAX] : [CBOR_INT_MIN, CBOR_INT_MAX];
  const sums: Interval[] = [];
  for (const a of target.intervals) {
    for (const b of addends) {
      const [lo0, hi0] = [addEnds(a.lo, b.lo), addEnds(a.hi, b.hi)];
      const lo = lo0 < least ? least : lo0;
      const hi = hi0 > greatest ? greatest : hi0;
      if (lo <= hi) sums.push({ lo, hi });
    }
  }
  // Many pairs often sum to few ranges (`v .plus v` with v the even numbers to 128 is 4225 pairs, 129 sums); it is the ranges the checks test.
  const intervals = normalise(sums);
  if (intervals.length > MAX_COMPUTED_VALUES) return refuse();
  return { kind: 'int', intervals, ...(target.bignum === true ? { bignum: true as const } : {}) };
}

function floatSum(target: FloatShape, controller: IntShape | FloatShape, type: Control, ctx: ShapeContext): FloatShape {
  const every: FloatShape = { kind: 'float', widths: target.widths, values: null };
  if (target.values === null && target.ranges === undefined) return every; // every real number plus a number is a real number
  const addends = addendsOf(controller);
  if (target.values !== null && 'values' in addends) {
    if (target.values.length * addends.values.length > MAX_COMPUTED_VALUES) return floatSumsRefusal(type, ctx);
    // A sum beyond every finite float (binary64 rounds it to an infinity) is a real number no float equals.
    const sums = target.values.flatMap((a) => addends.values.map((b) => a + b)).filter(Number.isFinite);
    if (sums.length === 0) return { kind: 'float', widths: target.widths, values: null, ranges: [] };
    return { kind: 'float', widths: target.widths, values: [...new Set(sums)].sort((x, y) => x - y) };
  }
  if ('integers' in addends && !fillsUnitGaps(target)) return floatSumsRefusal(type, ctx);
  const point = (v: number): FloatRange => ({ min: v, max: v, minInclusive: true, maxInclusive: true });
  const own = target.values !== null ? target.values.map(point) : (target.ranges as FloatRange[]);
  const added = 'values' in addends ? addends.values.map(point) : addends.ranges;
  if (own.length * added.length > MAX_COMPUTED_VALUES) return floatSumsRefusal(type, ctx);
  const ranges = mergeRanges(own.flatMap((a) => added.map((b) => sumOfRanges(a, b))));
  return { kind: 'float', widths: target.widths, values: null, ...rangesProperty(ranges) };
}

/**
 * The floats whose real values are in a + b. The sums of the bounds are rounded to binary64, so each
 * bound is taken with its rounding error (TwoSum, exact in binary64): where the real bound lies
 * between two floats, a float is beyond it exactly when it is beyond the rounded bound on the far
 * side, so the bound stays the rounded sum and only whether it is included changes. Every float is
 * a binary64, so comparing in binary64 against such a bound is exact for every width.
 */
function sumOfRanges(a: FloatRange, b: FloatRange): FloatRange {
  const lo = roundedSum(a.min, b.min);
  const hi = roundedSum(a.max, b.max);
  const minInclusive = a.minInclusive && b.minInclusive;
  const maxInclusive = a.maxInclusive && b.maxInclusive;
  return {
    min: lo.sum,
    // Real bound above the rounded one: only floats above it count; below it: the rounded one is the least float within.
    minInclusive: lo.error > 0 ? false : lo.error < 0 ? true : minInclusive,
    max: hi.sum,
    maxInclusive: hi.error < 0 ? false : hi.error > 0 ? true : maxInclusive,
  };
}

/** x + y rounded to binary64, and the sign of what rounding lost (exact sum − rounded sum; 0 when exact or infinite). */
function roundedSum(x: number, y: number): { sum: number; error: number } {
  const sum = x + y;
  if (!Number.isFinite(sum) || !Number.isFinite(x) || !Number.isFinite(y)) return { sum, error: 0 };
  const yPart = sum - x;
  return { sum, error: Math.sign(x - (sum - yPart) + (y - yPart)) };
}

/** What a numeric controller adds to a float: its values (integer intervals counted out when few), or its ranges. */
function addendsOf(controller: IntShape | FloatShape): Addends {
  if (controller.kind === 'float') {
    if (controller.values !== null) return { values: controller.values };
    // Every float: infinities and NaN included, whose sums with a float are those again.
    return { ranges: controller.ranges ?? [EVERY_FLOAT] };
  }
  const toNumber = (n: bigint) => (n <= UNBOUNDED_MIN ? -Infinity : n >= UNBOUNDED_MAX ? Infinity : Number(n));
  let count = 0n;
  for (const i of controller.intervals) count += i.hi - i.lo + 1n;
  if (count <= BigInt(MAX_COMPUTED_VALUES)) {
    const values: number[] = [];
    for (const i of controller.intervals) for (let n = i.lo; n <= i.hi; n++) values.push(Number(n));
    return { values };
  }
  // Many integers: ranges whose gaps the target's own range must fill (floatSum checks).
  return { ranges: controller.intervals.map((i) => ({ min: toNumber(i.lo), max: toNumber(i.hi), minInclusive: true, maxInclusive: true })), integers: true };
}

/** Whether a float type is a range at least 1 wide, so that its sums with consecutive integers meet: [0, 1) + 0 and [0, 1) + 1 do, (0, 1) + 0 and (0, 1) + 1 leave out 1. */
function fillsUnitGaps(target: FloatShape): boolean {
  const r = target.ranges?.length === 1 ? target.ranges[0] : undefined;
  if (target.values !== null || r === undefined) return false;
  return r.max - r.min > 1 || (r.max - r.min === 1 && (r.minInclusive || r.maxInclusive));
}

/** A float target plus many integers, which its range does not fill the gaps between, or more sums than computed. */
export function floatSumsRefusal(type: Control, ctx: ShapeContext): never {
  return unsupported(ctx, type.span, `.plus with a floating-point operand whose sums are more than ${MAX_COMPUTED_VALUES} separate values or ranges: ${printType(type)}`);
}
