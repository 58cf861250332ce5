/**
 * `A .and B` / `A .within B` (RFC 8610 §3.8.5) between types that are not
 * scalars: the data items matching both A and B. When every item A matches
 * also matches B (`$eid .within eid-structure`, where each `$eid` array fits
 * the structure), the intersection is A itself, so A's shape, TypeScript
 * type, decoder, guard and encoder are exact for it. `implies` proves that
 * conservatively: true only when it holds; false when it cannot tell, and the
 * caller then refuses the rule rather than guess.
 */
import type { IrRule } from '../ir/types.js';
import { intersect, normalise } from './intervals.js';
import { ruleShape, type ArrayLayout, type ArrayRest, type Field, type MapKey, type MapLayout, type MapRest, type Shape, type ShapeContext, type SizeBound } from './shapes.js';

/** How deep the proof follows rule references before giving up (recursive rules: unproven, so refused). */
const MAX_DEPTH = 32;

/** Rules being laid out for a proof right now (rest-ends.ts keeps its own set for its analysis). */
const proving = new Set<string>();

/**
 * A rule's shape for a proof, or null where none is to be had: a rule being laid out for a proof already, whose layout
 * asked for this one (`a = [? a, ? tstr]`: whether each optional member's items are the other's), where laying it out
 * again would never end. (A rule the typed layouts refuse throws its refusal, which makes the rule asking general,
 * saying it looks into that one: layout/general.ts.)
 */
function proofShape(rule: IrRule, ctx: ShapeContext): Shape | null {
  if (proving.has(rule.name)) return null;
  proving.add(rule.name);
  try {
    return ruleShape(rule, ctx);
  } finally {
    proving.delete(rule.name);
  }
}

