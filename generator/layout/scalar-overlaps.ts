/**
 * How scalar shapes meet as JavaScript values, and how float types write a number: what the choice
 * planner's analysis (option-forms.ts) asks of two scalar forms. Integers and floats not kept as
 * CborFloat are one JavaScript number; a general rule's values are CborValues.
 */
import { fitsFloat16, fitsFloat32 } from '../../templates/cbor-numbers.js';
import { intersect } from './intervals.js';
import type { ScalarShape } from './scalars.js';
import { GENERAL_SHAPE, type FloatWidth, type Interval } from './shapes.js';

export type FloatScalar = Extract<ScalarShape, { kind: 'float' }>;

/** The narrowest width that holds a number exactly: 16, 32 or 64. */
function widthClass(value: number): FloatWidth {
  return fitsFloat16(value) ? 16 : fitsFloat32(value) ? 32 : 64;
}

/**
 * Whether two float types (or literals) write every number both take in one width. Each writes a
 * number in the narrowest of its own widths that holds it (a literal in the shortest: its widths
 * are all three), whatever width it was read in, and a number is one value to both: inside arrays
 * and maps, where the planner's order of float options (float-order.ts) does not reach, `[float32]
 * / [2.0]` took the [2.0] read in 16 bits and wrote it in 32.
 */
export function floatsWriteAlike(a: FloatScalar, b: FloatScalar): boolean {
  const classes = (f: FloatScalar): FloatWidth[] => (f.values === null ? ([16, 32, 64] as const).filter((c) => c <= Math.max(...f.widths)) : f.values.map(widthClass));
  const written = (f: FloatScalar, c: FloatWidth): number | undefined => [...f.widths].sort((x, y) => x - y).find((w) => w >= c);
  const common = a.values !== null && b.values !== null ? a.values.filter((v) => (b.values as number[]).some((w) => Object.is(v, w))).map(widthClass) : classes(a).filter((c) => classes(b).includes(c));
  return common.every((c) => written(a, c) === written(b, c));
}

/** Integers and floats are both JavaScript numbers, except a float kept as CborFloat (`boxed`). */
export function isNumber(s: ScalarShape): boolean {
  return s.kind === 'int' || (s.kind === 'float' && s.boxed !== true);
}

/** A float kept as CborFloat: its values are never another scalar's. */
export function isBoxed(s: ScalarShape): boolean {
  return s.kind === 'float' && s.boxed === true;
}

/** The scalar kinds whose JavaScript values a general rule's CborValues can be: a CborAny too (`any`), an item kept with its head. */
const GENERAL_OVERLAPS: ReadonlySet<string> = new Set(['int', 'float', 'text', 'bytes', 'bool', 'null', 'undefined', 'any']);

/**
 * The scalar kinds that a general rule writes as they would be written: a bare integer, string,
 * byte string, boolean, null or undefined among its CborValues is that data item itself (its tags
 * are CborTagged). A float is not: a number that is a safe integer is an integer to it, and it
 * writes the others in the shortest width, which a float type may not allow.
 */
export const GENERAL_ALIKE: ReadonlySet<string> = new Set(['int', 'text', 'bytes', 'bool', 'null', 'undefined']);

/** Whether a float type may be a number of the integer intervals: a float literal is one only when integral and within them (1.5 never, nor 2.0 beside 0..1). */
function floatMeetsInts(float: FloatScalar, intervals: readonly Interval[]): boolean {
  return float.values === null || float.values.some((v) => Number.isInteger(v) && intervals.some((r) => r.lo <= BigInt(v) && BigInt(v) <= r.hi));
}

/** Whether two scalar shapes share a JavaScript value. */
export function scalarsOverlap(a: ScalarShape, b: ScalarShape): boolean {
  if (a.kind === 'never' || b.kind === 'never') return false;
  // A general rule's values are CborValues: numbers, strings, byte strings, booleans, null, undefined and CborFloats among them.
  if (a === GENERAL_SHAPE || b === GENERAL_SHAPE) {
    const other = a === GENERAL_SHAPE ? b : a;
    return other === GENERAL_SHAPE || GENERAL_OVERLAPS.has(other.kind);
  }
  if (isBoxed(a) || isBoxed(b)) return isBoxed(a) && isBoxed(b);
  if (isNumber(a) && isNumber(b)) {
    if (a.kind === 'int' && b.kind === 'int') return intersect(a.intervals, b.intervals).length > 0;
    if (a.kind === 'int' && b.kind === 'float') return floatMeetsInts(b, a.intervals);
    if (a.kind === 'float' && b.kind === 'int') return floatMeetsInts(a, b.intervals);
    return true;
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'text':
    case 'bytes': {
      const other = b as typeof a;
      return a.values === null || other.values === null || a.values.some((v) => (other.values as string[]).includes(v));
    }
    case 'bool':
      return a.values.some((v) => (b as typeof a).values.includes(v));
    default:
      return true;
  }
}
