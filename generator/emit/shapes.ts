/**
 * What a type means on the wire and in JavaScript, computed once from the IR
 * and shared by every emitter (types, decoders, encoders, guards), so that
 * they cannot disagree.
 *
 * Scalars are normalised: every integer type (literals, ranges, `uint`,
 * `.size`, `.lt`, enumerations, choices of those, through references) becomes
 * one set of intervals; likewise text and byte strings. That is what lets
 * `baseStatus / $extStatus / unknownStatus` decode as one integer read and one
 * range test. A construct the emitters cannot honour exactly is refused here,
 * with its location, never approximated.
 */
import { SchemaError, type SourceMap } from '../diagnostics.js';
import { toSpan } from '../ir/naming.js';
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrLiteral, IrRule, IrSpan, IrType } from '../ir/types.js';

export interface Interval {
  lo: bigint;
  hi: bigint;
}

/** CBOR integers (major types 0 and 1) span -2^64 .. 2^64-1. */
export const CBOR_INT_MIN = -(2n ** 64n);
export const CBOR_INT_MAX = 2n ** 64n - 1n;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

export type FloatWidth = 16 | 32 | 64;

/** Length bounds of a string in bytes (`.size`); `max` null is unbounded. */
export interface SizeBound {
  min: number;
  max: number | null;
}

export type Shape =
  | { kind: 'int'; intervals: Interval[] }
  | { kind: 'float'; widths: FloatWidth[]; values: number[] | null }
  | { kind: 'text'; values: string[] | null; size: SizeBound | null }
  | { kind: 'bytes'; values: string[] | null; size: SizeBound | null }
  | { kind: 'bool'; values: boolean[] }
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'any' }
  /** Matches nothing: an empty socket. */
  | { kind: 'never' }
  /** Another rule's own functions do the work. */
  | { kind: 'rule'; rule: IrRule }
  | { kind: 'array'; layout: ArrayLayout }
  | { kind: 'map'; layout: MapLayout }
  | { kind: 'tag'; tag: bigint; inner: Shape; innerType: IrType }
  | { kind: 'choice'; options: ChoiceOption[] };

export interface ChoiceOption {
  shape: Shape;
  type: IrType;
}

export interface Field {
  /** The JavaScript property name. */
  name: string;
  type: IrType;
  shape: Shape;
  optional: boolean;
  doc: string | null;
}

export type ArrayLayout =
  /** Every member named: a JavaScript object, encoded positionally; optional members only at the end. */
  | { kind: 'record'; fields: Field[] }
  /** Positional members, some unnamed: a JavaScript tuple. */
  | { kind: 'tuple'; fields: Field[] }
  /** One member repeated: a JavaScript array. */
  | { kind: 'list'; item: Shape; itemType: IrType; min: number; max: number | null };

/** Map keys the codecs handle: text and integers (which is what real schemas use). */
export type MapKey = Extract<IrLiteral, { type: 'text' | 'int' }>;

export interface MapField extends Field {
  key: MapKey;
}

/** A map with fixed keys: a JavaScript object; fields are kept in the deterministic order of their encoded keys. */
export interface MapLayout {
  kind: 'struct';
  fields: MapField[];
}

export interface ShapeContext {
  rules: ReadonlyMap<string, IrRule>;
  sources: SourceMap;
}

/** Refusal: the generator will not emit code that accepts or rejects the wrong values. */
export function unsupported(ctx: ShapeContext, span: IrSpan, what: string): never {
  throw new SchemaError('unsupported', toSpan(span), what, { sources: ctx.sources });
}

/** The shape of a rule's own type (references to other rules stay references). */
export function ruleShape(rule: IrRule, ctx: ShapeContext): Shape {
  if (rule.type === undefined) unsupported(ctx, rule.span, `group rule '${rule.name}' used as a type`);
  return shapeOf(rule.type, ctx, rule.span);
}