/** Whether every data item shape `a` matches is matched by shape `b` (false: not proven). */
export function implies(a: Shape, b: Shape, ctx: ShapeContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = depth + 1;
  if (b.kind === 'any' && b.head === undefined && b.except === undefined) return true;
  if (a.kind === 'never') return true;
  // One rule on both sides (`block-control-flags` in an array and in its structure): the same items, whatever they are.
  if (a.kind === 'rule' && b.kind === 'rule' && a.rule.name === b.rule.name) return true;
  // Two inline types written alike, each given a rule of its own (ir/hoist.ts: RFC 8927's `{ schema }` in two
  // members): their text names rules, which mean the same in both, so they are one type, recursive or not.
  if (a.kind === 'rule' && b.kind === 'rule' && a.rule.hoistedFrom !== undefined && a.rule.hoistedFrom.cddl === b.rule.hoistedFrom?.cddl) return true;
  if (a.kind === 'rule') {
    const shape = proofShape(a.rule, ctx);
    return shape !== null && implies(shape, b, ctx, next);
  }
  if (a.kind === 'choice') return a.options.every((o) => implies(o.shape, b, ctx, next));
  if (b.kind === 'rule') {
    const shape = proofShape(b.rule, ctx);
    return shape !== null && implies(a, shape, ctx, next);
  }
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
      if (b.kind !== a.kind || !sizeWithin(a.size, b.size) || b.pattern !== undefined || b.checks !== undefined) return false;
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

/** Whether every length `a` allows (none given: any) `b` allows too. */
function sizeWithin(a: SizeBound | null, b: SizeBound | null): boolean {
  if (b === null) return true;
  return a !== null && a.min >= b.min && (b.max === null || (a.max !== null && a.max <= b.max));
}

function sameIntervals(x: { lo: bigint; hi: bigint }[], y: { lo: bigint; hi: bigint }[]): boolean {
  return x.length === y.length && x.every((i, k) => i.lo === y[k]?.lo && i.hi === y[k]?.hi);
}

/**
 * Arrays: A one item repeated within B's repeated item, or A of members in a
 * row (the optional ones, if any, last, so that the items present are its
 * first members), each member within B's member at its position, and every
 * length A allows one B allows. RFC 8610 Appendix A matches without
 * backtracking, but no choice is left to it here: each of B's members, an
 * optional one too, takes the item at its position, which is within it, so B
 * matches when its members past the last item are optional and its repeated
 * member, if any, takes as many items as are left.
 */
function arrayImplies(a: ArrayLayout, b: ArrayLayout, ctx: ShapeContext, depth: number): boolean {
  if (a.kind === 'list') {
    // `[* byte] .and [* uint]`: each item within B's, and every length A allows one B allows.
    const fits = b.kind === 'list' && a.min >= b.min && (b.max === null || (a.max !== null && a.max <= b.max));
    return fits && implies(a.item, b.item, ctx, depth);
  }
  // Alternatives: each within B.
  if (a.kind === 'forks') return a.variants.every((variant) => arrayImplies(variant, b, ctx, depth));
  if (a.kind === 'alternatives') return a.variants.every((variant) => arrayImplies({ kind: variant.kind, fields: variant.fields }, b, ctx, depth));
  if (a.kind !== 'record' && a.kind !== 'tuple') return false;
  if ((b.kind === 'record' || b.kind === 'tuple') && b.rest !== undefined && b.after === undefined && (a.rest !== undefined || a.after !== undefined || b.fields.some((f) => f.optional))) {
    return withinRepetition(a, b, b.rest, ctx, depth);
  }
  if (a.rest !== undefined || a.after !== undefined) return false;
  const items = a.fields;
  // `[x, ? y, z]` may leave out a member between others: the items then stand at other positions.
  const shortest = items.findIndex((f) => f.optional);
  if (shortest !== -1 && items.slice(shortest).some((f) => !f.optional)) return false;
  const lengths = { min: shortest === -1 ? items.length : shortest, max: items.length };
  if (b.kind === 'list') {
    return lengths.min >= b.min && (b.max === null || lengths.max <= b.max) && items.every((f) => implies(f.shape, b.item, ctx, depth));
  }
  if (b.kind !== 'record' && b.kind !== 'tuple') return false;
  if (b.after !== undefined) return false;
  // The members past the fewest items A has must be optional, and the repeated one must take what is past B's members.
  if (b.fields.slice(lengths.min).some((f: Field) => !f.optional)) return false;
  if (b.rest === undefined) {
    if (lengths.max > b.fields.length) return false;
  } else {
    const extra = { min: Math.max(0, lengths.min - b.fields.length), max: Math.max(0, lengths.max - b.fields.length) };
    if (extra.min < b.rest.min || (b.rest.max !== null && extra.max > b.rest.max)) return false;
  }
  return items.every((f, k) => {
    const position = b.fields[k];
    return implies(f.shape, position === undefined ? (b.rest?.item ?? { kind: 'never' }) : position.shape, ctx, depth);
  });
}

/**
 * A's members within B's required ones at their positions, then within B's repeated item (RFC 8990's
 * `message .within message-structure`: `[M_DISCOVERY, session-id, initiator, objective]` within
 * `[MESSAGE_TYPE, session-id, ? initiator, * any]`). B's optional members before its repetition take
 * the items that read as them (arrays.ts optionalsBeforeRest) and its repetition the others, so where
 * every item past B's required members is within the repeated item, B matches however many the
 * optional ones take; the repetition's count is then checked for the most and fewest they may leave.
 */
function withinRepetition(a: Extract<ArrayLayout, { kind: 'record' | 'tuple' }>, b: Extract<ArrayLayout, { kind: 'record' | 'tuple' }>, rest: ArrayRest, ctx: ShapeContext, depth: number): boolean {
  const required = b.fields.findIndex((f) => f.optional);
  const leading = required === -1 ? b.fields.length : required;
  const optional = b.fields.length - leading;
  // A's first items stand where B's required members are: A's members there must occur once.
  if (a.fields.length < leading) return false;
  for (let k = 0; k < leading; k++) {
    const field = a.fields[k] as Field;
    if (field.optional || !implies(field.shape, (b.fields[k] as Field).shape, ctx, depth)) return false;
  }
  const past = [...a.fields.slice(leading), ...(a.after ?? [])];
  if (!past.every((f) => implies(f.shape, rest.item, ctx, depth))) return false;
  if (a.rest !== undefined && !implies(a.rest.item, rest.item, ctx, depth)) return false;
  // How many items A has past B's required members, at the fewest and the most (null: no bound).
  const fewest = past.filter((f) => !f.optional).length + (a.rest?.min ?? 0);
  const most = a.rest === undefined ? past.length : a.rest.max === null ? null : past.length + a.rest.max;
  if (Math.max(0, fewest - optional) < rest.min) return false;
  return rest.max === null || (most !== null && most <= rest.max);
}

/**
 * Maps: B only computed-key entries (`{ * tstr => any }`, `{ + any => any }`,
 * RFC 9581's `{ + uint => any, * (nint / text) => any }`), of kinds whose key
 * types are disjoint (maps.ts), so that each of A's entries, fixed or
 * computed, belongs to the one kind whose key type takes it; each within
 * that kind's key and value, and as many of them in each kind as it allows.
 * A's alternatives each so.
 */
function mapImplies(a: MapLayout, b: MapLayout, ctx: ShapeContext, depth: number): boolean {
  if (b.kind !== 'struct' || b.fields.length > 0 || b.rests.length === 0 || b.counts.length > 0) return false;
  if (a.kind === 'variants') return a.variants.every((variant) => mapImplies(variant, b, ctx, depth));
  // How many of A's entries each of B's kinds takes at least and at most (null: no bound).
  const taken = b.rests.map(() => ({ min: 0, max: 0 as number | null }));
  const place = (key: Shape, value: Shape, min: number, max: number | null): boolean => {
    const kind = b.rests.findIndex((rest) => implies(key, rest.key, ctx, depth));
    const count = taken[kind];
    if (count === undefined || !implies(value, (b.rests[kind] as MapRest).value, ctx, depth)) return false;
    count.min += min;
    count.max = count.max === null || max === null ? null : count.max + max;
    return true;
  };
  if (!a.fields.every((f) => place(keyShape(f.key), f.shape, f.optional ? 0 : 1, 1))) return false;
  if (!a.rests.every((rest) => place(rest.key, rest.value, rest.min, rest.max))) return false;
  // A's counted groups only narrow what its members allow, which is within B's bounds already when these are.
  return b.rests.every((rest, k) => {
    const count = taken[k] as { min: number; max: number | null };
    return count.min >= rest.min && (rest.max === null || (count.max !== null && count.max <= rest.max));
  });
}

/** A fixed map key as the shape of its one value. */
function keyShape(key: MapKey): Shape {
  if (key.type === 'int') return { kind: 'int', intervals: [{ lo: BigInt(key.value), hi: BigInt(key.value) }] };
  return { kind: 'text', values: [key.value], size: null };
}

/**
 * Whether every value of the option `later` is a value of the earlier option `earlier` of a choice, both scalars whose
 * values in JavaScript are their data items' (`int` before a rule that is `8`, `bool` before `true`, `nil` twice). A
 * writer that tests the options in turn never reaches `later` (and TypeScript, having narrowed the value by the
 * earlier test, would refuse the cast to `later`'s type), so it gets no branch.
 */
export function takenByEarlier(earlier: Shape, later: Shape, ctx: ShapeContext, shapeOfRule: (rule: IrRule) => Shape): boolean {
  const a = plainScalar(earlier, shapeOfRule, 0);
  const b = plainScalar(later, shapeOfRule, 0);
  return a !== null && b !== null && implies(b, a, ctx);
}

/**
 * The scalar a shape is, through rules (their shapes as laid out: a rule left to the general matcher is none), when its
 * JavaScript values are its data items'; else null. A byte string with `.cbor` is one too: its value is the bytes,
 * which the check decodes (`bstr / (bstr .cbor int)`: plain bytes take every value of the second).
 */
function plainScalar(shape: Shape, shapeOfRule: (rule: IrRule) => Shape, depth: number): Shape | null {
  if (shape.kind === 'rule') return depth > MAX_DEPTH ? null : plainScalar(shapeOfRule(shape.rule), shapeOfRule, depth + 1);
  return shape.kind === 'int' || shape.kind === 'bool' || shape.kind === 'null' || shape.kind === 'undefined' || shape.kind === 'text' || shape.kind === 'bytes' ? shape : null;
}
