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
import { SchemaError, type SchemaWarning, type SourceMap } from '../diagnostics.js';
import { unhoisted } from '../ir/hoist.js';
import { toSpan } from '../ir/naming.js';
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrLiteral, IrRule, IrSpan, IrType } from '../ir/types.js';
import { AbnfError, abnfToRegExp } from './abnf.js';
import { RegexpSyntaxError, translateRegexp } from './xsd-regexp.js';
import { implies } from './implication.js';
import { notEqualShape, TEXT_CONTROL_OPS, textControlShape } from './more-controls.js';

export interface Interval {
  lo: bigint;
  hi: bigint;
}

/** CBOR integers (major types 0 and 1) span -2^64 .. 2^64-1. */
export const CBOR_INT_MIN = -(2n ** 64n);
export const CBOR_INT_MAX = 2n ** 64n - 1n;
/** Bignums are unbounded; these stand for -∞ and +∞ in interval arithmetic and are never written as bounds. */
export const UNBOUNDED_MIN = -(2n ** 8192n);
export const UNBOUNDED_MAX = 2n ** 8192n;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

export type FloatWidth = 16 | 32 | 64;

export interface FloatRange {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
}

/** Length bounds of a string in bytes (`.size`); `max` null is unbounded. */
export interface SizeBound {
  min: number;
  max: number | null;
}

export type Shape =
  /** `bits`: the only bits that may be set (`uint .bits …`), as a mask. */
  | { kind: 'int'; intervals: Interval[]; bits?: bigint; bignum?: true }
  /** `range`: bounds from a floating-point range (`0.0..1.0`) or comparisons (`.ge 0.0`); ±Infinity where open. */
  | { kind: 'float'; widths: FloatWidth[]; values: number[] | null; range?: FloatRange }
  /**
   * `pattern`: a regular expression (`.regexp`), matched whole; two of them
   * (`.and`) become one, `(?=(?:p1)$)(?:p2)`, which matches what both match.
   */
  | { kind: 'text'; values: string[] | null; size: SizeBound | null; pattern?: string; checks?: StringCheck[] }
  /**
   * `embedded`: the bytes hold the encoding of a rule's value (`.cbor`), or a sequence of them (`.cborseq`).
   * `bits`: the only bits that may be set (`bstr .bits …`), as a mask: bit n of the mask allows bit n of the string, `(str[n >> 3] >> (n & 7)) & 1`.
   * `pattern`: a regular expression (`.abnfb`) matched whole, with the `u` flag, against the bytes read as the code points 0..255 (latin1).
   * `checks` (on text too): RFC 9741 controls (`.b64u`, `.json`, `.join`, …), each a test by templates/text-controls.ts.
   */
  | { kind: 'bytes'; values: string[] | null; size: SizeBound | null; embedded?: { rule: IrRule; sequence: boolean }; bits?: bigint; pattern?: string; checks?: StringCheck[] }
  | { kind: 'bool'; values: boolean[] }
  | { kind: 'null' }
  | { kind: 'undefined' }
  /**
   * Any data item, kept as its encoded bytes (CborAny); `head`: only those of one major type (`#5`), or with one additional information too (`#0.24`).
   * `except`: simple values left out (`any .ne undefined`), by their one-byte encodings (0xf4 false … 0xf7 undefined), which no other item starts with.
   */
  | { kind: 'any'; head?: { major: number; ai: number | null }; except?: number[] }
  /** Matches nothing: an empty socket, or an intersection (`.and`) with no value; `reason` says which, for messages. */
  | { kind: 'never'; reason?: string }
  /** Another rule's own functions do the work. */
  | { kind: 'rule'; rule: IrRule }
  | { kind: 'array'; layout: ArrayLayout }
  | { kind: 'map'; layout: MapLayout }
  | { kind: 'tag'; tag: bigint; inner: Shape; innerType: IrType }
  /** A tag whose number is not fixed (`#6`, `#6.<1..3>(int)`): the value is `{ tag, value }`; `tags` null is any number. */
  | { kind: 'tagged'; tags: Interval[] | null; inner: Shape; innerType: IrType }
  | { kind: 'choice'; options: ChoiceOption[] };

/**
 * A string's relation to another value (RFC 9741): the text is the `encoding`
 * of bytes of shape `bytes` (null: any bytes), a decimal numeral of an
 * integer in `intervals` (null: any), a JSON text whose value decodes as
 * `rule`, what printf writes for `format` and arguments of shapes `args`, or
 * the concatenation of strings of shapes `parts`. more-controls.ts computes
 * them and their conditions.
 */
export type StringCheck =
  | { kind: 'base'; encoding: string; bytes: ScalarShape | null }
  | { kind: 'base10'; intervals: Interval[] | null }
  | { kind: 'json'; rule: IrRule }
  | { kind: 'printf'; format: string; args: ScalarShape[] }
  | { kind: 'join'; parts: Extract<ScalarShape, { kind: 'text' | 'bytes' }>[] };

export interface ChoiceOption {
  shape: Shape;
  type: IrType;
}

export interface Field {
  /** The JavaScript property name. */
  name: string;
  /** Where the member is defined: alternatives share a member when they share its span. */
  span: IrSpan;
  type: IrType;
  shape: Shape;
  optional: boolean;
  doc: string | null;
}

export type ArrayLayout =
  /**
   * Every member named: a JavaScript object, encoded positionally; optional
   * members only at the end, or else one repeated member (`rest`, an array
   * property), possibly followed by members it can never be (`after`).
   */
  | { kind: 'record'; fields: Field[]; rest?: ArrayRest; after?: Field[] }
  /**
   * Positional members, some unnamed: a JavaScript tuple (`rest`: a repeated
   * member, `...T[]`; `after`: members after it, which it can never be).
   */
  | { kind: 'tuple'; fields: Field[]; rest?: ArrayRest; after?: Field[] }
  /** One member repeated: a JavaScript array. */
  | { kind: 'list'; item: Shape; itemType: IrType; min: number; max: number | null }
  /**
   * Alternatives (group choices `//`, or an optional group `? ( … )`): one
   * record each, a union in TypeScript; discriminated when one member with a
   * distinct single value in every alternative tells them apart.
   */
  | { kind: 'variants'; variants: Field[][]; discriminant: Discriminant | null }
  /**
   * A group of several members repeated (`[ + (SUIT_Condition // SUIT_Shared_Commands) ]`):
   * a JavaScript array with one item per repetition, a record or a tuple of
   * that repetition's members, which the CBOR array holds inline one after
   * another.
   */
  | { kind: 'groups'; variants: GroupVariant[]; min: number; max: number | null; discriminant: GroupDiscriminant | null }
  /**
   * Alternatives some of whose members are unnamed (`[int // tstr, tstr]`,
   * `[int, ? tstr, bool]`): each a tuple (or an object, when all are named)
   * of required members, told apart as a repeated group's repetitions are.
   */
  | { kind: 'alternatives'; variants: GroupVariant[]; discriminant: GroupDiscriminant | null };

/** One alternative of a repeated group: its members, all required, as an object (all named) or a tuple. */
export interface GroupVariant {
  kind: 'record' | 'tuple';
  fields: Field[];
}

/**
 * The first member of a repetition, where its single value narrows the
 * alternatives it may be (`suit-condition-abort` = 14: that one, and any
 * whose first member admits 14), in declared order; `others` are those whose
 * first member has no single value (`suit-command-custom` = nint), for any
 * other value.
 */
export interface GroupDiscriminant {
  cases: { value: DiscriminantValue; variants: number[] }[];
  others: number[];
}

/** A repeated member after an array's fixed members (`[ digest, * authentication ]`). */
export interface ArrayRest {
  name: string;
  item: Shape;
  itemType: IrType;
  min: number;
  max: number | null;
  doc: string | null;
}

/** The member that tells the alternatives of an array apart, at the same position in each, after a shared prefix. */
export interface Discriminant {
  index: number;
  name: string;
  /** The member's single value in each alternative, in order. */
  values: DiscriminantValue[];
}

export type DiscriminantValue = { type: 'int'; value: bigint } | { type: 'text'; value: string };

/** Map keys the codecs handle: text and integers (which is what real schemas use). */
export type MapKey = Extract<IrLiteral, { type: 'text' | 'int' }>;

export interface MapField extends Field {
  key: MapKey;
  /**
   * Whether the key is a cut (RFC 8610 §3.5.4: `key: value` and `key ^ => value`): the map fails
   * when the key holds a value of another type. Without a cut (`"key" => value`) such an entry may
   * still be one of the map's computed-key entries, when their key type takes the key.
   */
  cut: boolean;
}

/**
 * Entries with computed keys (`* tstr => any`, `* unknownExtension`): a
 * JavaScript Map in the order read, each key and value checked.
 */
export interface MapRest {
  /** The property holding the Map: the spliced group's name (`unknownExtension`), or `rest`. */
  name: string;
  /**
   * Keys that are arrays, maps or tags (`* SUIT_Component_Identifier =>`):
   * a JavaScript Map would compare them by identity, so the entries are an
   * array of `[key, value]` pairs instead, told apart by their encoding.
   */
  structured: boolean;
  key: Shape;
  keyType: IrType;
  value: Shape;
  valueType: IrType;
  min: number;
  max: number | null;
  doc: string | null;
  span: IrSpan;
}

