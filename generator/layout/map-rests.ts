/**
 * Several kinds of computed-key entries in one map (`{ * nint => any, * (uint / tstr) => bstr }`):
 * each is its own Map property, which needs every key to belong to one kind at most (RFC 8610
 * §3.5.4 matches an entry with the member that takes it). Whether two kinds' key types are
 * disjoint is decided conservatively here; where it cannot be shown, the map stays general.
 */
import type { MapRest, ShapeContext } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { intersect } from './intervals.js';
import { restKeyParts } from './maps.js';
import { utf8Length } from '../../templates/cbor-text.js';

/** Whether no key is of both kinds: both take integers and text strings only, and of each, no value that the other takes. */
export function disjointRests(a: MapRest, b: MapRest, ctx: ShapeContext): boolean {
  // Arrays, maps and tags as keys are told apart by their encoding only: not compared here.
  if (a.structured || b.structured) return false;
  const [x, y] = [restKeyParts(a, ctx), restKeyParts(b, ctx)];
  return disjointKeys(x.int, y.int) && disjointKeys(x.text, y.text);
}

/** Two scalar key shapes of one kind (integers, or text strings) with no value in common, shown from their intervals, values or sizes; false when unsure. */
function disjointKeys(a: ScalarShape | null, b: ScalarShape | null): boolean {
  if (a === null || b === null || a.kind === 'never' || b.kind === 'never') return true;
  if (a.kind === 'int' && b.kind === 'int') return intersect(a.intervals, b.intervals).length === 0;
  if (a.kind !== 'text' || b.kind !== 'text') return false;
  // A pattern or a control narrows a text type further: the values and sizes still bound it.
  if (a.values !== null && b.values !== null) return !a.values.some((v) => b.values?.includes(v));
  const outside = (values: string[] | null, size: ScalarShape & { kind: 'text' }) => values !== null && values.every((v) => !withinSize(v, size));
  if (outside(a.values, b) || outside(b.values, a)) return true;
  if (a.size === null || b.size === null) return false;
  return (a.size.max !== null && a.size.max < b.size.min) || (b.size.max !== null && b.size.max < a.size.min);
}

/** Whether a text string's UTF-8 length is within a text shape's size (no size: any). */
function withinSize(value: string, shape: ScalarShape & { kind: 'text' }): boolean {
  if (shape.size === null) return true;
  const length = utf8Length(value);
  return length >= shape.size.min && (shape.size.max === null || length <= shape.size.max);
}

/**
 * The property name of a kind of computed-key entries: the name the schema gives it (a member's
 * or the spliced group's), else `rest`; one already taken by an earlier kind in the map gets the
 * next number (`rest2`, `rest3`), so that names stay distinct and follow the order written.
 */
export function restName(given: string | null, earlier: readonly MapRest[]): string {
  const base = given ?? 'rest';
  const taken = new Set(earlier.map((r) => r.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}
