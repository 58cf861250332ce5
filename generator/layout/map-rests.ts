/**
 * Several kinds of computed-key entries in one map (`{ * nint => any, * (uint / tstr) => bstr }`):
 * each is its own Map property, which needs every key to belong to one kind at most (RFC 8610
 * §3.5.4 matches an entry with the member that takes it). Whether two kinds' key types are
 * disjoint is decided conservatively here; where it cannot be shown, the map stays general.
 */
import type { IrType } from '../ir/types.js';
import { ALL_MAJORS, type MapKey, type MapRest, ownMajors, type ShapeContext, type SizeBound } from './shapes.js';
import { type ScalarShape, mergeScalars } from './scalars.js';
import { intersect } from './intervals.js';
import { restKeyParts, scalarOptions } from './maps.js';
import { admitsScalar } from './arrays.js';
import { utf8Length } from '../../templates/cbor-text.js';

/**
 * Whether no key is of both kinds: both take integers and text strings only, and of each, no value
 * that the other takes; or (a kind whose keys are told apart by their encoding among them) no major type is both's,
 * or both are scalars no two of whose options take one data item (`h'01' =>` beside `h'02' =>`, `true =>` beside
 * `1.5 =>`): the decoder then tries each kind's key on a key of a major type both take (read-maps.ts).
 */
export function disjointRests(a: MapRest, b: MapRest, ctx: ShapeContext): boolean {
  if (a.keysByEncoding || b.keysByEncoding) {
    const other = keyMajors(b.keyType, ctx);
    if ([...keyMajors(a.keyType, ctx)].every((major) => !other.has(major))) return true;
    return !keyTypesMeet(a.keyType, b.keyType, ctx, 0);
  }
  const [x, y] = [restKeyParts(a, ctx), restKeyParts(b, ctx)];
  return disjointKeys(x.int, y.int) && disjointKeys(x.text, y.text);
}

/** How deep {@link keyTypesMeet} looks into tags' contents before it takes two types to meet. */
const MEET_DEPTH = 8;

/**
 * Whether one data item may be a key of both types: scalars by {@link keyScalarsMeet}; a choice (through rules) when
 * one of its options meets the other; tags only of one number, and then by their contents (`#6.1(int)` beside
 * `#6.1(tstr)` or `#6.32(tstr)` takes no key alike); types of no common major type never. Anything else may.
 */
function keyTypesMeet(a: IrType, b: IrType, ctx: ShapeContext, depth: number): boolean {
  const [x, y] = [scalarOptions(a, ctx, new Set()), scalarOptions(b, ctx, new Set())];
  if (x !== null && y !== null) return x.some((s) => y.some((t) => keyScalarsMeet(s, t)));
  const majors = keyMajors(b, ctx);
  if ([...keyMajors(a, ctx)].every((major) => !majors.has(major))) return false;
  if (depth >= MEET_DEPTH) return true;
  const [as, bs] = [keyOptionTypes(a, ctx), keyOptionTypes(b, ctx)];
  if (as.length > 1 || bs.length > 1) return as.some((o) => bs.some((p) => keyTypesMeet(o, p, ctx, depth + 1)));
  const [s, t] = [as[0] as IrType, bs[0] as IrType];
  if (s.kind === 'tag' && t.kind === 'tag' && typeof s.tag === 'string' && typeof t.tag === 'string') return s.tag === t.tag && keyTypesMeet(s.type, t.type, ctx, depth + 1);
  return true;
}

/** A type's options, through rules and choices (a rule met again is an option as it stands). */
function keyOptionTypes(type: IrType, ctx: ShapeContext, seen = new Set<string>()): IrType[] {
  if (type.kind === 'choice') return type.options.flatMap((o) => keyOptionTypes(o, ctx, seen));
  if (type.kind === 'ref' && !seen.has(type.rule)) {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? [type] : keyOptionTypes(target, ctx, new Set([...seen, type.rule]));
  }
  return [type];
}

/**
 * Whether one data item may be a key of both scalar types, as far as their kinds, sizes and listed values say. Scalars
 * of different kinds are different data items (a float and `true` share major type 7, not an item); byte or text
 * strings of sizes that do not meet, or a list of them none of whose sizes the other's allows, take none alike, nor
 * do two lists of strings, floats or booleans with no value in common (a data item has one value, whatever the width
 * of a float's encoding; 0.0 and -0.0 are taken as one), nor integers of disjoint ranges (a bignum stands for one
 * integer). Anything else (`any`, a type without a list of values) may.
 */