/**
 * A map: fixed keys as object fields (kept in the deterministic order of
 * their encoded keys), and at most one kind of computed-key entries. A map
 * with only computed keys is a JavaScript Map itself.
 */
export interface MapStruct {
  kind: 'struct';
  fields: MapField[];
  rest: MapRest | null;
  /** How many of some optional fields may be present together (`{ + $$SUIT_Parameters }`: at least one). */
  counts: EntryCount[];
}

/** A repeated group of keyed members in a map (`+ ( a => int // b => tstr )`): keys are unique, so each member occurs at most once, and `min`..`max` of them do. */
export interface EntryCount {
  min: number;
  max: number | null;
  /** The fields (all optional) that count. */
  names: string[];
  /** Whether the computed-key entries count too (each is one). */
  rest: boolean;
}

export type MapLayout =
  | MapStruct
  /**
   * Alternatives (`//`, or an optional group of several members): one struct
   * each, a union in TypeScript; discriminated when one key has a distinct
   * single value in every alternative.
   */
  | { kind: 'variants'; variants: MapStruct[]; discriminant: MapDiscriminant | null; tag: MapDiscriminant | null };

/** The key whose value tells a map's alternatives apart (`discriminant`: distinct in each; `tag`: a single value in each, maybe shared). */
export interface MapDiscriminant {
  name: string;
  key: MapKey;
  values: DiscriminantValue[];
}

/** A map that is only computed-key entries (`{ * tstr => int }`) is a JavaScript Map. */
export function isDictionary(layout: MapLayout): layout is MapStruct & { rest: MapRest } {
  return layout.kind === 'struct' && layout.fields.length === 0 && layout.rest !== null;
}

export interface ShapeContext {
  rules: ReadonlyMap<string, IrRule>;
  sources: SourceMap;
  /** Where warnings go (a schema that generates, but not quite as written); absent: nowhere. */
  warnings?: SchemaWarning[];
  /** Rules the general matcher checks (general.ts), by name, with the reason: never looked into, only referred to. */
  general?: ReadonlyMap<string, string>;
}

/** Records a warning once, however often the type's shape is computed. */
export function warn(ctx: ShapeContext, span: IrSpan, message: string): void {
  const warning: SchemaWarning = { span: toSpan(span), message };
  const same = (w: SchemaWarning) => w.message === message && w.span.file === warning.span.file && w.span.offset === warning.span.offset;
  if (ctx.warnings !== undefined && !ctx.warnings.some(same)) ctx.warnings.push(warning);
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
    case 'tag': {
      const inner = shapeOf(type.type, ctx, span);
      const tags = tagNumbers(type, ctx, span);
      const fixed = singleTag(tags);
      if (fixed !== undefined) return { kind: 'tag', tag: fixed, inner, innerType: type.type };
      return { kind: 'tagged', tags, inner, innerType: type.type };
    }
    case 'major':
      // `#4`, `#5`, `#7`, `#0.24`…: no type of its own says it, so the item is kept whole, its head checked.
      return { kind: 'any', head: { major: type.major, ai: type.info === null ? null : Number(type.info) } };
    case 'control': {
      if (type.op === 'default') return shapeOf(type.target, ctx, span);
      const options = sizeOnAnyOptions(type, ctx) ?? intersectionOptions(type, ctx);
      if (options !== null) return { kind: 'choice', options: options.map((t) => ({ shape: shapeOf(t, ctx, span), type: t })) };
      if (type.op === 'and' || type.op === 'within') {
        // Every item A matches also matches B (`$eid .within eid-structure`): the intersection is A (implication.ts).
        const target = shapeOf(type.target, ctx, span);
        if (implies(target, shapeOf(type.controller, ctx, span), ctx)) return target;
        return unsupported(ctx, type.span, `.${type.op} between types that are not all scalars, where not every value of the left side is shown to match the right side: ${printType(type)}`);
      }
      return unsupported(ctx, type.span, `control operator .${type.op} on ${printType(type.target)}`);
    }
    case 'literal':
    case 'range':
      return unsupported(ctx, span, `literal or range ${printType(type)}`);
  }
}

/** The numbers a tag may have (`#6.24`: one; `#6.<1..3>`: an interval), or null for any (`#6`). */
export function tagNumbers(type: Extract<IrType, { kind: 'tag' }>, ctx: ShapeContext, span: IrSpan): Interval[] | null {
  if (type.tag === null) return null;
  if (typeof type.tag === 'string') return [{ lo: BigInt(type.tag), hi: BigInt(type.tag) }];
  const number = scalarShape(type.tag, ctx, span, new Set());
  if (number?.kind !== 'int' || number.bits !== undefined) return unsupported(ctx, span, `a tag number that is not an unsigned integer type: ${printType(type)}`);
  const tags = intersect(number.intervals, [{ lo: 0n, hi: CBOR_INT_MAX }]);
  if (tags.length === 0) return unsupported(ctx, span, `a tag number no tag can have: ${printType(type)}`);
  return tags;
}

/** Whether a value of the type may be JavaScript `undefined` (CBOR's simple value 23), which members use to mean "absent". */
function admitsUndefined(type: IrType, ctx: ShapeContext, seen = new Set<string>()): boolean {
  switch (type.kind) {
    case 'prim':
      return type.prim === 'undefined';
    case 'choice':
      return type.options.some((o) => admitsUndefined(o, ctx, seen));
    case 'enum':
      return type.values.some((v) => admitsUndefined(v.type, ctx, seen));
    case 'tag':
      return typeof type.tag === 'string' && admitsUndefined(type.type, ctx, seen);
    case 'control':
      return admitsUndefined(type.target, ctx, seen);
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(type.rule)) return false;
      return admitsUndefined(rule.type, ctx, new Set([...seen, type.rule]));
    }
    default:
      return false;
  }
}

/** The tag number when there is exactly one. */
export function singleTag(tags: Interval[] | null): bigint | undefined {
  return tags !== null && tags.length === 1 && tags[0]?.lo === tags[0]?.hi ? tags[0]?.lo : undefined;
}

// ---- scalars -----------------------------------------------------------------

export type ScalarShape = Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' | 'any' | 'never' }>;

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
      if (seen.has(type.rule) || ctx.general?.has(type.rule)) return null;
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
    case 'biguint':
      return { kind: 'int', intervals: [{ lo: 0n, hi: UNBOUNDED_MAX }], bignum: true };
    case 'bignint':
      return { kind: 'int', intervals: [{ lo: UNBOUNDED_MIN, hi: -1n }], bignum: true };
    case 'bigint':
      return { kind: 'int', intervals: [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }], bignum: true };
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
  if (type.min.type === 'float' && type.max.type === 'float') {
    return { kind: 'float', widths: [16, 32, 64], values: null, range: { min: type.min.value, max: type.max.value, minInclusive: true, maxInclusive: type.inclusive } };
  }
  if (type.min.type !== 'int' || type.max.type !== 'int') {
    return unsupported(ctx, span, `a range of ${type.min.type} and ${type.max.type} values: ${printType(type)}`);
  }
  const lo = BigInt(type.min.value);
  const hi = BigInt(type.max.value) - (type.inclusive ? 0n : 1n);
  return { kind: 'int', intervals: normalise([{ lo, hi }]) };
}

function controlShape(type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  if (type.op === 'and' || type.op === 'within') {
    // Several kinds remain (`(int / tstr) .and (uint / "a")`): a choice, which shapeOf makes (intersectionOptions).
    const results = intersectionScalars(type, ctx, seen);
    if (results === null || results.length > 1) return null;
    return results[0] ?? { kind: 'never', reason: `${printType(type)} matches nothing` };
  }
  const target = scalarShape(type.target, ctx, type.span, seen);
  if (target === null) return null;
  const controller = scalarShape(type.controller, ctx, type.span, seen);
  switch (type.op) {
    case 'default':
      return target;
    case 'size':
      // `any .size R` is a choice of three kinds, not one scalar: shapeOf makes it (sizeOnAnyOptions).
      return target.kind === 'any' ? null : sizeShape(target, controller, type, ctx);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne':
      return equalityShape(target, controller, type, ctx, seen) ?? comparisonShape(target, controller, type, ctx);
    case 'feature':
      // RFC 9165 §4: a feature only names where an extension point is used; it accepts what its target accepts.
      return target;
    case 'plus':
    case 'cat':
    case 'det':
      return staticShape(target, controller, type, ctx);
    case 'regexp':
      return regexpShape(target, controller, type, ctx);
    case 'bits':
      return bitsShape(target, controller, type, ctx);
    case 'cbor':
    case 'cborseq':
      return embeddedShape(target, type, ctx);
    case 'abnf':
    case 'abnfb':
      return abnfShape(target, controller, type, ctx);
    default:
      return TEXT_CONTROL_OPS.has(type.op) ? textControlShape(target, controller, type, ctx) : null;
  }
}

