/**
 * `.plus` (RFC 9165 §2.1): "The target and controller MUST be numeric. If the target is a floating
 * point number and the controller an integer number, or vice versa, the sum is converted into the
 * type of the target; converting from a floating point number to an integer selects its floor."
 * Operands are types, so the result is the set of every sum (§2: "a function of the elements of the
 * cross-product of the two types"):
 * - integers: the sums of the two sets of intervals (`1..3 .plus 10` is 11..13), within CBOR's range;
 * - an integer target and a float controller: n + floor(x), the floor of each float the controller has;
 * - a float target: the sums as real numbers, a float of the target's widths matching when its value
 *   is one of them (`1.5 .plus 1` is 2.5, `(0.5..1.5) .plus 1` is 1.5..2.5, `float .plus 1` every
 *   float, as every real number is some real number plus one). Sums of finitely many values are
 *   computed in binary64.
 * What one float range cannot say (sums in separate ranges, `(0.5..0.7) .plus (1..2)`) and the floors
 * of floats that are not every integer in their range are refused.
 */
import { printType } from '../ir/print.js';
import type { IrType } from '../ir/types.js';
import { normalise } from './intervals.js';
import type { ScalarShape } from './scalars.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type FloatRange, type Interval, type ShapeContext, UNBOUNDED_MAX, UNBOUNDED_MIN, unsupported } from './shapes.js';

/** At most this many values (or pairs of integer ranges) are computed; more is a resource limit, like the nesting depth. */
export const MAX_COMPUTED_VALUES = 4096;

type Control = Extract<IrType, { kind: 'control' }>;
type IntShape = Extract<ScalarShape, { kind: 'int' }>;
type FloatShape = Extract<ScalarShape, { kind: 'float' }>;

/** The numbers a float operand adds: finitely many, or a range (a float type without either is every float: an unbounded range). */
type Addends = { values: number[] } | { range: FloatRange; integers?: true };

/** Below this magnitude every integer is a float of the width (2^11, 2^24, 2^53: the significand's bits and one). */
const EVERY_INTEGER_BELOW: Record<16 | 32 | 64, number> = { 16: 2 ** 11, 32: 2 ** 24, 64: 2 ** 53 };

export function sumShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  const numeric = (s: ScalarShape | null) => (s?.kind === 'int' && s.bits === undefined) || s?.kind === 'float';
  if (!numeric(target) || !numeric(controller) || controller === null) return unsupported(ctx, type.span, `.plus between types that are not both numbers (RFC 9165 §2.1): ${printType(type)}`);
  if (target.kind === 'int') {
    const addends = controller.kind === 'int' ? controller.intervals : floorsOf(controller as FloatShape);
    if (addends === null) return notOneRange(type, ctx, 'the floors of floats that are not every integer in their range');
    return integerSum(target, addends, type, ctx);
  }
  return floatSum(target as FloatShape, controller as IntShape | FloatShape, type, ctx);
}

function integerSum(target: IntShape, addends: Interval[], type: Control, ctx: ShapeContext): ScalarShape {
  if (target.intervals.length * addends.length > MAX_COMPUTED_VALUES) {
    return unsupported(ctx, type.span, `.plus of two integer types with more than ${MAX_COMPUTED_VALUES} pairs of ranges: ${printType(type)}`);
  }
  const sums: Interval[] = [];
  for (const a of target.intervals) {
    for (const b of addends) {
      // Only integers CBOR can hold (major types 0 and 1) are data items of an integer type.
      const lo = a.lo + b.lo < CBOR_INT_MIN ? CBOR_INT_MIN : a.lo + b.lo;
      const hi = a.hi + b.hi > CBOR_INT_MAX ? CBOR_INT_MAX : a.hi + b.hi;
      if (lo <= hi) sums.push({ lo, hi });
    }
  }
  return { kind: 'int', intervals: normalise(sums) };
}

/** The floors of the floats a float type has, as integer intervals; null where they are not every integer of a range (floats beyond 2^53 are sparse). */
function floorsOf(shape: FloatShape): Interval[] | null {
  if (shape.values !== null) {
    const floors = shape.values.filter(Number.isFinite).map((x) => BigInt(Math.floor(x)));
    return normalise(floors.map((f) => ({ lo: f, hi: f })));
  }
  const range = shape.range ?? { min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true };
  const limit = EVERY_INTEGER_BELOW[Math.max(...shape.widths) as 16 | 32 | 64];
  if (!(range.min >= -limit && range.max <= limit)) return null;
  const lo = Math.floor(range.min);
  // An exclusive integer bound is not reached: the floats below 3.0 have floors up to 2.
  const hi = !range.maxInclusive && Number.isInteger(range.max) ? range.max - 1 : Math.floor(range.max);
  return lo <= hi ? [{ lo: BigInt(lo), hi: BigInt(hi) }] : [];
}

