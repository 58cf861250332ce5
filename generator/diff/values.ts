/**
 * Value sets of scalar types, for deciding whether a revision narrowed or
 * widened what a type accepts.
 *
 * A scalar type (anything built from prelude types, literals, ranges,
 * enumerations, `.size` and comparison controls, and tags around those) is
 * turned into one {@link ValueSet}: integer intervals, text and byte strings
 * (literals and byte-length intervals), floats, booleans, null, undefined and
 * tagged values. The integer, `.size` and comparison arithmetic is the
 * emitter's own ({@link scalarShape}), so the diff and the generated decoders
 * agree on what a type accepts. What neither can analyse is kept as its
 * printed text and compared by equality.
 */
import { CBOR_INT_MAX, type FloatWidth, type Interval, type ShapeContext } from '../layout/shapes.js';
import { scalarShape } from '../layout/scalars.js';
import { sizeOnAnyOptions } from '../layout/sizes.js';
import { intersectionOptions } from '../layout/intersections.js';
import { normalise } from '../layout/intervals.js';
import { printLiteral, printType } from '../ir/print.js';
import type { IrSpan, IrType } from '../ir/types.js';

/** Strings (text or bytes): literal values (text, or hex for bytes) and lengths in bytes. */
export interface StringSet {
  literals: string[];
  sizes: Interval[];
}

export interface ValueSet {
  any: boolean;
  int: Interval[];
  text: StringSet;
  bytes: StringSet;
  floatWidths: FloatWidth[];
  floatValues: number[];
  bool: boolean[];
  null: boolean;
  undefined: boolean;
  /** Tagged values by decimal tag number. */
  tags: Map<string, ValueSet>;
  /** Types that could not be analysed, printed. */
  opaque: string[];
}

/** One alternative of a scalar type: an enumeration value (named) or a plain type. */
export interface ScalarValue {
  name: string | null;
  type: IrType;
  set: ValueSet;
  span: IrSpan | null;
}

export function emptySet(): ValueSet {
  return {
    any: false,
    int: [],
    text: { literals: [], sizes: [] },
    bytes: { literals: [], sizes: [] },
    floatWidths: [],
    floatValues: [],
    bool: [],
    null: false,
    undefined: false,
    tags: new Map(),
    opaque: [],
  };
}

const ALL_SIZES: Interval = { lo: 0n, hi: CBOR_INT_MAX };
const NOWHERE: IrSpan = { file: '', line: 0, col: 0 };

/**
 * The alternatives of a scalar type, looking through references, choices and
 * enumerations; null when the type is not a scalar (it holds an array, a map,
 * a group, a major type, …). `looked` collects every rule looked through.
 */
export function scalarValues(type: IrType, ctx: ShapeContext, looked: Set<string>, seen: Set<string> = new Set()): ScalarValue[] | null {
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(type.rule)) return null;
      seen.add(type.rule);
      const values = scalarValues(rule.type, ctx, looked, seen);
      seen.delete(type.rule);
      if (values !== null) looked.add(type.rule);
      return values;
    }
    case 'choice': {
      const out: ScalarValue[] = [];
      for (const option of type.options) {
        const values = scalarValues(option, ctx, looked, seen);
        if (values === null) return null;
        out.push(...values);
      }
      return out;
    }
    case 'enum': {
      const out: ScalarValue[] = [];
      for (const value of type.values) {
        const inner = scalarValues(value.type, ctx, looked, seen);
        if (inner === null) return null;
        if (value.name === null) out.push(...inner);
        else out.push({ name: value.name, type: value.type, set: unionAll(inner.map((v) => v.set)), span: value.span });
      }
      return out;
    }
    case 'tag': {
      if (typeof type.tag !== 'string') return null;
      const inner = scalarValues(type.type, ctx, looked, seen);
      if (inner === null) return null;
      const set = emptySet();
      set.tags.set(type.tag, unionAll(inner.map((v) => v.set)));
      return [{ name: null, type, set, span: null }];
    }
    case 'prim':
    case 'literal':
    case 'range':
    case 'control': {
      // `any .size R` is the emitter's choice `uint .size R / bstr .size R / tstr .size R`; `.and` of several kinds, one option per kind.
      const sized = sizeOnAnyOptions(type, ctx) ?? intersectionKinds(type, ctx);
      const set = sized === null ? leafSet(type, ctx) : unionAll(sized.map((t) => leafSet(t, ctx) ?? emptySet()));
      return set === null ? null : [{ name: null, type, set, span: null }];
    }
    case 'array':
    case 'map':
    case 'major':
      return null;
  }
}