/** `.plus`, `.cat`, `.det` (RFC 9165 §2-3) between literals: computed now, one value. */
function staticShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const refuse = () => unsupported(ctx, type.span, `.${type.op} other than between two literals: ${printType(type)}`);
  if (type.op === 'plus') {
    const single = (x: ScalarShape | null) => (x?.kind === 'int' && x.intervals.length === 1 && x.intervals[0]?.lo === x.intervals[0]?.hi ? (x.intervals[0] as Interval).lo : null);
    const a = single(target);
    const b = single(controller);
    if (a === null || b === null) return refuse();
    return { kind: 'int', intervals: [{ lo: a + b, hi: a + b }] };
  }
  const bytesOf = (x: ScalarShape | null): Uint8Array | null => {
    if (x?.kind === 'text' && x.size === null && x.pattern === undefined && x.checks === undefined && x.values?.length === 1) return new TextEncoder().encode(x.values[0]);
    if (x?.kind === 'bytes' && x.size === null && x.checks === undefined && x.values?.length === 1) return Uint8Array.from((x.values[0] as string).match(/../g) ?? [], (h) => parseInt(h, 16));
    return null;
  };
  const left = bytesOf(target);
  const right = bytesOf(controller);
  if (left === null || right === null) return refuse();
  const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
  const joined = type.op === 'det' ? new TextEncoder().encode(dedent(decode(left)) + dedent(decode(right))) : new Uint8Array([...left, ...right]);
  // The target's kind decides the result's (RFC 9165 §2.1).
  if (target.kind === 'text') return { kind: 'text', values: [decode(joined)], size: null };
  return { kind: 'bytes', values: [[...joined].map((b) => b.toString(16).padStart(2, '0')).join('')], size: null };
}

/**
 * `bstr .cbor T` / `.cborseq T` (RFC 8610 §3.8.4): the bytes stay exactly as
 * they are (COSE signs the protected header's bytes, so they must not be
 * re-encoded), and must decode as T. T must be a named rule.
 */
function embeddedShape(target: ScalarShape, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const rule = type.controller.kind === 'ref' ? ctx.rules.get(type.controller.rule) : undefined;
  if (target.kind !== 'bytes' || target.values !== null || target.size !== null || target.embedded !== undefined || target.bits !== undefined || target.pattern !== undefined || target.checks !== undefined || rule?.kind !== 'type') {
    return unsupported(ctx, type.span, `.${type.op} other than on a plain byte string with a rule name: ${printType(type)} (name the embedded type with a rule)`);
  }
  // A sequence matches the items of the controller's array (RFC 8610 §3.8.4), so the controller must be one.
  if (type.op === 'cborseq' && rule.type?.kind !== 'array') {
    return unsupported(ctx, type.span, `.cborseq with a controller that is not an array: ${printType(type)}`);
  }
  return { kind: 'bytes', values: null, size: null, embedded: { rule, sequence: type.op === 'cborseq' } };
}

/**
 * `uint .bits (1 / 3 / 5)`, `bstr .bits flags` (RFC 8610 §3.8.2): only those
 * bit positions may be set; in a byte string, bit n is
 * `(str[n >> 3] >> (n & 7)) & 1`, and bytes past the highest allowed bit must
 * be zero (any length is fine).
 */
function bitsShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const positions = controller?.kind === 'int' && controller.bits === undefined ? controller.intervals : null;
  const onTarget = (target.kind === 'int' && isUnsigned(target.intervals)) || target.kind === 'bytes';
  if (!onTarget || positions === null || positions.some((i) => i.lo < 0n || i.hi > 1023n)) {
    return unsupported(ctx, type.span, `.bits other than on an unsigned integer or a byte string with bit positions 0..1023: ${printType(type)}`);
  }
  let allowed = 0n;
  for (const { lo, hi } of positions) for (let bit = lo; bit <= hi; bit++) allowed |= 1n << bit;
  if (target.kind === 'bytes') {
    // Literal values are checked now; a string type gets the mask, with whatever it already had (`.size`, `.cbor`).
    if (target.values !== null) {
      const values = target.values.filter((hex) => onlyAllowedBits(hex, allowed));
      return values.length === 0 ? { kind: 'never', reason: `${printType(type)} matches nothing` } : { ...target, values };
    }
    return { ...target, bits: (target.bits ?? allowed) & allowed };
  }
  if (target.kind !== 'int') return unsupported(ctx, type.span, `.bits on ${printType(type.target)}`);
  return { kind: 'int', intervals: target.intervals, bits: (target.bits ?? -1n) & allowed };
}

/** Whether a byte string (hex) sets only bits the mask allows: bit n is `(bytes[n >> 3] >> (n & 7)) & 1`. */
function onlyAllowedBits(hex: string, mask: bigint): boolean {
  return (hex.match(/../g) ?? []).every((h, i) => (BigInt(parseInt(h, 16)) & ~(mask >> BigInt(8 * i))) === 0n);
}

/** Removes the leading white space that all non-blank lines share (RFC 9165 §2.2). */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(common, l.length))).join('\n');
}

/**
 * `tstr .regexp "…"`: an XSD regular expression (RFC 8610 §3.8.3), matched
 * whole; xsd-regexp.ts writes it as JavaScript with the same meaning. A
 * pattern that is not XSD but reads as PCRE gets PCRE's meaning and a warning.
 */
function regexpShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const pattern = controller?.kind === 'text' && controller.values?.length === 1 ? (controller.values[0] as string) : null;
  if (target.kind !== 'text' || target.values !== null || target.size !== null || target.pattern !== undefined || target.checks !== undefined || pattern === null) {
    return unsupported(ctx, type.span, `.regexp other than on a plain text string with a literal pattern: ${printType(type)}`);
  }
  return { kind: 'text', values: null, size: null, pattern: regexpSource(pattern, type.span, ctx) };
}

/** A `.regexp` pattern as JavaScript source (PCRE with a warning where it is not XSD); refused when it is neither. The general matcher's program uses it too. */
export function regexpSource(pattern: string, span: IrSpan, ctx: ShapeContext): string {
  try {
    const { source, notXsd } = translateRegexp(pattern);
    if (notXsd !== undefined) warn(ctx, span, `.regexp ${JSON.stringify(pattern)} is not an XSD regular expression (RFC 8610 §3.8.3): ${notXsd}; it is read as PCRE`);
    return source;
  } catch (error) {
    if (error instanceof RegexpSyntaxError) return unsupported(ctx, span, `.regexp pattern that is not a regular expression (RFC 8610 §3.8.3: XSD Part 2 Appendix F): ${error.message}`);
    throw error;
  }
}

/**
 * `tstr .abnf g`, `bstr .abnfb g` (RFC 9165 §3): the controller, a text
 * string (`("rule" .det grammar)`), is an ABNF element and the rules it uses;
 * abnf.ts makes it a regular expression over the text's code points, or over
 * the bytes read as latin1. `.abnf` on bytes and `.abnfb` on text are refused.
 */
function abnfShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const kind = type.op === 'abnf' ? 'text' : 'bytes';
  const grammar = controller?.kind === 'text' && controller.size === null && controller.pattern === undefined && controller.values?.length === 1 ? (controller.values[0] as string) : null;
  if (target.kind !== kind || target.values !== null || target.pattern !== undefined || target.checks !== undefined || grammar === null) {
    return unsupported(ctx, type.span, `.${type.op} other than on a ${kind === 'text' ? 'text' : 'byte'} string type with a literal text grammar: ${printType(type)}`);
  }
  return { ...target, pattern: abnfSource(type, grammar, ctx) };
}

/** The regular expression source of an `.abnf` (text) or `.abnfb` (bytes) grammar; refused when the grammar is in error. The general matcher's program uses it too. */
export function abnfSource(type: Control, grammar: string, ctx: ShapeContext): string {
  try {
    return abnfToRegExp(grammar, { alphabet: type.op === 'abnf' ? 'text' : 'bytes' });
  } catch (error) {
    if (error instanceof AbnfError) return unsupported(ctx, type.span, `.${type.op} grammar ${error.message}`);
    throw error;
  }
}

/**
 * `any .size R`, the target `any` directly or through rules (`x = any`,
 * `y = x .size 4`): RFC 8610 §3.8.1 defines `.size` for unsigned integers
 * (the byte width of the value) and byte and text strings (their length in
 * bytes), and the reference validator (the `cddl` gem) checks it on any value
 * by its kind, failing every other kind. So it means exactly
 * `uint .size R / bstr .size R / tstr .size R`: those three types, in that
 * order, or null for any other type. Shapes, TypeScript types, decoders,
 * encoders and guards all follow from the choice.
 */
export function sizeOnAnyOptions(type: IrType, ctx: ShapeContext): Extract<IrType, { kind: 'control' }>[] | null {
  if (type.kind !== 'control' || type.op !== 'size') return null;
  if (scalarShape(type.target, ctx, type.span, new Set())?.kind !== 'any') return null;
  return (['uint', 'bstr', 'tstr'] as const).map((prim) => ({ ...type, target: { kind: 'prim', prim } }));
}

function sizeShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const bound = controller?.kind === 'int' ? intervalsAsBound(controller.intervals) : null;
  if (bound === null) return unsupported(ctx, type.span, `.size with a controller that is not a number or range of numbers: ${printType(type.controller)}`);
  if ((target.kind === 'text' || target.kind === 'bytes') && target.values === null && target.size === null) {
    return { ...target, size: bound };
  }
  if (target.kind === 'int') {
    // The argument of the head fits in n bytes (RFC 8610 §3.8.1): 0..256^n-1, and for negatives -1-x with x < 256^n.
    const limit = bound.max === null ? null : 256n ** BigInt(bound.max);
    const fits = limit === null ? [{ lo: CBOR_INT_MIN, hi: CBOR_INT_MAX }] : [{ lo: -limit, hi: limit - 1n }];
    return { kind: 'int', intervals: intersect(target.intervals, fits) };
  }
  return unsupported(ctx, type.span, `.size on ${printType(type.target)}`);
}

/**
 * `.eq` and `.ne` between values other than integers (RFC 8610 §3.8.6: equal
 * data items): `.eq` is the intersection (as `.and`), `.ne` the target
 * without the one literal value (more-controls.ts). Null for integers, which
 * comparisonShape does with intervals, and for what has no shape here.
 */
function equalityShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  if ((type.op !== 'eq' && type.op !== 'ne') || (target.kind === 'int' && controller?.kind === 'int')) return null;
  if (type.op === 'ne') return notEqualShape(target, controller, type);
  const results = intersectionScalars(type, ctx, seen);
  if (results === null || results.length > 1) return null;
  return results[0] ?? { kind: 'never', reason: `${printType(type)} matches nothing` };
}

function comparisonShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  if (target.kind === 'float' && target.values === null && (type.op === 'lt' || type.op === 'le' || type.op === 'gt' || type.op === 'ge')) {
    const bound = numberOf(type.controller, ctx);
    if (bound === null) return unsupported(ctx, type.span, `.${type.op} with a controller that is not a number: ${printType(type)}`);
    const r: FloatRange = target.range ?? { min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true };
    const next: FloatRange = { ...r };
    if (type.op === 'gt' || type.op === 'ge') {
      if (bound > r.min || (bound === r.min && type.op === 'gt')) Object.assign(next, { min: bound, minInclusive: type.op === 'ge' });
    } else if (bound < r.max || (bound === r.max && type.op === 'lt')) Object.assign(next, { max: bound, maxInclusive: type.op === 'le' });
    return { ...target, range: next };
  }
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

/** A literal number (integer or float) a type stands for, through references. */
function numberOf(type: IrType, ctx: ShapeContext): number | null {
  if (type.kind === 'literal') return type.value.type === 'float' ? type.value.value : type.value.type === 'int' ? Number(type.value.value) : null;
  if (type.kind === 'ref') {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : numberOf(target, ctx);
  }
  return null;
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
  if (a.kind === 'int' && b.kind === 'int') {
    if (a.bits !== undefined || b.bits !== undefined) return null;
    const merged: ScalarShape = { kind: 'int', intervals: normalise([...a.intervals, ...b.intervals]) };
    return a.bignum || b.bignum ? { ...merged, bignum: true } : merged;
  }
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', values: [...new Set([...a.values, ...b.values])].sort() };
  if ((a.kind === 'null' && b.kind === 'null') || (a.kind === 'undefined' && b.kind === 'undefined')) return a;
  if ((a.kind === 'text' && b.kind === 'text') || (a.kind === 'bytes' && b.kind === 'bytes')) {
    const special = (x: ScalarShape) => (x.kind === 'text' && (x.pattern !== undefined || x.checks !== undefined)) || (x.kind === 'bytes' && (x.embedded !== undefined || x.bits !== undefined || x.pattern !== undefined || x.checks !== undefined));
    if (a.size === null && b.size === null && !special(a) && !special(b)) {
      if (a.values === null || b.values === null) return { kind: a.kind, values: null, size: null };
      return { kind: a.kind, values: [...new Set([...a.values, ...b.values])], size: null };
    }
    return null;
  }
  return null;
}

// ---- intersections (.and, .within) ----------------------------------------------

type Control = Extract<IrType, { kind: 'control' }>;
type ScalarOf<K extends ScalarShape['kind']> = Extract<ScalarShape, { kind: K }>;

/**
 * `A .and B` and `A .within B` (RFC 8610 §3.8.5) match the data items that
 * match both A and B (`.within` only adds the author's intent that A is
 * within B, which changes nothing at run time). Each scalar alternative of
 * A meets each of B: same kinds intersect, different kinds (an integer and a
 * float are different CBOR major types) have nothing in common. What remains
 * is merged by kind; null when A or B is not made of scalars.
 */
function intersectionScalars(type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape[] | null {
  const left = scalarOptions(type.target, ctx, seen);
  const right = left === null ? null : scalarOptions(type.controller, ctx, seen);
  if (left === null || right === null) return null;
  const results: ScalarShape[] = [];
  for (const a of left) {
    for (const b of right) {
      const meet = intersectScalars(a, b, type, ctx);
      if (meet.kind === 'never') continue;
      // Only `any` meeting `any` is `any`, and it holds every other result.
      if (meet.kind === 'any') return [meet];
      const k = results.findIndex((r) => r.kind === meet.kind);
      if (k < 0) {
        results.push(meet);
        continue;
      }
      const merged = mergeScalars(results[k] as ScalarShape, meet) ?? mergeFloats(results[k] as ScalarShape, meet);
      if (merged === null) return unsupported(ctx, type.span, `.${type.op} whose result is two ${meet.kind} types that one type cannot say: ${printType(type)}`);
      results[k] = merged;
    }
  }
  return results;
}

/** Two float types that differ only in their widths (`(float16 / float32) .and float`) as one. */
function mergeFloats(a: ScalarShape, b: ScalarShape): ScalarShape | null {
  if (a.kind !== 'float' || b.kind !== 'float' || a.values !== null || b.values !== null) return null;
  const same = (r: FloatRange | undefined, s: FloatRange | undefined) => r === s || (r !== undefined && s !== undefined && r.min === s.min && r.max === s.max && r.minInclusive === s.minInclusive && r.maxInclusive === s.maxInclusive);
  if (!same(a.range, b.range)) return null;
  const widths = ([16, 32, 64] as const).filter((w) => a.widths.includes(w) || b.widths.includes(w));
  return a.range === undefined ? { kind: 'float', widths, values: null } : { kind: 'float', widths, values: null, range: a.range };
}

/** The prelude type holding every value of a kind, to pick one kind out of an intersection (integers of any size: `bigint`, whose plain integers count). */
const WHOLE_KIND: Record<Exclude<ScalarShape['kind'], 'any' | 'never'>, Extract<IrType, { kind: 'prim' }>['prim']> = {
  int: 'bigint',
  float: 'float',
  text: 'tstr',
  bytes: 'bstr',
  bool: 'bool',
  null: 'null',
  undefined: 'undefined',
};

/**
 * `A .and B` whose values are of several kinds (`(int / tstr) .and (uint / "a")`):
 * one type per kind, `(A .and B) .and <that kind>` (`uint`, `"a"`), in the
 * order the kinds came, or null for any other type. The shape is their
 * choice and the TypeScript type their union, as for `any .size`.
 */
export function intersectionOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || (type.op !== 'and' && type.op !== 'within')) return null;
  const results = intersectionScalars(type, ctx, new Set());
  if (results === null || results.length < 2) return null;
  return results.map((r) => ({ ...type, target: type, controller: { kind: 'prim', prim: WHOLE_KIND[r.kind as keyof typeof WHOLE_KIND] } }));
}