function floatSum(target: FloatShape, controller: IntShape | FloatShape, type: Control, ctx: ShapeContext): ScalarShape {
  const every: FloatShape = { kind: 'float', widths: target.widths, values: null };
  const addends = addendsOf(controller);
  if (addends === null) return notOneRange(type, ctx, `more than ${MAX_COMPUTED_VALUES} sums`);
  if (target.values === null && target.range === undefined) return every; // every real number plus a number is a real number
  const ranges: FloatRange[] = [];
  if (target.values !== null && 'values' in addends) {
    if (target.values.length * addends.values.length > MAX_COMPUTED_VALUES) return notOneRange(type, ctx, `more than ${MAX_COMPUTED_VALUES} sums`);
    const sums = target.values.flatMap((a) => addends.values.map((b) => a + b));
    return { kind: 'float', widths: target.widths, values: [...new Set(sums)].sort((x, y) => x - y) };
  }
  if ('integers' in addends && !fillsUnitGaps(target)) return notOneRange(type, ctx, 'sums in separate ranges');
  const own = target.values !== null ? target.values.map((v): FloatRange => ({ min: v, max: v, minInclusive: true, maxInclusive: true })) : [target.range as FloatRange];
  const added = 'values' in addends ? addends.values.map((v): FloatRange => ({ min: v, max: v, minInclusive: true, maxInclusive: true })) : [addends.range];
  if (own.length * added.length > MAX_COMPUTED_VALUES) return notOneRange(type, ctx, `more than ${MAX_COMPUTED_VALUES} sums`);
  for (const a of own) {
    for (const b of added) ranges.push({ min: a.min + b.min, max: a.max + b.max, minInclusive: a.minInclusive && b.minInclusive, maxInclusive: a.maxInclusive && b.maxInclusive });
  }
  const merged = mergeRanges(ranges);
  if (merged.length !== 1) return notOneRange(type, ctx, 'sums in separate ranges');
  const [range] = merged as [FloatRange];
  if (range.min === -Infinity && range.max === Infinity && range.minInclusive && range.maxInclusive) return every;
  return { kind: 'float', widths: target.widths, values: null, range };
}

/** What a numeric controller adds to a float: its values (an integer interval counted out), or its range. */
function addendsOf(controller: IntShape | FloatShape): Addends | null {
  if (controller.kind === 'float') {
    if (controller.values !== null) return { values: controller.values };
    // Every float: infinities and NaN included, whose sums with a float are those again.
    return { range: controller.range ?? { min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true } };
  }
  const toNumber = (n: bigint) => (n <= UNBOUNDED_MIN ? -Infinity : n >= UNBOUNDED_MAX ? Infinity : Number(n));
  let count = 0n;
  for (const i of controller.intervals) count += i.hi - i.lo + 1n;
  if (count <= BigInt(MAX_COMPUTED_VALUES)) {
    const values: number[] = [];
    for (const i of controller.intervals) for (let n = i.lo; n <= i.hi; n++) values.push(Number(n));
    return { values };
  }
  // Many integers, one interval: a range whose gaps the target's own range must fill (floatSum checks).
  const [only] = controller.intervals;
  if (controller.intervals.length !== 1 || only === undefined) return null;
  return { range: { min: toNumber(only.lo), max: toNumber(only.hi), minInclusive: true, maxInclusive: true }, integers: true };
}

/** Whether a float type is a range at least 1 wide, so that its sums with consecutive integers meet: [0, 1) + 0 and [0, 1) + 1 do, (0, 1) + 0 and (0, 1) + 1 leave out 1. */
function fillsUnitGaps(target: FloatShape): boolean {
  const r = target.range;
  if (target.values !== null || r === undefined) return false;
  return r.max - r.min > 1 || (r.max - r.min === 1 && (r.minInclusive || r.maxInclusive));
}

/** Ranges merged where they overlap or touch, sorted. */
function mergeRanges(ranges: FloatRange[]): FloatRange[] {
  const sorted = [...ranges].sort((x, y) => x.min - y.min || Number(y.minInclusive) - Number(x.minInclusive));
  const out: FloatRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && (r.min < last.max || (r.min === last.max && (r.minInclusive || last.maxInclusive)))) {
      if (r.max > last.max || (r.max === last.max && r.maxInclusive)) {
        last.maxInclusive = r.max === last.max ? last.maxInclusive || r.maxInclusive : r.maxInclusive;
        last.max = r.max;
      }
    } else out.push({ ...r });
  }
  return out;
}

function notOneRange(type: Control, ctx: ShapeContext, why: string): ScalarShape {
  return unsupported(ctx, type.span, `.plus with a floating-point operand whose sums are not one range of values (${why}), which this generator does not compute: ${printType(type)}`);
}