export function shapeOf(type: IrType, ctx: ShapeContext, span: IrSpan): Shape {
  const scalar = scalarShape(type, ctx, span, new Set());
  if (scalar !== null && type.kind !== 'ref') return scalar;
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule === undefined) return unsupported(ctx, span, `reference to unknown rule '${type.rule}'`);
      return { kind: 'rule', rule };
    }
    case 'prim':
      return { kind: 'any' };
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      if (types.length === 0) return { kind: 'never' };
      const options = types.flatMap((t) => {
        const shape = shapeOf(t, ctx, span);
        return shape.kind === 'choice' ? shape.options : [{ shape, type: t }];
      });
      return options.length === 1 && options[0] ? options[0].shape : { kind: 'choice', options };
    }
    case 'array':
      return { kind: 'array', layout: arrayLayout(type.group, ctx, span) };
    case 'map':
      return { kind: 'map', layout: mapLayout(type.group, ctx, span) };
    case 'tag':
      if (typeof type.tag !== 'string') return unsupported(ctx, span, `a tag without a fixed number: ${printType(type)}`);
      return { kind: 'tag', tag: BigInt(type.tag), inner: shapeOf(type.type, ctx, span), innerType: type.type };
    case 'major':
      return unsupported(ctx, span, `major type ${printType(type)}`);
    case 'control':
      if (type.op === 'default') return shapeOf(type.target, ctx, span);
      return unsupported(ctx, type.span, `control operator .${type.op} on ${printType(type.target)}`);
    case 'literal':
    case 'range':
      return unsupported(ctx, span, `literal or range ${printType(type)}`);
  }
}

// ---- scalars -----------------------------------------------------------------

type ScalarShape = Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' | 'any' | 'never' }>;

/** The scalar shape of a type, looking through references, or null when it is not a scalar. */
export function scalarShape(type: IrType, ctx: ShapeContext, span: IrSpan, seen: Set<string>): ScalarShape | null {
  switch (type.kind) {
    case 'prim':
      return primShape(type.prim);
    case 'literal':
      return literalShape(type.value);
    case 'range':
      return rangeShape(type, ctx, span);
    case 'ref': {
      if (seen.has(type.rule)) return null;
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined) return null;
      seen.add(type.rule);
      const shape = scalarShape(target, ctx, span, seen);
      seen.delete(type.rule);
      return shape;
    }
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      if (types.length === 0) return { kind: 'never' };
      let merged: ScalarShape | null = null;
      for (const t of types) {
        const shape = scalarShape(t, ctx, span, seen);
        if (shape === null) return null;
        merged = merged === null ? shape : mergeScalars(merged, shape);
        if (merged === null) return null;
      }
      return merged;
    }
    case 'control':
      return controlShape(type, ctx, seen);
    default:
      return null;
  }
}

function primShape(prim: Extract<IrType, { kind: 'prim' }>['prim']): ScalarShape {
  switch (prim) {
    case 'uint':
      return { kind: 'int', intervals: [{ lo: 0n, hi: CBOR_INT_MAX }] };
    case 'nint':
      return { kind: 'int', intervals: [{ lo: CBOR_INT_MIN, hi: -1n }] };
    case 'int':
      return { kind: 'int', intervals: [{ lo: CBOR_INT_MIN, hi: CBOR_INT_MAX }] };
    case 'bstr':
      return { kind: 'bytes', values: null, size: null };
    case 'tstr':
      return { kind: 'text', values: null, size: null };
    case 'bool':
      return { kind: 'bool', values: [false, true] };
    case 'null':
      return { kind: 'null' };
    case 'undefined':
      return { kind: 'undefined' };
    case 'any':
      return { kind: 'any' };
    case 'float16':
      return { kind: 'float', widths: [16], values: null };
    case 'float32':
      return { kind: 'float', widths: [32], values: null };
    case 'float64':
      return { kind: 'float', widths: [64], values: null };
    case 'float16-32':
      return { kind: 'float', widths: [16, 32], values: null };
    case 'float32-64':
      return { kind: 'float', widths: [32, 64], values: null };
    case 'float':
      return { kind: 'float', widths: [16, 32, 64], values: null };
  }
}

function literalShape(literal: IrLiteral): ScalarShape {
  switch (literal.type) {
    case 'int': {
      const v = BigInt(literal.value);
      return { kind: 'int', intervals: [{ lo: v, hi: v }] };
    }
    case 'float':
      return { kind: 'float', widths: [16, 32, 64], values: [literal.value] };
    case 'text':
      return { kind: 'text', values: [literal.value], size: null };
    case 'bytes':
      return { kind: 'bytes', values: [literal.hex], size: null };
    case 'bool':
      return { kind: 'bool', values: [literal.value] };
  }
}

function rangeShape(type: Extract<IrType, { kind: 'range' }>, ctx: ShapeContext, span: IrSpan): ScalarShape {
  if (type.min.type !== 'int' || type.max.type !== 'int') {
    return unsupported(ctx, span, `a floating-point range ${printType(type)}`);
  }
  const lo = BigInt(type.min.value);
  const hi = BigInt(type.max.value) - (type.inclusive ? 0n : 1n);
  return { kind: 'int', intervals: normalise([{ lo, hi }]) };
}

