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
