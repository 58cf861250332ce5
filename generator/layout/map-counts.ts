/**
 * `M .and { + any => any }` (RFC 9115's and RFC 9290's `non-empty<M> = (M) .and ({ + any => any })`):
 * a map of any entries only asks how many entries there are, so a map layout met with it is that
 * layout with a count over all its entries (an EntryCount of every optional field and every kind
 * of computed-key entries; none where the required fields already make the count).
 */
import type { EntryCount, MapLayout, MapStruct, Shape, ShapeContext } from './shapes.js';
import { shapeOf } from './shapes.js';
import type { IrSpan } from '../ir/types.js';

/** The intersection of two shapes when one is a map of any entries and the other a map layout; null otherwise. */
export function countedMap(a: Shape, b: Shape, ctx: ShapeContext, span: IrSpan): Shape | null {
  const [left, right] = [mapOf(a, ctx, span), mapOf(b, ctx, span)];
  if (left === null || right === null) return null;
  const byRight = anyEntries(right);
  const [map, count] = byRight !== null ? [left, byRight] : [right, anyEntries(left)];
  if (count === null) return null;
  const structs = map.kind === 'struct' ? [map] : map.variants;
  const counted = structs.map((s) => withCount(s, count.min, count.max));
  if (counted.some((s) => s === null)) return null;
  const all = counted as MapStruct[];
  return { kind: 'map', layout: map.kind === 'struct' ? (all[0] as MapStruct) : { ...map, variants: all } };
}

/** The map layout of a shape, through rule references (not those the general matcher checks). */
function mapOf(shape: Shape, ctx: ShapeContext, span: IrSpan, seen = new Set<string>()): MapLayout | null {
  if (shape.kind === 'map') return shape.layout;
  if (shape.kind !== 'rule' || seen.has(shape.rule.name) || ctx.general?.has(shape.rule.name) === true || shape.rule.type === undefined) return null;
  return mapOf(shapeOf(shape.rule.type, ctx, span), ctx, span, new Set([...seen, shape.rule.name]));
}

/** `{ min*max any => any }`: how many entries it allows; null for any other map. */
function anyEntries(layout: MapLayout): { min: number; max: number | null } | null {
  if (layout.kind !== 'struct' || layout.fields.length > 0 || layout.counts.length > 0 || layout.rests.length !== 1) return null;
  const [rest] = layout.rests as [MapStruct['rests'][number]];
  const unrestricted = (shape: Shape) => shape.kind === 'any' && shape.head === undefined && shape.except === undefined;
  return unrestricted(rest.key) && unrestricted(rest.value) ? { min: rest.min, max: rest.max } : null;
}

/** A struct with min..max entries in all: the required fields count always, the rest is an EntryCount of the others (null when no map can hold them). */
function withCount(struct: MapStruct, min: number, max: number | null): MapStruct | null {
  const required = struct.fields.filter((f) => !f.optional).length;
  const count: EntryCount = {
    min: Math.max(0, min - required),
    max: max === null ? null : max - required,
    names: struct.fields.filter((f) => f.optional).map((f) => f.name),
    rests: struct.rests.map((r) => r.name),
  };
  if (count.max !== null && count.max < 0) return null;
  if (count.min === 0 && count.max === null) return struct;
  if (count.names.length === 0 && count.rests.length === 0) return count.min === 0 ? struct : null;
  return { ...struct, counts: [...struct.counts, count] };
}
