/**
 * Interval arithmetic on integer sets (bigint bounds).
 */
import { type Interval, SAFE_MAX, SAFE_MIN, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';

// ---- interval arithmetic -----------------------------------------------------

/** Sorted, disjoint, non-adjacent intervals (a plain integer type's stay within the CBOR range by construction). */
export function normalise(intervals: Interval[]): Interval[] {
  const sorted = intervals
    .map((i) => ({ lo: i.lo < UNBOUNDED_MIN ? UNBOUNDED_MIN : i.lo, hi: i.hi > UNBOUNDED_MAX ? UNBOUNDED_MAX : i.hi }))
    .filter((i) => i.lo <= i.hi)
    .sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last !== undefined && i.lo <= last.hi + 1n) {
      if (i.hi > last.hi) last.hi = i.hi;
    } else out.push({ ...i });
  }
  return out;
}

/**
 * The sum of two interval ends, where UNBOUNDED_MIN and UNBOUNDED_MAX stand for no end (`biguint`'s last integer): a sum
 * with an end that has none has none either (`biguint .plus -5` is every integer from −5, not up to 2^8192 − 5).
 */
export function addEnds(a: bigint, b: bigint): bigint {
  if (a >= UNBOUNDED_MAX || b >= UNBOUNDED_MAX) return UNBOUNDED_MAX;
  if (a <= UNBOUNDED_MIN || b <= UNBOUNDED_MIN) return UNBOUNDED_MIN;
  return a + b;
}

/**
 * The integers an integer shape holds, as ranges: its intervals, or under `.bits` those that set no other bit
 * (`(0..9) .bits 1`: 0 and 2); null where they are more than MOST_MASKED_RANGES ranges.
 */
export function heldIntegers(shape: { intervals: Interval[]; bits?: bigint }): Interval[] | null {
  return shape.bits === undefined ? shape.intervals : maskedIntervals(shape.intervals, shape.bits, MOST_MASKED_RANGES);
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = x.lo > y.lo ? x.lo : y.lo;
      const hi = x.hi < y.hi ? x.hi : y.hi;
      if (lo <= hi) out.push({ lo, hi });
    }
  }
  return normalise(out);
}

/** The integers of the CBOR range that are not in the (normalised) set. */
export function complementOf(intervals: Interval[]): Interval[] {
  const out: Interval[] = [];
  let next = UNBOUNDED_MIN;
  for (const i of intervals) {
    if (i.lo > next) out.push({ lo: next, hi: i.lo - 1n });
    next = i.hi + 1n;
  }
  if (next <= UNBOUNDED_MAX) out.push({ lo: next, hi: UNBOUNDED_MAX });
  return out;
}

/** True when every value of the set is a safe JavaScript integer, so `number` represents it. */
export function fitsNumber(intervals: Interval[]): boolean {
  return intervals.every((i) => i.lo >= SAFE_MIN && i.hi <= SAFE_MAX);
}

export function isUnsigned(intervals: Interval[]): boolean {
  return intervals.every((i) => i.lo >= 0n);
}

/** The most separate ranges of a `.bits` type that `.plus` adds or `.det` of `.printf` writes out ({@link maskedIntervals}). */
export const MOST_MASKED_RANGES = 4096;

/**
 * The integers of `intervals` that set only bits the mask has (`uint .bits mask`, RFC 8610 §3.8.2) as intervals: the
 * mask's run of bits from bit 0 is one interval from each number its other bits make (`.bits (0..3 / 8)` is 0..15 and
 * 256..271); null when those other bits make more than `most` numbers.
 */
export function maskedIntervals(intervals: Interval[], mask: bigint, most: number): Interval[] | null {
  let low = 0n;
  while (((mask >> low) & 1n) === 1n) low++;
  const higher: bigint[] = [];
  for (let rest = mask >> low, bit = low; rest > 0n; rest >>= 1n, bit++) if ((rest & 1n) === 1n) higher.push(1n << bit);
  if (higher.length > 30 || 2 ** higher.length > most) return null;
  const block = (1n << low) - 1n;
  const starts = Array.from({ length: 2 ** higher.length }, (_, k) => higher.reduce((n, bit, i) => ((k >> i) & 1 ? n | bit : n), 0n));
  return intersect(
    starts.map((lo) => ({ lo, hi: lo + block })),
    intervals,
  );
}
