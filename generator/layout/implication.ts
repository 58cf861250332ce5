/**
 * `A .and B` / `A .within B` (RFC 8610 §3.8.5) between types that are not
 * scalars: the data items matching both A and B. When every item A matches
 * also matches B (`$eid .within eid-structure`, where each `$eid` array fits
 * the structure), the intersection is A itself, so A's shape, TypeScript
 * type, decoder, guard and encoder are exact for it. `implies` proves that
 * conservatively: true only when it holds; false when it cannot tell, and the
 * caller then refuses the rule rather than guess.
 */
import { intersect, normalise } from './intervals.js';
import { isDictionary, ruleShape, type ArrayLayout, type Field, type MapKey, type MapLayout, type Shape, type ShapeContext } from './shapes.js';

/** How deep the proof follows rule references before giving up (recursive rules: unproven, so refused). */
const MAX_DEPTH = 32;

/** Whether every data item shape `a` matches is matched by shape `b` (false: not proven). */
export function implies(a: Shape, b: Shape, ctx: ShapeContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = depth + 1;
  if (b.kind === 'any' && b.head === undefined && b.except === undefined) return true;
  if (a.kind === 'never') return true;
  if (a.kind === 'rule') return implies(ruleShape(a.rule, ctx), b, ctx, next);
  if (a.kind === 'choice') return a.options.every((o) => implies(o.shape, b, ctx, next));
  if (b.kind === 'rule') return implies(a, ruleShape(b.rule, ctx), ctx, next);
  if (b.kind === 'choice') return b.options.some((o) => implies(a, o.shape, ctx, next));
  switch (a.kind) {
    case 'int':
      if (b.kind !== 'int' || b.bits !== undefined || (a.bignum === true && b.bignum !== true)) return false;
      return sameIntervals(intersect(a.intervals, b.intervals), normalise(a.intervals));
    case 'bool':
      return b.kind === 'bool' && a.values.every((v) => b.values.includes(v));
    case 'null':
    case 'undefined':
      return b.kind === a.kind;
    case 'float':
      return b.kind === 'float' && b.values === null && b.ranges === undefined && a.widths.every((w) => b.widths.includes(w));
    case 'text':
    case 'bytes': {
      if (b.kind !== a.kind || b.size !== null || b.pattern !== undefined || b.checks !== undefined) return false;
      if (b.kind === 'bytes' && (b.embedded !== undefined || b.bits !== undefined)) return false;
      if (b.values === null) return true;
      const allowed = b.values;
      return a.values !== null && a.values.every((v) => allowed.includes(v));
    }
    case 'array':
      return b.kind === 'array' && arrayImplies(a.layout, b.layout, ctx, next);
    case 'map':
      return b.kind === 'map' && mapImplies(a.layout, b.layout, ctx, next);
    case 'tag':
      return b.kind === 'tag' && a.tag === b.tag && implies(a.inner, b.inner, ctx, next);
    default:
      return false;
  }
}

function sameIntervals(x: { lo: bigint; hi: bigint }[], y: { lo: bigint; hi: bigint }[]): boolean {
  return x.length === y.length && x.every((i, k) => i.lo === y[k]?.lo && i.hi === y[k]?.hi);
}

/**
 * Arrays: A one item repeated within B's repeated item, or A of fixed length (every member required, none repeated), each
 * member within B's member at its position, and the length one B accepts:
 * B's required members present, its optional ones absent or matched, or its
 * repeated member taking the rest.
 */
function arrayImplies(a: ArrayLayout, b: ArrayLayout, ctx: ShapeContext, depth: number): boolean {
  if (a.kind === 'list') {
    // `[* byte] .and [* uint]`: each item within B's, and every length A allows one B allows.
    const fits = b.kind === 'list' && a.min >= b.min && (b.max === null || (a.max !== null && a.max <= b.max));
    return fits && implies(a.item, b.item, ctx, depth);
  }
  if (a.kind !== 'record' && a.kind !== 'tuple') return false;
  if (a.rest !== undefined || a.after !== undefined || a.fields.some((f) => f.optional)) return false;
  const items = a.fields;
  if (b.kind === 'list') {
    return items.length >= b.min && (b.max === null || items.length <= b.max) && items.every((f) => implies(f.shape, b.item, ctx, depth));
  }
  if (b.kind !== 'record' && b.kind !== 'tuple') return false;
  if (b.after !== undefined) return false;
  const required = b.fields.filter((f: Field) => !f.optional).length;
  if (items.length < required) return false;
  if (b.rest === undefined) {
    if (items.length > b.fields.length) return false;
  } else {
    const extra = items.length - b.fields.length;
    if (required !== b.fields.length || extra < b.rest.min || (b.rest.max !== null && extra > b.rest.max)) return false;
  }
  return items.every((f, k) => {
    const position = b.fields[k];
    return implies(f.shape, position === undefined ? (b.rest?.item ?? { kind: 'never' }) : position.shape, ctx, depth);
  });
}

/**
 * Maps: B only computed-key entries (`{ * tstr => any }`, `{ + any => any }`)
 * with no upper bound, each of A's entries (fixed keys and computed ones)
 * within B's key and value, and A's required fields at least B's minimum.
 */
function mapImplies(a: MapLayout, b: MapLayout, ctx: ShapeContext, depth: number): boolean {
  if (a.kind !== 'struct' || b.kind !== 'struct' || !isDictionary(b) || b.counts.length > 0) return false;
  const [entries] = b.rests;
  if (entries.max !== null || a.fields.filter((f) => !f.optional).length < entries.min) return false;
  const fieldsFit = a.fields.every((f) => implies(keyShape(f.key), entries.key, ctx, depth) && implies(f.shape, entries.value, ctx, depth));
  return fieldsFit && a.rests.every((rest) => implies(rest.key, entries.key, ctx, depth) && implies(rest.value, entries.value, ctx, depth));
}

/** A fixed map key as the shape of its one value. */
function keyShape(key: MapKey): Shape {
  if (key.type === 'int') return { kind: 'int', intervals: [{ lo: BigInt(key.value), hi: BigInt(key.value) }] };
  return { kind: 'text', values: [key.value], size: null };
}
