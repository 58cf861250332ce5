/**
 * Where a repeated array member ends (`[int, * tstr, tstr / int]`). Arrays
 * match as a PEG (RFC 8610 Appendix A): a repetition takes each next item its
 * type matches, up to its most, and gives none back; the members after it
 * must then match what is left. This module decides, for the repeated
 * member's items and the first member after it, which of these holds:
 *
 * - `apart`: no data item is both, so the repetition ends where the member
 *   after it starts, whatever the decoder tries (the typed layout as before);
 * - `greedy`: they may share data items, but for every value of the member
 *   after it, the guard's test of the repeated member's type says what the
 *   decoder would do with its bytes: the value is read back as one more item
 *   exactly when that test passes. Guards and encoders can then refuse such a
 *   value, and find where a tuple's repetition ends, as the decoder does;
 * - neither (`null`): a value could be written and read back differently, or
 *   the analysis cannot tell; the rule stays general.
 *
 * The tests look into other rules (a general rule is any data item, kept as a
 * `CborValue`) and into type choices only where the choice planner
 * (choice-plans.ts) keeps every option's values as they are: no tags kept as
 * `{ tag, value }`, no boxed floats, no maps told apart by their keys.
 */
import { fitsNumber, intersect } from './intervals.js';
import type { IrType } from '../ir/types.js';
import { type Shape, type ShapeContext, ruleShape } from './shapes.js';

/**
 * What the analysis sees of a type: a shape, a general rule (any data item, a `CborValue`), or a rule
 * met again while its own shape is being found (recursion), of which only its data items' kinds and
 * its values' JavaScript kinds are known (`opaque`, from its CDDL: an array or a map).
 */
export type Seen = Shape | { kind: 'general' } | { kind: 'opaque'; heads: string[]; families: string[] };

/** How deep references and nesting are followed before giving up (unsure: not apart, not agreeing). */
const MAX_DEPTH = 16;

/** Rules whose shapes are being computed for this analysis: a rule that comes back (recursion) is unsure. */
const resolving = new Set<string>();

/**
 * A rule's shape (a general rule: `general`). A rule being resolved already (`f = [1, (+ f // 0)]`, whose
 * alternatives part at an f or a 0) is `opaque` where its CDDL says it is an array or a map (`tree =
 * [label, * tree]` is an array, whatever its layout), else null (unsure).
 */
function resolve(shape: Extract<Shape, { kind: 'rule' }>, ctx: ShapeContext): Seen | null {
  const name = shape.rule.name;
  if (ctx.general?.has(name) === true) return { kind: 'general' };
  if (resolving.has(name)) return opaque(shape.rule.type);
  resolving.add(name);
  try {
    return ruleShape(shape.rule, ctx);
  } finally {
    resolving.delete(name);
  }
}

/** What the CDDL of a rule met again says of its values: an array (a JavaScript array or object), a map (an object or a Map). */
function opaque(type: IrType | undefined): Seen | null {
  if (type?.kind === 'array') return { kind: 'opaque', heads: ['4'], families: ['array', 'object'] };
  if (type?.kind === 'map') return { kind: 'opaque', heads: ['5'], families: ['object', 'Map', 'array'] };
  return null;
}

/** Whether no data item is a value of both. */
export function dataApart(a: Seen, b: Seen, ctx: ShapeContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = depth + 1;
  if (a.kind === 'never' || b.kind === 'never') return true;
  if (a.kind === 'rule') {
    const s = resolve(a, ctx);
    return s !== null && dataApart(s, b, ctx, next);
  }
  if (b.kind === 'rule') {
    const s = resolve(b, ctx);
    return s !== null && dataApart(a, s, ctx, next);
  }
  if (a.kind === 'choice') return a.options.every((o) => dataApart(o.shape, b, ctx, next));
  if (b.kind === 'choice') return b.options.every((o) => dataApart(a, o.shape, ctx, next));
  const x = heads(a);
  const y = heads(b);
  if (!x.some((h) => y.includes(h))) return true;
  if (a.kind === 'int' && b.kind === 'int') return a.bignum !== true && b.bignum !== true && intersect(a.intervals, b.intervals).length === 0;
  if ((a.kind === 'text' && b.kind === 'text') || (a.kind === 'bytes' && b.kind === 'bytes')) return a.values !== null && b.values !== null && !a.values.some((v) => (b.values as string[]).includes(v));
  if (a.kind === 'bool' && b.kind === 'bool') return !a.values.some((v) => b.values.includes(v));
  if (a.kind === 'tag' && b.kind === 'tag') return a.tag !== b.tag || dataApart(a.inner, b.inner, ctx, next);
  if (a.kind === 'array' && b.kind === 'array') return positionsApart(a, b, (p, q) => dataApart(p, q, ctx, next));
  return false;
}