/** The values both scalar shapes accept, as one shape (`never` when there are none). */
function intersectScalars(a: ScalarShape, b: ScalarShape, type: Control, ctx: ShapeContext): ScalarShape {
  const none: ScalarShape = { kind: 'never' };
  // `any` restricted to one major type (`#5`) is not every value: refused rather than guessed.
  const head = (x: ScalarShape) => x.kind === 'any' && x.head !== undefined;
  if (head(a) || head(b)) return unsupported(ctx, type.span, `.${type.op} with a major type: ${printType(type)}`);
  if (a.kind === 'any' && b.kind === 'any') {
    const except = [...new Set([...(a.except ?? []), ...(b.except ?? [])])].sort();
    return except.length === 0 ? { kind: 'any' } : { kind: 'any', except };
  }
  if (a.kind === 'any') return withoutSimpleValues(b, a.except);
  if (b.kind === 'any') return withoutSimpleValues(a, b.except);
  if (a.kind !== b.kind) return none;
  switch (a.kind) {
    case 'never':
    case 'null':
    case 'undefined':
      return a;
    case 'bool': {
      const values = a.values.filter((v) => (b as ScalarOf<'bool'>).values.includes(v));
      return values.length === 0 ? none : { kind: 'bool', values };
    }
    case 'int': {
      const y = b as ScalarOf<'int'>;
      const intervals = intersect(a.intervals, y.intervals);
      if (intervals.length === 0) return none;
      const shape: ScalarOf<'int'> = { kind: 'int', intervals };
      const bits = a.bits === undefined ? y.bits : y.bits === undefined ? a.bits : a.bits & y.bits;
      if (bits !== undefined) shape.bits = bits;
      // A bignum (tag 2 or 3) only where both sides accept one.
      if (a.bignum && y.bignum) shape.bignum = true;
      return shape;
    }
    case 'float': {
      const y = b as ScalarOf<'float'>;
      const widths = a.widths.filter((w) => y.widths.includes(w));
      const range = meetRanges(a.range, y.range);
      if (widths.length === 0 || (range !== undefined && isEmptyRange(range))) return none;
      // As the decoder compares them: `===`, and NaN matches NaN.
      const same = (x: number, z: number) => x === z || (Number.isNaN(x) && Number.isNaN(z));
      const values = a.values === null ? y.values : y.values === null ? a.values : a.values.filter((v) => (y.values as number[]).some((w) => same(v, w)));
      if (values !== null) {
        const kept = values.filter((v) => range === undefined || inRange(v, range));
        return kept.length === 0 ? none : { kind: 'float', widths, values: kept };
      }
      return range === undefined ? { kind: 'float', widths, values: null } : { kind: 'float', widths, values: null, range };
    }
    case 'text': {
      const y = b as ScalarOf<'text'>;
      const size = meetSizes(a.size, y.size);
      const pattern = a.pattern === undefined ? y.pattern : y.pattern === undefined ? a.pattern : `(?=(?:${a.pattern})$)(?:${y.pattern})`;
      const values = meetValues(a.values, y.values);
      // RFC 9741 checks stay for the generated code to test, literal values or not.
      const checks = [...(a.checks ?? []), ...(y.checks ?? [])];
      const withChecks = (x: ScalarOf<'text'>): ScalarShape => (checks.length === 0 ? x : { ...x, checks });
      if (values !== null) {
        // Literal values are checked now (as the decoder would: byte length, whole match), and stand alone.
        const matches = pattern === undefined ? () => true : (v: string) => new RegExp(`^(?:${pattern})$`, 'u').test(v);
        const kept = values.filter((v) => fitsSize(new TextEncoder().encode(v).length, size) && matches(v));
        return kept.length === 0 ? none : withChecks({ kind: 'text', values: kept, size: null });
      }
      if (size !== null && size.max !== null && size.min > size.max) return none;
      return withChecks(pattern === undefined ? { kind: 'text', values: null, size } : { kind: 'text', values: null, size, pattern });
    }
    case 'bytes': {
      const y = b as ScalarOf<'bytes'>;
      const sameEmbedded = a.embedded === undefined || y.embedded === undefined || (a.embedded.rule === y.embedded.rule && a.embedded.sequence === y.embedded.sequence);
      if (!sameEmbedded) return unsupported(ctx, type.span, `.${type.op} of two different embedded types (.cbor, .cborseq): ${printType(type)}`);
      const embedded = a.embedded ?? y.embedded;
      const size = meetSizes(a.size, y.size);
      const bits = a.bits === undefined ? y.bits : y.bits === undefined ? a.bits : a.bits & y.bits;
      const pattern = a.pattern === undefined ? y.pattern : y.pattern === undefined ? a.pattern : `(?=(?:${a.pattern})$)(?:${y.pattern})`;
      const values = meetValues(a.values, y.values);
      const shape: ScalarOf<'bytes'> = { kind: 'bytes', values, size };
      if (values !== null) {
        // Length, bits and pattern (`.abnfb`, on the bytes as latin1) are checked now; whether the bytes decode (`.cbor`) is left to the decoder.
        const matches = pattern === undefined ? () => true : (hex: string) => new RegExp(`^(?:${pattern})$`, 'u').test(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))));
        const kept = values.filter((hex) => fitsSize(hex.length / 2, size) && (bits === undefined || onlyAllowedBits(hex, bits)) && matches(hex));
        if (kept.length === 0) return none;
        Object.assign(shape, { values: kept, size: null });
      } else {
        if (size !== null && size.max !== null && size.min > size.max) return none;
        if (bits !== undefined) shape.bits = bits;
        if (pattern !== undefined) shape.pattern = pattern;
      }
      if (embedded !== undefined) shape.embedded = embedded;
      const checks = [...(a.checks ?? []), ...(y.checks ?? [])];
      if (checks.length > 0) shape.checks = checks;
      return shape;
    }
  }
}

/** A scalar shape without the simple values an `any .ne …` left out (their one-byte encodings). */
function withoutSimpleValues(shape: ScalarShape, except: number[] | undefined): ScalarShape {
  if (except === undefined) return shape;
  const none: ScalarShape = { kind: 'never', reason: 'the value is left out by .ne' };
  if (shape.kind === 'undefined') return except.includes(0xf7) ? none : shape;
  if (shape.kind === 'null') return except.includes(0xf6) ? none : shape;
  if (shape.kind !== 'bool') return shape;
  const values = shape.values.filter((v) => !except.includes(v ? 0xf5 : 0xf4));
  return values.length === 0 ? none : { kind: 'bool', values };
}

function meetValues<T>(a: T[] | null, b: T[] | null): T[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((v) => b.includes(v));
}

function meetSizes(a: SizeBound | null, b: SizeBound | null): SizeBound | null {
  if (a === null) return b;
  if (b === null) return a;
  const max = a.max === null ? b.max : b.max === null ? a.max : Math.min(a.max, b.max);
  return { min: Math.max(a.min, b.min), max };
}

function fitsSize(length: number, size: SizeBound | null): boolean {
  return size === null || (length >= size.min && (size.max === null || length <= size.max));
}

function meetRanges(a: FloatRange | undefined, b: FloatRange | undefined): FloatRange | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const min = a.min > b.min ? a : b.min > a.min ? b : { min: a.min, minInclusive: a.minInclusive && b.minInclusive };
  const max = a.max < b.max ? a : b.max < a.max ? b : { max: a.max, maxInclusive: a.maxInclusive && b.maxInclusive };
  return { min: min.min, minInclusive: min.minInclusive, max: max.max, maxInclusive: max.maxInclusive };
}

function isEmptyRange(r: FloatRange): boolean {
  return r.min > r.max || (r.min === r.max && !(r.minInclusive && r.maxInclusive));
}

function inRange(v: number, r: FloatRange): boolean {
  return (r.minInclusive ? v >= r.min : v > r.min) && (r.maxInclusive ? v <= r.max : v < r.max);
}

// ---- interval arithmetic -----------------------------------------------------