function controlShape(type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  const target = scalarShape(type.target, ctx, type.span, seen);
  if (target === null) return null;
  const controller = scalarShape(type.controller, ctx, type.span, seen);
  switch (type.op) {
    case 'default':
      return target;
    case 'size':
      return sizeShape(target, controller, type, ctx);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne':
      return comparisonShape(target, controller, type, ctx);
    default:
      return null;
  }
}

function sizeShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const bound = controller?.kind === 'int' ? intervalsAsBound(controller.intervals) : null;
  if (bound === null) return unsupported(ctx, type.span, `.size with a controller that is not a number or range of numbers: ${printType(type.controller)}`);
  if ((target.kind === 'text' || target.kind === 'bytes') && target.values === null && target.size === null) {
    return { ...target, size: bound };
  }
  if (target.kind === 'int' && target.intervals.every((i) => i.lo >= 0n)) {
    // uint .size n: the value fits in n bytes (RFC 8610 §3.8.1).
    const max = bound.max === null ? CBOR_INT_MAX : 256n ** BigInt(bound.max) - 1n;
    return { kind: 'int', intervals: intersect(target.intervals, [{ lo: 0n, hi: max }]) };
  }
  return unsupported(ctx, type.span, `.size on ${printType(type.target)}`);
}

function comparisonShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const single = controller?.kind === 'int' && controller.intervals.length === 1 && controller.intervals[0]?.lo === controller.intervals[0]?.hi;
  if (target.kind !== 'int' || !single || controller?.kind !== 'int') {
    return unsupported(ctx, type.span, `.${type.op} other than between an integer type and an integer: ${printType(type)}`);
  }
  const v = (controller.intervals[0] as Interval).lo;
  const limit: Record<string, Interval[]> = {
    lt: [{ lo: CBOR_INT_MIN, hi: v - 1n }],
    le: [{ lo: CBOR_INT_MIN, hi: v }],
    gt: [{ lo: v + 1n, hi: CBOR_INT_MAX }],
    ge: [{ lo: v, hi: CBOR_INT_MAX }],
    eq: [{ lo: v, hi: v }],
    ne: [
      { lo: CBOR_INT_MIN, hi: v - 1n },
      { lo: v + 1n, hi: CBOR_INT_MAX },
    ],
  };
  return { kind: 'int', intervals: intersect(target.intervals, limit[type.op] ?? []) };
}

function intervalsAsBound(intervals: Interval[]): SizeBound | null {
  if (intervals.length !== 1) return null;
  const [i] = intervals as [Interval];
  if (i.lo < 0n || i.hi > 2n ** 32n) return null;
  return { min: Number(i.lo), max: Number(i.hi) };
}

/** Two scalar shapes as one, when one shape can say exactly what both accept; otherwise null. */
function mergeScalars(a: ScalarShape, b: ScalarShape): ScalarShape | null {
  if (a.kind === 'never') return b;
  if (b.kind === 'never') return a;
  if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', intervals: normalise([...a.intervals, ...b.intervals]) };
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', values: [...new Set([...a.values, ...b.values])].sort() };
  if ((a.kind === 'null' && b.kind === 'null') || (a.kind === 'undefined' && b.kind === 'undefined')) return a;
  if ((a.kind === 'text' && b.kind === 'text') || (a.kind === 'bytes' && b.kind === 'bytes')) {
    if (a.size === null && b.size === null) {
      if (a.values === null || b.values === null) return { kind: a.kind, values: null, size: null };
      return { kind: a.kind, values: [...new Set([...a.values, ...b.values])], size: null };
    }
    return null;
  }
  return null;
}

// ---- interval arithmetic -----------------------------------------------------