/** Whether no value of one starts with the major type a value of the other starts with: the next item's major type tells them apart. */
export function majorsApart(a: Seen, b: Seen, ctx: ShapeContext): boolean {
  const x = majorsOf(a, ctx, 0);
  const y = majorsOf(b, ctx, 0);
  return x !== null && y !== null && !x.some((m) => y.includes(m));
}

/** The major types a shape's values start with, through rules and choices; null when unsure. */
function majorsOf(shape: Seen, ctx: ShapeContext, depth: number): string[] | null {
  if (depth > MAX_DEPTH) return null;
  if (shape.kind === 'rule') {
    const s = resolve(shape, ctx);
    return s === null ? null : majorsOf(s, ctx, depth + 1);
  }
  if (shape.kind === 'choice') {
    const all: string[] = [];
    for (const option of shape.options) {
      const majors = majorsOf(option.shape, ctx, depth + 1);
      if (majors === null) return null;
      all.push(...majors);
    }
    return all;
  }
  return heads(shape).map((h) => h.charAt(0));
}

/** Whether no JavaScript value is a value of both (by the guards' tests: a number may be an int or a float). */
export function jsApart(a: Seen, b: Seen, ctx: ShapeContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = depth + 1;
  if (a.kind === 'never' || b.kind === 'never') return true;
  if (a.kind === 'rule') {
    const s = resolve(a, ctx);
    return s !== null && jsApart(s, b, ctx, next);
  }
  if (b.kind === 'rule') {
    const s = resolve(b, ctx);
    return s !== null && jsApart(a, s, ctx, next);
  }
  if (a.kind === 'choice') return plainChoice(a, ctx, next) && a.options.every((o) => jsApart(o.shape, b, ctx, next));
  if (b.kind === 'choice') return plainChoice(b, ctx, next) && b.options.every((o) => jsApart(a, o.shape, ctx, next));
  if (a.kind === 'tag') return jsApart(a.inner, b, ctx, next);
  if (b.kind === 'tag') return jsApart(a, b.inner, ctx, next);
  const x = families(a);
  const y = families(b);
  if (!x.some((f) => y.includes(f))) return true;
  if (a.kind === 'int' && b.kind === 'int') return intersect(a.intervals, b.intervals).length === 0;
  if ((a.kind === 'text' && b.kind === 'text') || (a.kind === 'bytes' && b.kind === 'bytes')) return a.values !== null && b.values !== null && !a.values.some((v) => (b.values as string[]).includes(v));
  if (a.kind === 'bool' && b.kind === 'bool') return !a.values.some((v) => b.values.includes(v));
  if (a.kind === 'array' && b.kind === 'array' && isJsArray(a) && isJsArray(b)) return positionsApart(a, b, (p, q) => jsApart(p, q, ctx, next));
  return false;
}

/**
 * Whether, for every value of `next`, the test of `item` says what a decoder
 * reading `next`'s bytes as an item would: both or neither, or one value read
 * and written the same way by both. `testOnly`: whether the test passes is all
 * that is asked, not that the value read is `next`'s (repeated-groups-ends.ts):
 * then an integer set typed `number | bigint`, whose test passes either, agrees
 * with one typed `number` (not the other way: `0`'s test refuses `0n`).
 */