/** The options of an `.and` of several kinds, or null (also when the emitter refuses it: leafSet then says what it can). */
function intersectionKinds(type: IrType, ctx: ShapeContext): IrType[] | null {
  try {
    return intersectionOptions(type, ctx);
  } catch {
    return null;
  }
}

function leafSet(type: IrType, ctx: ShapeContext): ValueSet | null {
  let shape: ReturnType<typeof scalarShape>;
  try {
    shape = scalarShape(type, ctx, NOWHERE, new Set());
  } catch {
    // The emitter refuses it (a float range, .size on something odd): compare it as text.
    shape = null;
  }
  const set = emptySet();
  if (shape === null) {
    if (type.kind === 'control' && ['cbor', 'cborseq', 'within', 'and'].includes(type.op)) return null;
    set.opaque.push(printType(type));
    return set;
  }
  switch (shape.kind) {
    case 'int':
      set.int = shape.intervals;
      break;
    case 'text':
    case 'bytes': {
      const target = shape.kind === 'text' ? set.text : set.bytes;
      if (shape.values !== null) target.literals = [...shape.values];
      else if (shape.size !== null) target.sizes = [{ lo: BigInt(shape.size.min), hi: shape.size.max === null ? CBOR_INT_MAX : BigInt(shape.size.max) }];
      else target.sizes = [ALL_SIZES];
      break;
    }
    case 'float':
      if (shape.values !== null) set.floatValues = [...shape.values];
      else set.floatWidths = [...shape.widths];
      break;
    case 'bool':
      set.bool = [...shape.values];
      break;
    case 'null':
      set.null = true;
      break;
    case 'undefined':
      set.undefined = true;
      break;
    case 'any':
      set.any = true;
      break;
    case 'never':
      break;
  }
  return set;
}

export function unionAll(sets: readonly ValueSet[]): ValueSet {
  return sets.reduce(union, emptySet());
}

export function union(a: ValueSet, b: ValueSet): ValueSet {
  const tags = new Map(a.tags);
  for (const [tag, inner] of b.tags) {
    const mine = tags.get(tag);
    tags.set(tag, mine === undefined ? inner : union(mine, inner));
  }
  return {
    any: a.any || b.any,
    int: normalise([...a.int, ...b.int]),
    text: unionStrings(a.text, b.text),
    bytes: unionStrings(a.bytes, b.bytes),
    floatWidths: [...new Set([...a.floatWidths, ...b.floatWidths])].sort(),
    floatValues: [...new Set([...a.floatValues, ...b.floatValues])],
    bool: [...new Set([...a.bool, ...b.bool])].sort(),
    null: a.null || b.null,
    undefined: a.undefined || b.undefined,
    tags,
    opaque: [...new Set([...a.opaque, ...b.opaque])],
  };
}

function unionStrings(a: StringSet, b: StringSet): StringSet {
  return { literals: [...new Set([...a.literals, ...b.literals])], sizes: normalise([...a.sizes, ...b.sizes]) };
}

function byteLength(literal: string, kind: 'text' | 'bytes'): bigint {
  return BigInt(kind === 'text' ? Buffer.byteLength(literal, 'utf8') : literal.length / 2);
}

function intervalsCover(outer: readonly Interval[], inner: Interval): boolean {
  // `outer` is normalised (disjoint, non-adjacent), so one interval must hold all of `inner`.
  return outer.some((o) => o.lo <= inner.lo && inner.hi <= o.hi);
}

function stringsSubset(a: StringSet, b: StringSet, kind: 'text' | 'bytes'): boolean {
  const literalsOk = a.literals.every((l) => b.literals.includes(l) || intervalsCover(b.sizes, { lo: byteLength(l, kind), hi: byteLength(l, kind) }));
  return literalsOk && a.sizes.every((s) => intervalsCover(b.sizes, s));
}

/** True when every value of `a` is a value of `b`. */
export function isSubset(a: ValueSet, b: ValueSet): boolean {
  if (b.any) return true;
  if (a.any) return false;
  if (!a.int.every((i) => intervalsCover(b.int, i))) return false;
  if (!stringsSubset(a.text, b.text, 'text') || !stringsSubset(a.bytes, b.bytes, 'bytes')) return false;
  if (!a.floatWidths.every((w) => b.floatWidths.includes(w))) return false;
  if (!a.floatValues.every((v) => b.floatValues.includes(v) || b.floatWidths.length > 0)) return false;
  if (!a.bool.every((v) => b.bool.includes(v))) return false;
  if ((a.null && !b.null) || (a.undefined && !b.undefined)) return false;
  for (const [tag, inner] of a.tags) {
    const other = b.tags.get(tag);
    if (other === undefined || !isSubset(inner, other)) return false;
  }
  return a.opaque.every((o) => b.opaque.includes(o));
}