/** Sorted, disjoint, non-adjacent intervals, clamped to the CBOR integer range. */
export function normalise(intervals: Interval[]): Interval[] {
  const sorted = intervals
    .map((i) => ({ lo: i.lo < CBOR_INT_MIN ? CBOR_INT_MIN : i.lo, hi: i.hi > CBOR_INT_MAX ? CBOR_INT_MAX : i.hi }))
    .filter((i) => i.lo <= i.hi)
    .sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
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

/** True when every value of the set is a safe JavaScript integer, so `number` represents it. */
export function fitsNumber(intervals: Interval[]): boolean {
  return intervals.every((i) => i.lo >= SAFE_MIN && i.hi <= SAFE_MAX);
}

export function isUnsigned(intervals: Interval[]): boolean {
  return intervals.every((i) => i.lo >= 0n);
}

// ---- arrays and maps -----------------------------------------------------------

/** Entries of a group with spliced groups expanded in place (only plain `(…)` or named groups that occur once). */
function flattenEntries(group: IrGroup, ctx: ShapeContext, span: IrSpan, seen: Set<string>): Extract<IrEntry, { kind: 'member' }>[] {
  if (group.choices.length !== 1) {
    return unsupported(ctx, span, `a group choice (//) inside an array or map: ${group.choices.length} alternatives`);
  }
  const out: Extract<IrEntry, { kind: 'member' }>[] = [];
  for (const entry of (group.choices[0] as IrGroup['choices'][number]).entries) {
    if (entry.kind === 'member') {
      out.push(entry);
      continue;
    }
    if (entry.occurrence.min !== 1 || entry.occurrence.max !== 1) {
      unsupported(ctx, entry.span, `a spliced group with an occurrence indicator (${entry.occurrence.min}*${entry.occurrence.max ?? ''})`);
    }
    let inner = entry.group;
    if (entry.ref !== null) {
      if (seen.has(entry.ref)) unsupported(ctx, entry.span, `group '${entry.ref}' that contains itself`);
      inner = ctx.rules.get(entry.ref)?.group ?? null;
      seen.add(entry.ref);
    }
    if (inner === null) return unsupported(ctx, entry.span, `unknown group '${entry.ref ?? ''}'`);
    out.push(...flattenEntries(inner, ctx, entry.span, seen));
    if (entry.ref !== null) seen.delete(entry.ref);
  }
  return out;
}

function arrayLayout(group: IrGroup, ctx: ShapeContext, span: IrSpan): ArrayLayout {
  const members = flattenEntries(group, ctx, span, new Set());
  const only = members[0];
  if (members.length === 1 && only !== undefined && !(only.occurrence.min === 1 && only.occurrence.max === 1) && only.occurrence.max !== 1) {
    return { kind: 'list', item: shapeOf(only.type, ctx, only.span), itemType: only.type, min: only.occurrence.min, max: only.occurrence.max };
  }
  let seenOptional = false;
  const fields = members.map((m, index): Field => {
    const { min, max } = m.occurrence;
    const optional = min === 0 && max === 1;
    if (!optional && !(min === 1 && max === 1)) {
      unsupported(ctx, m.span, `an array member that repeats (${min}*${max ?? ''}) beside other members`);
    }
    if (seenOptional && !optional) unsupported(ctx, m.span, 'a required array member after an optional one');
    seenOptional ||= optional;
    return { name: m.name ?? `item${index}`, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional, doc: m.doc };
  });
  const named = members.every((m) => m.name !== null);
  if (named) assertUniqueNames(fields, members, ctx);
  return { kind: named && members.length > 0 ? 'record' : 'tuple', fields };
}

function mapLayout(group: IrGroup, ctx: ShapeContext, span: IrSpan): MapLayout {
  const members = flattenEntries(group, ctx, span, new Set());
  const fields = members.map((m): MapField => {
    const key = fixedKey(m, ctx);
    const { min, max } = m.occurrence;
    const optional = min === 0 && max === 1;
    if (!optional && !(min === 1 && max === 1)) unsupported(ctx, m.span, `a map member that repeats (${min}*${max ?? ''})`);
    if (key.type !== 'text' && key.type !== 'int') return unsupported(ctx, m.span, `a map key of type ${key.type}`);
    const name = m.name ?? key.value;
    return { name, key, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional, doc: m.doc };
  });
  assertUniqueNames(fields, members, ctx);
  return { kind: 'struct', fields };
}

/** The literal key of a map member (`name:`, `1:`, `"x" =>`, `&(name: 1) =>`), or a refusal. */
function fixedKey(member: Extract<IrEntry, { kind: 'member' }>, ctx: ShapeContext): IrLiteral {
  const key = member.key;
  if (key === null) return unsupported(ctx, member.span, 'a map entry without a key');
  if (key.kind === 'value') return key.value;
  let type = key.type;
  if (type.kind === 'enum' && type.values.length === 1 && type.values[0]) type = type.values[0].type;
  if (type.kind === 'literal') return type.value;
  return unsupported(ctx, member.span, `a map entry with a computed key (${printType(key.type)} =>)`);
}

function assertUniqueNames(fields: Field[], members: Extract<IrEntry, { kind: 'member' }>[], ctx: ShapeContext): void {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.name)) unsupported(ctx, (members[i] as (typeof members)[number]).span, `two members named '${f.name}' in one array or map`);
    seen.add(f.name);
  });
}