export function agree(item: Seen, next: Seen, ctx: ShapeContext, depth = 0, testOnly = false): boolean {
  if (depth > MAX_DEPTH) return false;
  const deeper = depth + 1;
  // One rule reads and writes its values one way.
  if (item.kind === 'rule' && next.kind === 'rule' && item.rule === next.rule) return true;
  if (item.kind === 'rule') {
    const s = resolve(item, ctx);
    return s !== null && agree(s, next, ctx, deeper, testOnly);
  }
  if (next.kind === 'rule') {
    const s = resolve(next, ctx);
    return s !== null && agree(item, s, ctx, deeper, testOnly);
  }
  if (item.kind === 'choice') return plainChoice(item, ctx, deeper) && item.options.every((o) => agree(o.shape, next, ctx, deeper, testOnly));
  if (next.kind === 'choice') return plainChoice(next, ctx, deeper) && next.options.every((o) => agree(item, o.shape, ctx, deeper, testOnly));
  return (dataApart(item, next, ctx, deeper) && jsApart(item, next, ctx, deeper)) || sameForm(item, next, ctx, deeper, testOnly);
}

/** Whether a data item of both is the same JavaScript value read by either, and written by either as that item. */
function sameForm(a: Seen, b: Seen, ctx: ShapeContext, depth: number, testOnly: boolean): boolean {
  if (a.kind === 'general' || b.kind === 'general') return a.kind === b.kind;
  switch (a.kind) {
    case 'any':
    case 'text':
    case 'bool':
    case 'null':
    case 'undefined':
      return b.kind === a.kind;
    case 'int':
      // The integers option types a set beyond JavaScript's safe integers as bigint: both must be typed alike.
      if (b.kind !== 'int' || a.bignum !== b.bignum) return false;
      return testOnly ? !fitsNumber(a.intervals) || fitsNumber(b.intervals) : fitsNumber(a.intervals) === fitsNumber(b.intervals);
    case 'bytes':
      return b.kind === 'bytes' && a.embedded === undefined && b.embedded === undefined;
    case 'tag':
      return b.kind === 'tag' && a.tag === b.tag && agree(a.inner, b.inner, ctx, depth, testOnly);
    case 'array': {
      if (b.kind !== 'array' || !isJsArray(a) || !isJsArray(b)) return false;
      const x = elements(a);
      const y = elements(b);
      if (x === null || y === null) return false;
      // Tuples of one length: element by element; else every element of one against every element of the other.
      if (x.fixed && y.fixed && x.shapes.length === y.shapes.length) return x.shapes.every((s, i) => agree(s, y.shapes[i] as Shape, ctx, depth, testOnly));
      return x.shapes.every((s) => y.shapes.every((t) => agree(s, t, ctx, depth, testOnly)));
    }
    default:
      return false;
  }
}

/** A type choice whose options the choice planner keeps as they are (scalars without floats, JavaScript arrays, such rules). */
function plainChoice(choice: Extract<Shape, { kind: 'choice' }>, ctx: ShapeContext, depth: number): boolean {
  const plain = (shape: Seen, d: number): boolean => {
    if (d > MAX_DEPTH) return false;
    if (shape.kind === 'rule') {
      const s = resolve(shape, ctx);
      return s !== null && plain(s, d + 1);
    }
    if (shape.kind === 'choice') return shape.options.every((o) => plain(o.shape, d + 1));
    if (shape.kind === 'array') return isJsArray(shape);
    if (shape.kind === 'bytes') return shape.embedded === undefined;
    return shape.kind === 'int' || shape.kind === 'text' || shape.kind === 'bool' || shape.kind === 'null' || shape.kind === 'undefined';
  };
  return choice.options.every((o) => plain(o.shape, depth));
}

/** The kinds of data item (major types, and major 7 split by what it holds) a shape's values start with. */
function heads(shape: Seen): string[] {
  switch (shape.kind) {
    case 'int':
      return [...(shape.intervals.some((i) => i.hi >= 0n) ? ['0'] : []), ...(shape.intervals.some((i) => i.lo < 0n) ? ['1'] : []), ...(shape.bignum === true ? ['6'] : [])];
    case 'bytes':
      return ['2'];
    case 'text':
      return ['3'];
    case 'array':
      return ['4'];
    case 'map':
      return ['5'];
    case 'tag':
    case 'tagged':
      return ['6'];
    case 'float':
    case 'bool':
    case 'null':
    case 'undefined':
      return [`7${shape.kind}`];
    case 'any':
      return shape.head === undefined || shape.head.major === 7 ? ALL_HEADS : [String(shape.head.major)];
    case 'never':
      return [];
    case 'opaque':
      return shape.heads;
    default:
      return ALL_HEADS;
  }
}