function keyScalarsMeet(s: ScalarShape, t: ScalarShape): boolean {
  if (s.kind === 'any' || t.kind === 'any') return true;
  if (s.kind !== t.kind) return false;
  const listsMeet = <T>(x: readonly T[] | null, y: readonly T[] | null) => x === null || y === null || x.some((v) => y.includes(v));
  switch (s.kind) {
    case 'int':
      return intersect(s.intervals, (t as typeof s).intervals).length > 0;
    case 'bytes':
    case 'text': {
      const u = t as typeof s;
      const length = (v: string) => (s.kind === 'bytes' ? v.length / 2 : utf8Length(v));
      const fits = (v: string, size: SizeBound | null) => size === null || (length(v) >= size.min && (size.max === null || length(v) <= size.max));
      if (s.size !== null && u.size !== null && Math.max(s.size.min, u.size.min) > Math.min(s.size.max ?? Infinity, u.size.max ?? Infinity)) return false;
      if (s.values !== null && u.values !== null) return listsMeet(s.values, u.values);
      if (s.values !== null) return s.values.some((v) => fits(v, u.size));
      if (u.values !== null) return u.values.some((v) => fits(v, s.size));
      return true;
    }
    case 'float':
    case 'bool':
      return listsMeet<number | boolean>(s.values, (t as typeof s).values);
    default:
      return s.kind !== 'never';
  }
}

/**
 * Whether computed keys of this type are told apart by their encoding (MapRest.keysByEncoding): every key
 * type that is not solely integers and text strings (a JavaScript Map tells those apart by value;
 * arrays, maps and tags only by identity, and 1.0 not from 1), or whose integers or texts no one
 * scalar shape says.
 */
export function keysByEncoding(type: IrType, ctx: ShapeContext): boolean {
  const scalars = scalarOptions(type, ctx, new Set());
  // A bignum key (tag 2 or 3, `* biguint => T`) is no number or string key a record or Map holds as read: by encoding.
  if (scalars === null || scalars.some((s) => (s.kind !== 'int' && s.kind !== 'text') || (s.kind === 'int' && s.bignum === true))) return true;
  // Options of one kind that no one scalar shape says (`"a" / tstr .regexp "b+"`): each key is checked by the choice.
  const merged = (kind: 'int' | 'text') => scalars.filter((s) => s.kind === kind).reduce<ScalarShape | null | undefined>((a, s) => (a === undefined ? s : a === null ? null : mergeScalars(a, s)), undefined);
  return merged('int') === null || merged('text') === null;
}

/** The major types (RFC 8949 §3.1) a key of this type may have; all eight where unsure. */
export function keyMajors(type: IrType, ctx: ShapeContext, seen = new Set<string>()): Set<number> {
  const scalars = scalarOptions(type, ctx, new Set());
  if (scalars !== null) return new Set(scalars.flatMap(ownMajors));
  switch (type.kind) {
    case 'array':
      return new Set([4]);
    case 'map':
      return new Set([5]);
    case 'tag':
      return new Set([6]);
    // `#7.59`, `#2`: a data item of that major type (RFC 8610 §3.6), whatever its argument.
    case 'major':
      return new Set([type.major]);
    case 'ref': {
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined || seen.has(type.rule)) return new Set(ALL_MAJORS);
      return keyMajors(target, ctx, new Set([...seen, type.rule]));
    }
    case 'choice':
      return new Set(type.options.flatMap((o) => [...keyMajors(o, ctx, seen)]));
    default:
      return new Set(ALL_MAJORS);
  }
}

/**
 * Whether key type `type` takes a bignum (tag 2 or 3) whose integer is `n` and holds it as that integer: an integer
 * type that takes bignums (`biguint`, `integer`), whose typed key is the number. `any` and tag types keep the data item
 * (`any` writes it deterministically, as the plain integer: the same data item, RFC 8949 §3.4.3).
 */
export function takesBignumOf(type: IrType, n: bigint, ctx: ShapeContext): boolean {
  return (scalarOptions(type, ctx, new Set()) ?? []).some((s) => s.kind === 'int' && s.bignum === true && admitsScalar(s, { type: 'int', value: n }));
}

/** Whether a key type told apart by encoding may take a fixed key (an integer or text string), through references and choices (when unsure, yes). */
export function takesFixedKey(type: IrType, key: MapKey, ctx: ShapeContext, seen = new Set<string>()): boolean {
  const scalars = scalarOptions(type, ctx, new Set());
  if (scalars !== null) {
    const value = key.type === 'int' ? { type: 'int' as const, value: BigInt(key.value) } : { type: 'text' as const, value: key.value };
    return scalars.some((s) => (s.kind === 'any' ? ownMajors(s).some((m: number) => (key.type === 'text' ? m === 3 : m <= 1)) : admitsScalar(s, value)));
  }
  switch (type.kind) {
    case 'array':
    case 'map':
    case 'tag':
      return false;
    case 'ref': {
      const target = ctx.rules.get(type.rule)?.type;
      return target === undefined || seen.has(type.rule) || takesFixedKey(target, key, ctx, new Set([...seen, type.rule]));
    }
    case 'choice':
      return type.options.some((o) => takesFixedKey(o, key, ctx, seen));
    default:
      return true;
  }
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