export function isEmpty(a: ValueSet): boolean {
  return isSubset(a, emptySet());
}

export function sameSet(a: ValueSet, b: ValueSet): boolean {
  return isSubset(a, b) && isSubset(b, a);
}

/** True when some value belongs to both sets. */
export function overlaps(a: ValueSet, b: ValueSet): boolean {
  if (a.any) return b.any || !isEmpty(b);
  if (b.any) return !isEmpty(a);
  const meet = (x: readonly Interval[], y: readonly Interval[]) => x.some((i) => y.some((j) => i.lo <= j.hi && j.lo <= i.hi));
  if (meet(a.int, b.int)) return true;
  const strings = (x: StringSet, y: StringSet, kind: 'text' | 'bytes') => {
    const lengths = (l: readonly string[]) => l.map((s) => ({ lo: byteLength(s, kind), hi: byteLength(s, kind) }));
    return x.literals.some((l) => y.literals.includes(l)) || meet(lengths(x.literals), y.sizes) || meet(x.sizes, lengths(y.literals)) || meet(x.sizes, y.sizes);
  };
  if (strings(a.text, b.text, 'text') || strings(a.bytes, b.bytes, 'bytes')) return true;
  // Floats: any two float types share some value (an approximation: exact float sets are rare in schemas).
  if (a.floatWidths.length + a.floatValues.length > 0 && b.floatWidths.length + b.floatValues.length > 0) {
    if (a.floatWidths.length > 0 || b.floatWidths.length > 0 || a.floatValues.some((v) => b.floatValues.includes(v))) return true;
  }
  if (a.bool.some((v) => b.bool.includes(v))) return true;
  if ((a.null && b.null) || (a.undefined && b.undefined)) return true;
  for (const [tag, inner] of a.tags) {
    const other = b.tags.get(tag);
    if (other !== undefined && overlaps(inner, other)) return true;
  }
  return a.opaque.some((o) => b.opaque.includes(o));
}

/** The integers of `a` that are not in `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let rest = a.map((i) => ({ ...i }));
  for (const cut of b) {
    rest = rest.flatMap((i) => {
      if (cut.hi < i.lo || cut.lo > i.hi) return [i];
      const out: Interval[] = [];
      if (i.lo < cut.lo) out.push({ lo: i.lo, hi: cut.lo - 1n });
      if (cut.hi < i.hi) out.push({ lo: cut.hi + 1n, hi: i.hi });
      return out;
    });
  }
  return rest;
}

/** `1..3, 7`: integer intervals as CDDL-like text. */
export function printIntervals(intervals: readonly Interval[]): string {
  return intervals.map((i) => (i.lo === i.hi ? String(i.lo) : `${i.lo}..${i.hi}`)).join(', ');
}

/**
 * What `a` holds beyond `b`, as text a human can check ("128..255"), when the
 * difference is in integers only or in string literals only; null when it is
 * harder to say.
 */
export function describeExcess(a: ValueSet, b: ValueSet): string | null {
  const onlyInts = { ...a, int: [] as Interval[] };
  if (a.int.length > 0 && isSubset(onlyInts, b)) {
    const excess = subtractIntervals(a.int, b.int);
    return excess.length === 0 ? null : printIntervals(excess);
  }
  const noTextLiterals = { ...a, text: { ...a.text, literals: [] } };
  if (a.text.literals.length > 0 && isSubset(noTextLiterals, b)) {
    const excess = a.text.literals.filter((l) => !isSubset({ ...emptySet(), text: { literals: [l], sizes: [] } }, b));
    return excess.map((l) => printLiteral({ type: 'text', value: l })).join(', ');
  }
  return null;
}

/** The kinds of CBOR data a set holds (`int`, `text`, `tag 62`, …), to tell a changed type from a changed range. */
export function kindsOf(a: ValueSet): Set<string> {
  const kinds = new Set<string>();
  if (a.any) kinds.add('any');
  if (a.int.length > 0) kinds.add('int');
  if (a.text.literals.length + a.text.sizes.length > 0) kinds.add('text');
  if (a.bytes.literals.length + a.bytes.sizes.length > 0) kinds.add('bytes');
  if (a.floatWidths.length + a.floatValues.length > 0) kinds.add('float');
  if (a.bool.length > 0) kinds.add('bool');
  if (a.null) kinds.add('null');
  if (a.undefined) kinds.add('undefined');
  for (const tag of a.tags.keys()) kinds.add(`tag ${tag}`);
  for (const o of a.opaque) kinds.add(o);
  return kinds;
}