const ALL_HEADS = ['0', '1', '2', '3', '4', '5', '6', '7float', '7bool', '7null', '7undefined', '7other'];

/** The kinds of JavaScript value a shape's values are. */
function families(shape: Seen): string[] {
  switch (shape.kind) {
    case 'int':
      return ['number', 'bigint'];
    case 'float':
      return [shape.boxed === true ? 'CborFloat' : 'number'];
    case 'text':
      return ['string'];
    case 'bytes':
      return shape.embedded === undefined ? ['Uint8Array'] : ALL_FAMILIES;
    case 'bool':
      return ['boolean'];
    case 'null':
    case 'undefined':
      return [shape.kind];
    case 'any':
      return ['CborAny'];
    case 'array':
      return arrayFamilies(shape);
    case 'map':
      return shape.layout.kind === 'struct' && shape.layout.fields.length === 0 && shape.layout.rests.length === 1 ? ['Map'] : ['object'];
    case 'tagged':
      return ['object'];
    case 'never':
      return [];
    case 'opaque':
      return shape.families;
    default:
      return ALL_FAMILIES;
  }
}

const ALL_FAMILIES = ['number', 'bigint', 'CborFloat', 'string', 'Uint8Array', 'boolean', 'null', 'undefined', 'CborAny', 'array', 'object', 'Map'];

/** The kinds of JavaScript value an array's values are: arrays, objects (records), or either (alternatives of both). */
function arrayFamilies(shape: Extract<Shape, { kind: 'array' }>): string[] {
  const layout = shape.layout;
  switch (layout.kind) {
    case 'record':
    case 'variants':
      return ['object'];
    case 'alternatives':
      return [...new Set(layout.variants.map((variant) => (variant.kind === 'record' ? 'object' : 'array')))];
    case 'runs':
      return [layout.named ? 'object' : 'array'];
    default:
      return ['array'];
  }
}

/** Whether an array's values are JavaScript arrays (lists, tuples, repeated groups). */
function isJsArray(shape: Extract<Shape, { kind: 'array' }>): boolean {
  const kind = shape.layout.kind;
  return kind === 'list' || kind === 'tuple' || kind === 'groups';
}

/** An array's element shapes; `fixed`: a tuple of required members only, so element i is member i. */
function elements(shape: Extract<Shape, { kind: 'array' }>): { shapes: Shape[]; fixed: boolean } | null {
  const layout = shape.layout;
  switch (layout.kind) {
    case 'list':
      return { shapes: [layout.item], fixed: false };
    case 'record':
    case 'tuple': {
      const shapes = [...layout.fields.map((f) => f.shape), ...(layout.rest === undefined ? [] : [layout.rest.item]), ...(layout.after ?? []).map((f) => f.shape)];
      return { shapes, fixed: layout.rest === undefined && layout.fields.every((f) => !f.optional) };
    }
    default:
      // Repeated groups and alternatives: unsure.
      return null;
  }
}

/** Whether two arrays have different fixed lengths, or differ at a position both always have (their leading required members), by `apart`. */
function positionsApart(a: Extract<Shape, { kind: 'array' }>, b: Extract<Shape, { kind: 'array' }>, apart: (p: Shape, q: Shape) => boolean): boolean {
  const p = elements(a);
  const q = elements(b);
  if (p !== null && q !== null && p.fixed && q.fixed && p.shapes.length !== q.shapes.length) return true;
  const x = leading(a);
  const y = leading(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (apart(x[i] as Shape, y[i] as Shape)) return true;
  return false;
}

/** The shapes of an array's leading required members (each at its own index in every value). */
function leading(shape: Extract<Shape, { kind: 'array' }>): Shape[] {
  const layout = shape.layout;
  // A repeated group's members before it are its first items, and its first elements, up to the first optional one.
  if (layout.kind === 'groups') {
    const fields = layout.fields ?? [];
    const optional = fields.findIndex((f) => f.optional);
    return (optional < 0 ? fields : fields.slice(0, optional)).map((f) => f.shape);
  }
  if (layout.kind !== 'record' && layout.kind !== 'tuple') return [];
  const result: Shape[] = [];
  for (const field of layout.fields) {
    if (field.optional) break;
    result.push(field.shape);
  }
  return result;
}
