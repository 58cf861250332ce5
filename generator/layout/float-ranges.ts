/**
 * Sets of floats as unions of ranges: a float shape's `ranges` (sorted, disjoint; absent is every float,
 * empty none). One range is what a CDDL range or comparisons say; several come from `.plus`
 * (`(0.5..0.7) .plus (1..2)` is 1.5..1.7 and 2.5..2.7, RFC 9165 §2.1), and an intersection or a
 * comparison keeps what each range keeps.
 */
import type { FloatRange, Shape } from './shapes.js';

type FloatShape = Extract<Shape, { kind: 'float' }>;

export const EVERY_FLOAT: FloatRange = { min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true };

export function isEmptyRange(r: FloatRange): boolean {
  return r.min > r.max || (r.min === r.max && !(r.minInclusive && r.maxInclusive));
}

export function inRange(v: number, r: FloatRange): boolean {
  return (r.minInclusive ? v >= r.min : v > r.min) && (r.maxInclusive ? v <= r.max : v < r.max);
}

export function inRanges(v: number, ranges: FloatRange[] | undefined): boolean {
  return ranges === undefined || ranges.some((r) => inRange(v, r));
}

/** Ranges merged where they overlap or touch, sorted; empty ones left out. */
export function mergeRanges(ranges: FloatRange[]): FloatRange[] {
  const sorted = ranges.filter((r) => !isEmptyRange(r)).sort((x, y) => x.min - y.min || Number(y.minInclusive) - Number(x.minInclusive));
  const out: FloatRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last !== undefined && (r.min < last.max || (r.min === last.max && (r.minInclusive || last.maxInclusive)))) {
      if (r.max > last.max || (r.max === last.max && r.maxInclusive)) {
        last.maxInclusive = r.max === last.max ? last.maxInclusive || r.maxInclusive : r.maxInclusive;
        last.max = r.max;
      }
    } else out.push({ ...r });
  }
  return out;
}

function meetRange(a: FloatRange, b: FloatRange): FloatRange {
  const min = a.min > b.min ? a : b.min > a.min ? b : { min: a.min, minInclusive: a.minInclusive && b.minInclusive };
  const max = a.max < b.max ? a : b.max < a.max ? b : { max: a.max, maxInclusive: a.maxInclusive && b.maxInclusive };
  return { min: min.min, minInclusive: min.minInclusive, max: max.max, maxInclusive: max.maxInclusive };
}

/** The floats in both sets (undefined: every float); an empty array when none. */
export function meetRangeSets(a: FloatRange[] | undefined, b: FloatRange[] | undefined): FloatRange[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return mergeRanges(a.flatMap((r) => b.map((s) => meetRange(r, s))));
}

export function sameRanges(a: FloatRange[] | undefined, b: FloatRange[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((r, i) => {
    const s = b[i] as FloatRange;
    return r.min === s.min && r.max === s.max && r.minInclusive === s.minInclusive && r.maxInclusive === s.maxInclusive;
  });
}

/** A float shape's `ranges` property: left out when it is every float. */
export function rangesProperty(ranges: FloatRange[] | undefined): { ranges?: FloatRange[] } {
  if (ranges === undefined) return {};
  const [only] = ranges;
  const every = ranges.length === 1 && only !== undefined && sameRanges([only], [EVERY_FLOAT]);
  return every ? {} : { ranges };
}

/**
 * The floats of two float shapes of the same widths as one: every float when either is, else their values
 * or ranges joined (a value as a range of one point); null for other widths, a boxed shape, or a value no
 * range can hold (an infinity or NaN beside ranges).
 */
export function unionFloats(a: FloatShape, b: FloatShape): FloatShape | null {
  const sameWidths = a.widths.length === b.widths.length && a.widths.every((w) => b.widths.includes(w));
  if (!sameWidths || a.boxed || b.boxed) return null;
  const every = (s: FloatShape) => s.values === null && s.ranges === undefined;
  if (every(a) || every(b)) return { kind: 'float', widths: a.widths, values: null };
  if (a.values !== null && b.values !== null) return { kind: 'float', widths: a.widths, values: [...new Set([...a.values, ...b.values])].sort((x, y) => x - y) };
  if ([...(a.values ?? []), ...(b.values ?? [])].some((v) => !Number.isFinite(v))) return null;
  const ranges = (s: FloatShape): FloatRange[] => s.values?.map((v) => ({ min: v, max: v, minInclusive: true, maxInclusive: true })) ?? s.ranges ?? [EVERY_FLOAT];
  return { kind: 'float', widths: a.widths, values: null, ...rangesProperty(mergeRanges([...ranges(a), ...ranges(b)])) };
}