/** Sorted, disjoint, non-adjacent intervals (a plain integer type's stay within the CBOR range by construction). */
export function normalise(intervals: Interval[]): Interval[] {
  const sorted = intervals
    .map((i) => ({ lo: i.lo < UNBOUNDED_MIN ? UNBOUNDED_MIN : i.lo, hi: i.hi > UNBOUNDED_MAX ? UNBOUNDED_MAX : i.hi }))
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

/** A member of an alternative, with the named group it was spliced from (if any), which names computed-key entries. */
type Member = Extract<IrEntry, { kind: 'member' }> & { via?: string; counted?: Counted };

/** The repeated map group a member was made optional from, with its occurrence: members sharing one object count together. */
interface Counted {
  min: number;
  max: number | null;
}

/** More alternatives than this (optional groups multiply) is refused rather than emitted. */
const MAX_ALTERNATIVES = 64;

/**
 * The alternatives a group stands for, each a list of members: group choices
 * and spliced groups expanded. In an array, `? ( … )` doubles the
 * alternatives (with and without, all or none); in a map, `*`-repeated
 * groups contribute their members as optional (each key at most once).
 */
function alternatives(group: IrGroup, ctx: ShapeContext, seen: Set<string>, context: 'array' | 'map'): Member[][] {
  const result: Member[][] = [];
  for (const choice of group.choices) {
    let alts: Member[][] = [[]];
    for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        alts = alts.map((a) => [...a, entry]);
        continue;
      }
      const inner = splicedGroup(entry, ctx, seen);
      if (entry.ref !== null) seen.add(entry.ref);
      const via = entry.ref;
      const innerAlts = alternatives(inner, ctx, seen, context).map((alt) => (via === null ? alt : alt.map((m) => ({ ...m, via: m.via ?? via }))));
      if (via !== null) seen.delete(via);
      const { min, max } = entry.occurrence;
      // An empty group (a socket nobody fills) that may occur zero times adds nothing.
      if (innerAlts.length === 0 && min === 0) continue;
      if (min === 1 && max === 1) alts = cross(alts, innerAlts);
      else if (min === 0 && max === 1) alts = [...alts, ...cross(alts, innerAlts)];
      else if (context === 'map' && min === 0 && max === null && innerAlts.every((alt) => alt.length === 1)) {
        // Keys are unique, so a repeated choice of keyed members is each member at most once; computed keys repeat.
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 } }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (innerAlts.length === 1 && innerAlts[0]?.length === 1) {
        const only = innerAlts[0][0] as Member;
        const occurrence = { min: min * only.occurrence.min, max: max === null || only.occurrence.max === null ? null : max * only.occurrence.max };
        alts = alts.map((a) => [...a, { ...only, occurrence }]);
      } else if (context === 'map' && innerAlts.every((alt) => alt.length === 1 && (fixedKey(alt[0] as Member, ctx) === null || (alt[0] as Member).occurrence.max === 1))) {
        // `+ (a => int // b => tstr // nint => any)`: each keyed member at most once, computed keys any number of times, and min..max entries in all.
        const counted: Counted = { min, max };
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 }, counted }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (context === 'map' && min <= 1 && innerAlts.length === 1 && innerAlts[0]?.every((m) => fixedKey(m, ctx) !== null)) {
        // A group of keyed members can occur at most once, so `* (x: int, y: int)` is `? (x: int, y: int)`.
        alts = min === 0 ? [...alts, ...cross(alts, innerAlts)] : cross(alts, innerAlts);
      } else {
        return unsupported(ctx, entry.span, `a group of several members repeated ${min}*${max ?? ''} inside ${context === 'array' ? 'an array' : 'a map'}`);
      }
      if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, entry.span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional groups`);
    }
    result.push(...alts);
  }
  return result;
}

function splicedGroup(entry: Extract<IrEntry, { kind: 'group' }>, ctx: ShapeContext, seen: Set<string>): IrGroup {
  if (entry.ref === null) return entry.group ?? { choices: [] };
  if (seen.has(entry.ref)) return unsupported(ctx, entry.span, `group '${entry.ref}' that contains itself`);
  const inner = ctx.rules.get(entry.ref)?.group;
  if (inner === undefined) return unsupported(ctx, entry.span, `unknown group '${entry.ref}'`);
  return inner;
}

function cross(prefixes: Member[][], suffixes: Member[][]): Member[][] {
  return prefixes.flatMap((p) => suffixes.map((s) => [...p, ...s]));
}

function arrayLayout(group: IrGroup, ctx: ShapeContext, span: IrSpan): ArrayLayout {
  const repeated = repeatedGroupLayout(group, ctx);
  if (repeated !== null) return repeated;
  const alts = alternatives(group, ctx, new Set(), 'array').flatMap(expandMiddleOptionals);
  if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional members`);
  if (alts.length === 0) return unsupported(ctx, span, 'an array whose group has no alternatives (an empty group socket)');
  if (alts.length === 1) return positionalLayout(alts[0] as Member[], ctx);
  const layouts = alts.map((members) => positionalLayout(members, ctx));
  if (layouts.every((layout) => layout.kind === 'record' && layout.rest === undefined)) {
    const variants = layouts.map((layout) => (layout.kind === 'record' ? layout.fields : []));
    return { kind: 'variants', variants, discriminant: findDiscriminant(variants, ctx) };
  }
  // Some alternative has unnamed members: each becomes runs of required members (trailing optional ones taken or not).
  const runs = alts.flatMap((members) => {
    if (members.some((m) => m.occurrence.max !== 1)) return unsupported(ctx, members[0]?.span ?? span, 'an alternative of an array with a repeated member, beside other alternatives');
    return expandTrailingOptionals(members);
  });
  if (runs.length > MAX_ALTERNATIVES) return unsupported(ctx, span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional members`);
  const variants = runs.map((members) => requiredRun(members, ctx));
  assertSeparable(variants, ctx, span);
  return { kind: 'alternatives', variants, discriminant: groupDiscriminant(variants, ctx) };
}

/** `[a, ? b, ? c]` as `[a, b, c]`, `[a, b]`, `[a]`: the longest first, as a greedy match would take it. */
function expandTrailingOptionals(members: Member[]): Member[][] {
  const required = members.filter((m) => m.occurrence.min === 1).length;
  const runs: Member[][] = [];
  for (let present = members.length; present >= required; present--) runs.push(members.slice(0, present).map((m) => ({ ...m, occurrence: { min: 1, max: 1 } })));
  return runs;
}

/** Required members as an object (all named, uniquely) or a tuple. */
function requiredRun(members: Member[], ctx: ShapeContext): GroupVariant {
  const named = members.length > 0 && members.every((m) => m.name !== null) && new Set(members.map((m) => m.name)).size === members.length;
  const fields = members.map((m, index): Field => ({ name: m.name ?? `item${index}`, span: m.span, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional: false, doc: m.doc }));
  return { kind: named ? 'record' : 'tuple', fields };
}

/**
 * An array that is one group of several members, repeated (`[ * (int, tstr) ]`,
 * `[ + (SUIT_Condition // SUIT_Directive) ]`); null for any other array.
 * Each alternative of the group must be a fixed run of required members, so
 * that a repetition's length is known once its alternative is.
 */
function repeatedGroupLayout(group: IrGroup, ctx: ShapeContext): ArrayLayout | null {
  const entry = group.choices.length === 1 && group.choices[0]?.entries.length === 1 ? group.choices[0].entries[0] : undefined;
  if (entry?.kind !== 'group') return null;
  const { min, max } = entry.occurrence;
  if (max === 1) return null;
  const inner = splicedGroup(entry, ctx, new Set());
  const seen = new Set(entry.ref === null ? [] : [entry.ref]);
  const alts = alternatives(inner, ctx, seen, 'array').flatMap(expandMiddleOptionals);
  // One member repeated is a plain list, which the general path lays out.
  if (alts.length === 1 && alts[0]?.length === 1) return null;
  if (alts.length === 0) return unsupported(ctx, entry.span, 'a repeated group with no alternatives (an empty group socket) inside an array');
  if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, entry.span, `more than ${MAX_ALTERNATIVES} alternatives in a repeated group inside an array`);
  const variants = alts.map((members): GroupVariant => {
    if (members.length === 0) return unsupported(ctx, entry.span, 'an empty alternative of a group repeated inside an array (it would match forever)');
    for (const m of members) {
      if (m.occurrence.min !== 1 || m.occurrence.max !== 1) {
        return unsupported(ctx, m.span, `a member that is optional or repeats (${m.occurrence.min}*${m.occurrence.max ?? ''}) inside a group repeated in an array`);
      }
    }
    return requiredRun(members, ctx);
  });
  assertSeparable(variants, ctx, entry.span);
  return { kind: 'groups', variants, min, max, discriminant: groupDiscriminant(variants, ctx) };
}

/** The alternatives by the single value of their first member; null when none has one. */
function groupDiscriminant(variants: GroupVariant[], ctx: ShapeContext): GroupDiscriminant | null {
  // An empty alternative (`[ // a, b ]`) has no first member: never named by a value.
  const firsts = variants.map((variant) => variant.fields[0]?.type ?? null);
  const values: DiscriminantValue[] = [];
  for (const type of firsts) {
    const value = type === null ? null : singleValue(type, ctx);
    if (value !== null && !values.some((v) => v.type === value.type && v.value === value.value)) values.push(value);
  }
  if (values.length === 0) return null;
  const others = firsts.flatMap((type, k) => (type === null || singleValue(type, ctx) === null ? [k] : []));
  const cases = values.map((value) => ({ value, variants: firsts.flatMap((type, k) => (type !== null && admits(type, value, ctx) ? [k] : [])) }));
  return { cases, others };
}

/** Whether a value of `type` may be `value` (when unsure, yes: the decoder then tries it too). */
function admits(type: IrType, value: DiscriminantValue, ctx: ShapeContext): boolean {
  const scalar = scalarShape(type, ctx, NO_SPAN, new Set());
  if (scalar === null || scalar.kind === 'any') return true;
  if (value.type === 'int') return scalar.kind === 'int' && scalar.intervals.some((i) => i.lo <= value.value && value.value <= i.hi);
  return scalar.kind === 'text' && (scalar.values === null || scalar.values.includes(value.value));
}

/**
 * Guards and encoders pick a repetition's alternative by testing its members
 * in order; a member that is an inline array or map is only tested for its
 * kind there. Such an alternative must differ from every later one in a
 * member both test exactly (disjoint values, or kinds), or the first test
 * that passes could pick the wrong one.
 */
function assertSeparable(variants: GroupVariant[], ctx: ShapeContext, span: IrSpan): void {
  variants.forEach((a, k) => {
    if (a.fields.every((f) => isExactlyTestable(f.shape))) return;
    for (const b of variants.slice(k + 1)) {
      if (a.kind === 'tuple' && b.kind === 'tuple' && a.fields.length !== b.fields.length) continue;
      const apart = a.fields.some((f, i) => {
        const g = a.kind === 'tuple' ? b.fields[i] : b.fields.find((x) => x.name === f.name);
        return g !== undefined && disjoint(f.type, g.type, ctx);
      });
      if (!apart) return unsupported(ctx, span, 'alternatives of a repeated group that differ only inside an inline array or map (give it a rule name)');
    }
  });
}

/** Whether a member's value can be tested whole in one expression (scalars, `any`, other rules), not only for its kind. */
export function isExactlyTestable(shape: Shape): boolean {
  if (shape.kind === 'tag') return isExactlyTestable(shape.inner);
  if (shape.kind === 'choice') return shape.options.every((o) => isExactlyTestable(o.shape));
  return shape.kind !== 'array' && shape.kind !== 'map' && shape.kind !== 'tagged';
}

/** Whether no JavaScript value is of both types (a number may be an int or a float, so those two overlap). */
function disjoint(a: IrType, b: IrType, ctx: ShapeContext): boolean {
  const x = scalarShape(a, ctx, NO_SPAN, new Set());
  const y = scalarShape(b, ctx, NO_SPAN, new Set());
  if (x === null || y === null) return false;
  const family = (s: ScalarShape) => (s.kind === 'int' || s.kind === 'float' ? 'number' : s.kind);
  if (family(x) !== family(y)) return true;
  if (x.kind === 'int' && y.kind === 'int') return intersect(x.intervals, y.intervals).length === 0;
  if ((x.kind === 'text' || x.kind === 'bytes') && (y.kind === 'text' || y.kind === 'bytes') && x.values !== null && y.values !== null) {
    return !x.values.some((v) => (y.values as string[]).includes(v));
  }
  if (x.kind === 'bool' && y.kind === 'bool') return !x.values.some((v) => y.values.includes(v));
  return false;
}

const NO_SPAN: IrSpan = { file: '', line: 0, col: 0 };

/**
 * An optional array member followed by a required one (COSE's
 * `? sign_protected` in Sig_structure) is two alternatives, with it and
 * without it; the one with it comes first, as a greedy CDDL match would.
 */
function expandMiddleOptionals(members: Member[]): Member[][] {
  const index = members.findIndex((m, i) => m.occurrence.min === 0 && m.occurrence.max === 1 && members.slice(i + 1).some((later) => later.occurrence.min > 0));
  if (index < 0) return [members];
  const member = members[index] as Member;
  const present = [...members.slice(0, index), { ...member, occurrence: { min: 1, max: 1 } }, ...members.slice(index + 1)];
  const absent = [...members.slice(0, index), ...members.slice(index + 1)];
  return [...expandMiddleOptionals(present), ...expandMiddleOptionals(absent)];
}

/** The layout of one alternative of an array: a list, a record or a tuple. */
function positionalLayout(members: Member[], ctx: ShapeContext): ArrayLayout {
  const only = members[0];
  if (members.length === 1 && only !== undefined && only.occurrence.max !== 1) {
    return { kind: 'list', item: shapeOf(only.type, ctx, only.span), itemType: only.type, min: only.occurrence.min, max: only.occurrence.max };
  }
  const isOnce = (m: Member) => m.occurrence.min === 1 && m.occurrence.max === 1;
  const r = members.findIndex((m) => m.occurrence.max !== 1);
  const repeated = members[r];
  let rest: ArrayRest | undefined;
  let after: Field[] = [];
  if (repeated !== undefined && members.slice(0, r).every(isOnce) && members.slice(r + 1).every((m) => m.occurrence.max === 1)) {
    rest = { name: repeated.name ?? 'rest', item: shapeOf(repeated.type, ctx, repeated.span), itemType: repeated.type, min: repeated.occurrence.min, max: repeated.occurrence.max, doc: repeated.doc };
    after = positionalFields(members.slice(r + 1), r + 1, ctx);
    for (const field of after) {
      // Where the repeated member ends must be plain from each item alone, in bytes and in JavaScript values.
      if (!disjoint(repeated.type, field.type, ctx)) unsupported(ctx, field.span, `an array member after a repeated one whose items it could also be (${printType(field.type)} after ${printType(repeated.type)})`);
    }
  }
  const fixed = rest === undefined ? members : members.slice(0, r);
  const fields = positionalFields(fixed, 0, ctx);
  const named = members.every((m) => m.name !== null);
  const all = [...fields, ...after];
  if (named) assertUniqueNames(rest === undefined ? all : [...all, { ...(repeated as Member), name: rest.name, shape: rest.item, optional: false }], ctx);
  const kind = named && fixed.length + after.length > 0 ? 'record' : 'tuple';
  if (rest === undefined) return { kind, fields };
  return after.length === 0 ? { kind, fields, rest } : { kind, fields, rest, after };
}

/** Members that occur once or optionally, as fields (`item<i>` when unnamed, counting from `first`); optional ones only at the end. */
function positionalFields(members: Member[], first: number, ctx: ShapeContext): Field[] {
  let seenOptional = false;
  return members.map((m, index): Field => {
    const { min, max } = m.occurrence;
    const optional = min === 0 && max === 1;
    if (!optional && !(min === 1 && max === 1)) {
      unsupported(ctx, m.span, `an array member that repeats (${min}*${max ?? ''}) beside other members`);
    }
    if (seenOptional && !optional) unsupported(ctx, m.span, 'a required array member after an optional one');
    if (optional && admitsUndefined(m.type, ctx)) unsupported(ctx, m.span, `an optional array member whose value may be undefined (${printType(m.type)}): in JavaScript it would look absent`);
    seenOptional ||= optional;
    return { name: m.name ?? `item${first + index}`, span: m.span, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional, doc: m.doc };
  });
}

/** A member at the same position in every alternative, after members they all share, with a distinct single value in each. */
function findDiscriminant(variants: Field[][], ctx: ShapeContext): Discriminant | null {
  const shortest = Math.min(...variants.map((v) => v.length));
  for (let index = 0; index < shortest; index++) {
    const fields = variants.map((v) => v[index] as Field);
    const first = fields[0] as Field;
    const shared = fields.every((f) => sameSpan(f.span, first.span));
    if (shared) continue;
    if (!fields.every((f) => f.name === first.name && !f.optional)) return null;
    const values = fields.map((f) => singleValue(f.type, ctx));
    if (values.some((v) => v === null)) return null;
    const keys = values.map((v) => `${v?.type}:${String(v?.value)}`);
    if (new Set(keys).size !== keys.length) return null;
    return { index, name: first.name, values: values as DiscriminantValue[] };
  }
  return null;
}

function singleValue(type: IrType, ctx: ShapeContext): DiscriminantValue | null {
  const scalar = scalarShape(type, ctx, { file: '', line: 0, col: 0 }, new Set());
  if (scalar?.kind === 'int' && scalar.intervals.length === 1 && scalar.intervals[0]?.lo === scalar.intervals[0]?.hi) {
    return { type: 'int', value: (scalar.intervals[0] as Interval).lo };
  }
  if (scalar?.kind === 'text' && scalar.size === null && scalar.values?.length === 1) return { type: 'text', value: scalar.values[0] as string };
  return null;
}

function sameSpan(a: IrSpan, b: IrSpan): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}

function mapLayout(group: IrGroup, ctx: ShapeContext, span: IrSpan): MapLayout {
  const alts = alternatives(group, ctx, new Set(), 'map');
  if (alts.length === 0) return unsupported(ctx, span, 'a map whose group has no alternatives (an empty group socket)');
  if (alts.length === 1) return mapStruct(alts[0] as Member[], ctx, span);
  const variants = alts.map((members) => mapStruct(members, ctx, members[0]?.span ?? span));
  const tag = findMapTag(variants, ctx);
  const distinct = tag !== null && new Set(tag.values.map((v) => `${v.type}:${String(v.value)}`)).size === tag.values.length;
  return { kind: 'variants', variants, discriminant: distinct ? tag : null, tag };
}

/** One alternative of a map: its fixed-key fields and its computed-key entries. */
function mapStruct(members: Member[], ctx: ShapeContext, span: IrSpan): MapStruct {
  const fields: MapField[] = [];
  let rest: MapRest | null = null;
  for (const m of members) {
    const { min, max } = m.occurrence;
    const key = fixedKey(m, ctx);
    if (key === null) {
      if (m.key?.kind !== 'type') return unsupported(ctx, m.span, 'a map entry without a key');
      if (rest !== null) return unsupported(ctx, m.span, `a second kind of computed-key entries (${printType(m.key.type)} =>) beside ${printType(rest.keyType)} =>`);
      rest = {
        name: m.name ?? (m.via !== undefined ? m.via.replace(/^\$+/, '') : 'rest'),
        structured: isStructuredKey(m.key.type, ctx),
        key: restKeyShape(m.key.type, ctx, m.span),
        keyType: m.key.type,
        value: shapeOf(m.type, ctx, m.span),
        valueType: m.type,
        min,
        max,
        doc: m.doc,
        span: m.span,
      };
      continue;
    }
    // A key occurs at most once in a map, so `* x: int` is `? x: int` and `+ x: int` is `x: int`.
    const optional = min === 0;
    if (min > 1) unsupported(ctx, m.span, `a map member with a fixed key that must occur ${min} times or more (${min}*${max ?? ''}), which no map can hold: keys are unique`);
    const shape = shapeOf(m.type, ctx, m.span);
    if (admitsUndefined(m.type, ctx)) unsupported(ctx, m.span, `a map member whose value may be undefined (${printType(m.type)}): in JavaScript it would look absent`);
    const cut = m.key?.kind === 'value' || (m.key?.kind === 'type' && m.key.cut);
    fields.push({ name: key.name ?? m.name ?? key.key.value, span: m.span, key: key.key, cut, type: m.type, shape, optional, doc: m.doc });
  }
  assertUniqueNames(fields, ctx);
  const keys = new Set<string>();
  for (const f of fields) {
    const id = `${f.key.type}:${f.key.value}`;
    if (keys.has(id)) unsupported(ctx, f.span, `the key ${f.key.type === 'text' ? JSON.stringify(f.key.value) : f.key.value} twice in one map`);
    keys.add(id);
  }
  if (rest !== null && fields.some((f) => f.name === rest.name)) unsupported(ctx, span, `a map member named '${rest.name}' beside computed-key entries of that name`);
  return { kind: 'struct', fields, rest, counts: entryCounts(members, fields, rest) };
}

/** The count constraints of a map's repeated groups, by the fields and computed-key entries their members became (none where any number of entries would do). */
function entryCounts(members: Member[], fields: MapField[], rest: MapRest | null): EntryCount[] {
  const groups = new Map<Counted, EntryCount>();
  for (const m of members) {
    if (m.counted === undefined) continue;
    const count = groups.get(m.counted) ?? { min: m.counted.min, max: m.counted.max, names: [], rest: false };
    groups.set(m.counted, count);
    const field = fields.find((f) => f.span === m.span);
    if (field !== undefined) count.names.push(field.name);
    else if (rest?.span === m.span) count.rest = true;
  }
  return [...groups.values()].flatMap((count) => {
    // A maximum the members can never exceed is no constraint.
    const max = count.max !== null && !count.rest && count.max >= count.names.length ? null : count.max;
    return count.min === 0 && max === null ? [] : [{ ...count, max }];
  });
}

/** A required key in every alternative with a single value in each; one with distinct values is preferred. */
function findMapTag(variants: MapStruct[], ctx: ShapeContext): MapDiscriminant | null {
  let shared: MapDiscriminant | null = null;
  const first = variants[0];
  if (first === undefined) return null;
  for (const candidate of first.fields) {
    const matches = variants.map((v) => v.fields.find((f) => f.key.type === candidate.key.type && f.key.value === candidate.key.value));
    if (matches.some((f) => f === undefined || f.optional || f.name !== candidate.name)) continue;
    const values = matches.map((f) => singleValue((f as MapField).type, ctx));
    if (values.some((v) => v === null)) continue;
    const found = { name: candidate.name, key: candidate.key, values: values as DiscriminantValue[] };
    const ids = values.map((v) => `${v?.type}:${String(v?.value)}`);
    if (new Set(ids).size === ids.length) return found;
    shared ??= found;
  }
  return shared;
}

/** Keys of computed-key entries: integers and text strings (a JavaScript Map compares them by value). */
function restKeyShape(type: IrType, ctx: ShapeContext, span: IrSpan): Shape {
  if (isStructuredKey(type, ctx)) return shapeOf(type, ctx, span);
  const scalars = scalarOptions(type, ctx, new Set());
  if (scalars === null || scalars.some((s) => s.kind !== 'int' && s.kind !== 'text')) {
    return unsupported(ctx, span, `map keys of type ${printType(unhoisted(type, ctx.rules))}: computed keys must be integers and text strings, or else all arrays, maps or tags`);
  }
  return shapeOf(type, ctx, span);
}

/** Keys that are only arrays, maps or tags, directly or through rules: never an integer or text string, which fixed keys are. */
function isStructuredKey(type: IrType, ctx: ShapeContext, seen = new Set<string>()): boolean {
  switch (type.kind) {
    case 'array':
    case 'map':
      return true;
    case 'tag':
      return typeof type.tag === 'string';
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(type.rule)) return false;
      return isStructuredKey(rule.type, ctx, new Set([...seen, type.rule]));
    }
    case 'choice':
      return type.options.length > 0 && type.options.every((o) => isStructuredKey(o, ctx, seen));
    default:
      return false;
  }
}

/** The scalar alternatives of a type, through references, choices and intersections (`name = int / tstr .size (1..255)`), or null if one is not a scalar. */
function scalarOptions(type: IrType, ctx: ShapeContext, seen: Set<string>): ScalarShape[] | null {
  // The rules already looked through go along, so that `a = a .and int` ends.
  const whole = scalarShape(type, ctx, { file: '', line: 0, col: 0 }, seen);
  if (whole !== null) return [whole];
  if (type.kind === 'control' && (type.op === 'and' || type.op === 'within')) return intersectionScalars(type, ctx, seen);
  if (type.kind === 'ref' && !seen.has(type.rule)) {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : scalarOptions(target, ctx, new Set([...seen, type.rule]));
  }
  if (type.kind === 'choice') {
    const parts = type.options.map((o) => scalarOptions(o, ctx, seen));
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p as ScalarShape[]);
  }
  return null;
}

/**
 * The literal key of a map member (`name:`, `1:`, `"x" =>`, `&(name: 1) =>`,
 * or a rule that is a constant, `bn => tstr` with `bn = -2`) and the name it
 * gives, or null for a computed key.
 */
function fixedKey(member: Member, ctx: ShapeContext): { key: MapKey; name: string | null } | null {
  const key = member.key;
  if (key === null) return null;
  let literal: IrLiteral | null = null;
  let name: string | null = null;
  if (key.kind === 'value') literal = key.value;
  else {
    let type: IrType = key.type;
    // &(subject: 5) or &(subject: TBD3): one named value, which names the field.
    if (type.kind === 'enum' && type.values.length === 1 && type.values[0] !== undefined) {
      name = type.values[0].name;
      type = type.values[0].type;
    }
    const seen = new Set<string>();
    while (type.kind === 'ref' && !seen.has(type.rule)) {
      seen.add(type.rule);
      name ??= type.rule;
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined) break;
      type = target;
    }
    if (type.kind === 'literal') literal = type.value;
    else name = null;
  }
  if (literal === null || (literal.type !== 'text' && literal.type !== 'int')) return null;
  return { key: literal, name };
}

function assertUniqueNames(fields: Field[], ctx: ShapeContext): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) unsupported(ctx, f.span, `two members named '${f.name}' in one array or map`);
    seen.add(f.name);
  }
}

/** The scalar shapes a map's computed keys may take, by kind: what a text key must be, what an integer key must be. */
export function restKeyParts(rest: MapRest, ctx: ShapeContext): { text: ScalarShape | null; int: ScalarShape | null } {
  const parts: { text: ScalarShape | null; int: ScalarShape | null } = { text: null, int: null };
  for (const scalar of scalarOptions(rest.keyType, ctx, new Set()) ?? []) {
    if (scalar.kind !== 'text' && scalar.kind !== 'int') continue;
    const earlier = parts[scalar.kind];
    // restKeyShape admitted these keys, so same-kind options (`1 / 2`, `"a" / "b"`) merge.
    parts[scalar.kind] = earlier === null ? scalar : (mergeScalars(earlier, scalar) ?? unsupported(ctx, rest.span, `map keys of type ${printType(rest.keyType)}`));
  }
  return parts;
}

/**
 * The fields whose key the computed-key entries' key type may also take (text and integer keys):
 * an entry under such a key is the field's, or (no cut, the field absent, its value not the
 * field's type) a computed-key entry; never both, since a map holds a key once.
 */
export function keysSharedWithRest(fields: readonly MapField[], rest: MapRest | null, ctx: ShapeContext): MapField[] {
  if (rest === null || rest.structured) return [];
  return fields.filter((f) => admits(rest.keyType, f.key.type === 'int' ? { type: 'int', value: BigInt(f.key.value) } : { type: 'text', value: f.key.value }, ctx));
}

/**
 * How a JavaScript value of an array's alternatives tells which one it is:
 * the discriminant's value, or else which members are present. Alternatives
 * that neither can tell apart are refused, since an encoder could not choose.
 */
export type VariantSelector =
  | { kind: 'discriminant'; discriminant: { name: string; values: DiscriminantValue[] } }
  /** By the members present, and the value of `tag` where one key has a single value in every alternative. */
  | { kind: 'presence'; required: string[][]; allowed: string[][]; tag: { name: string; values: DiscriminantValue[] } | null };

export function variantSelector(
  variants: Field[][],
  discriminant: { name: string; values: DiscriminantValue[] } | null,
  ctx: ShapeContext,
  span: IrSpan,
  tag: { name: string; values: DiscriminantValue[] } | null = null,
): VariantSelector {
  if (discriminant !== null) return { kind: 'discriminant', discriminant };
  const required = variants.map((fields) => fields.filter((f) => !f.optional).map((f) => f.name));
  const allowed = variants.map((fields) => fields.map((f) => f.name));
  const signatures = required.map((r, i) => {
    const value = tag?.values[i];
    return `${value === undefined ? '' : `${value.type}:${String(value.value)}`}|${[...r].sort().join(',')}|${[...(allowed[i] as string[])].sort().join(',')}`;
  });
  if (new Set(signatures).size !== signatures.length) {
    return unsupported(ctx, span, 'alternatives with the same members and no member whose value tells them apart');
  }
  return { kind: 'presence', required, allowed, tag };
}

/** All member names across the alternatives, in first-seen order. */
export function allVariantNames(variants: Field[][]): string[] {
  return [...new Set(variants.flat().map((f) => f.name))];
}
