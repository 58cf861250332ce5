/**
 * `.size` (RFC 8610 §3.8.1): the byte width of an unsigned integer's value, and the length in bytes of a byte or text
 * string. A value meets it where its size is one of the controller's values, so:
 * - on an integer, the most the controller allows counts (a value that fits in fewer bytes fits in more);
 * - on a string, its length is one of them: one range is the shape's `size`, several ranges a choice of one size per
 *   range ({@link sizeChoiceOptions}), and on a string of a size already, the sizes within it;
 * - on literals, those of such a length;
 * - on `any`, the choice `uint .size R / bstr .size R / tstr .size R` ({@link sizeOnAnyOptions});
 * - on what has no size (a float, a boolean, null, undefined, an array, a map), nothing: never, with a warning;
 * - a controller's parts that are no integer (`1 / tstr`) hold no size, and one with none holds nothing.
 * The general matcher's program reads `.size` the same way (program.ts), so the two agree.
 */
import { printType } from '../ir/print.js';
import type { IrLiteral, IrType } from '../ir/types.js';
import { isSchemaError } from '../diagnostics.js';
import type { Control } from './intersections.js';
import { heldIntegers, intersect, normalise } from './intervals.js';
import { matchesNothing, unsupported, UNWRITTEN } from './layout-diagnostics.js';
import { scalarParts } from './plus-operands.js';
import { everyAlternative } from './comparison-bounds.js';
import { type ScalarShape, scalarShapeOrNull } from './scalars.js';
import { type Interval, type ShapeContext, type SizeBound, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import { utf8Length } from '../../templates/cbor-text.js';

/** The most options a size of a string is split into ({@link stringSizeRanges}); a controller of more separate sizes is the general matcher's. */
export const MOST_SIZE_OPTIONS = 16;

/** Every size: from 0 on. (A function: this module and shapes.ts import each other, so no constant of it is set yet at load.) */
function everySize(): Interval {
  return { lo: 0n, hi: UNBOUNDED_MAX };
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
export function sizeOnAnyOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || type.op !== 'size') return null;
  if (scalarShapeOrNull(type.target, ctx, type.span)?.kind !== 'any') return null;
  return (['uint', 'bstr', 'tstr'] as const).map((prim) => ({ ...type, target: { kind: 'prim', prim } }));
}

/**
 * `.size` of a text or byte string whose controller holds sizes that are not one range (`bstr .size (16 / 32)`, key
 * lengths; `tstr .size (0 / 2..4)`): one option per range of sizes, each the size control with that range, since a
 * string meets the control when its length in bytes is one of the controller's values (RFC 8610 §3.8.1), so the
 * values of the whole are those of the options. An integer target has no need of it (the most counts). Null where
 * {@link stringSizeRanges} finds no such ranges.
 */
export function sizeChoiceOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || type.op !== 'size') return null;
  const sizes = stringSizeRanges(scalarShapeOrNull(type.target, ctx, type.span), controllerSizes(type, ctx));
  return sizes?.map((size): Control => ({ ...type, controller: sizesType(size), span: UNWRITTEN })) ?? null;
}

/**
 * The ranges of sizes of a `.size` on a text or byte string (of no literal values) whose controller's sizes
 * (`sizes`, {@link controllerSizes}), within the string's own size where it has one, are from 2 to
 * {@link MOST_SIZE_OPTIONS} separate ranges (`16 / 32`): a choice of one size control per range
 * ({@link sizeChoiceOptions}); null otherwise, where {@link sizeShape} says what the control is.
 */
export function stringSizeRanges(target: ScalarShape | null, sizes: Interval[] | null): Interval[] | null {
  if ((target?.kind !== 'text' && target?.kind !== 'bytes') || target.values !== null || sizes === null) return null;
  const within = intersect(sizes, [sizeInterval(target.size)]);
  return within.length >= 2 && within.length <= MOST_SIZE_OPTIONS ? within : null;
}

/**
 * The integers a `.size` controller holds (`.bits` leaving those that set no other bit), through the parts of a choice
 * some of which hold none (`1 / tstr`: a text is no size, RFC 8610 §3.8.1); null where they are not told here (a
 * float or `any` among them, `.bits` of too many ranges, a part with no scalar shape).
 */
export function controllerSizes(type: Control, ctx: ShapeContext): Interval[] | null {
  const whole = scalarShapeOrNull(type.controller, ctx, type.span);
  if (whole?.kind === 'int') return heldIntegers(whole);
  let parts: { shape: ScalarShape }[] | null;
  try {
    parts = scalarParts(type.controller, ctx, new Set());
  } catch (error) {
    if (isSchemaError(error) && (error.kind === 'unsupported' || error.kind === 'invalid')) return null;
    throw error;
  }
  if (parts === null) return null;
  const integers: Interval[] = [];
  for (const { shape } of parts) {
    if (shape.kind === 'float' || shape.kind === 'any') return null;
    if (shape.kind !== 'int') continue;
    const held = heldIntegers(shape);
    if (held === null) return null;
    integers.push(...held);
  }
  return normalise(integers);
}

/** The layout of `target .size controller` where it is one scalar shape (see the file's comment), `integers` the controller's ({@link controllerSizes}); `any` is a choice ({@link sizeOnAnyOptions}). */
export function sizeShape(target: Exclude<ScalarShape, { kind: 'any' | 'never' }>, integers: Interval[] | null, type: Control, ctx: ShapeContext): ScalarShape {
  // What has no size meets no `.size`: the general matcher fails every other kind (a float was refused here, and left to it).
  if (target.kind === 'float' || target.kind === 'bool' || target.kind === 'null' || target.kind === 'undefined') return matchesNothing(ctx, type.span, sizeOfWhatHasNone(type));
  if (integers === null) return unsupported(ctx, type.span, `.size with a controller that is not a number or range of numbers: ${printType(type.controller)}`);
  const sizes = intersect(integers, [everySize()]);
  if (sizes.length === 0) {
    const why = integers.length === 0 ? 'holds no integer, which a size is' : 'holds no size (a size is never negative)';
    return matchesNothing(ctx, type.span, `${printType(type)} holds no value, since ${printType(type.controller)} ${why}`);
  }
  if (target.kind === 'int') {
    // A value that fits in fewer bytes fits in more: the most the controller allows counts (`uint .size (1 / 3)` is
    // `uint .size 3`). The argument of the head fits in n bytes: 0..256^n-1, and for negatives -1-x with x < 256^n.
    const most = (sizes.at(-1) as Interval).hi;
    const limit = most > 2n ** 32n ? null : 256n ** most;
    const fits = limit === null ? [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }] : [{ lo: -limit, hi: limit - 1n }];
    // A bignum's tags stay: `biguint .size 2` is 0..65535, written either way.
    return { ...target, intervals: intersect(target.intervals, fits) };
  }
  // Literals: those whose length in bytes the controller holds (`("ab" / "abc") .size 2` is "ab").
  if (target.values !== null) {
    const length = (v: string) => BigInt(target.kind === 'text' ? utf8Length(v) : v.length / 2);
    const kept = target.values.filter((v) => sizes.some((i) => i.lo <= length(v) && length(v) <= i.hi));
    return kept.length > 0 ? { ...target, values: kept } : matchesNothing(ctx, type.span, `${printType(type)} holds none of its literals, whose lengths ${printType(type.controller)} does not hold`);
  }
  // Of a string of a size already, the sizes within it (`(tstr .size (1..5)) .size 3`).
  const within = intersect(sizes, [sizeInterval(target.size)]);
  if (within.length === 0) return matchesNothing(ctx, type.span, `${printType(type)} holds no value: no length is of both sizes`);
  const bound = sizeBound(within);
  if (bound === null) return unsupported(ctx, type.span, `.size with a controller that is not a number or range of numbers: ${printType(type.controller)}`);
  return { ...target, size: bound };
}

/**
 * Whether a type is a `.size` of arrays, maps and tags alone (`[int] .size 3`, `tdate .size 20`, through references
 * and choices), which have no size, as a float has none: it matches nothing (shapes.ts makes it never, with
 * {@link sizeOfWhatHasNone}; types.ts types it so). The bignum tags 2 and 3 are integers, which have one.
 */
export function sizeOfStructures(type: IrType, ctx: ShapeContext): boolean {
  return type.kind === 'control' && type.op === 'size' && everyAlternative(type.target, ctx, hasNoSize);
}

/** Arrays, maps and tags other than 2 and 3, which have no size (bignums are integers, which have one), and the major types of arrays, maps, floats and simple values (`#4`). */
function hasNoSize(type: IrType): boolean {
  if (type.kind === 'major') return type.major === 4 || type.major === 5 || type.major === 7;
  return type.kind === 'array' || type.kind === 'map' || (type.kind === 'tag' && typeof type.tag === 'string' && type.tag !== '2' && type.tag !== '3');
}

/** Why a `.size` on a kind of value with no size matches nothing. */
export function sizeOfWhatHasNone(type: Control): string {
  // A tag's content may have a size (`tdate .size 20` most likely meant the text's): say how to write that.
  const { target } = type;
  const sized = target.kind === 'tag' && typeof target.tag === 'string' && target.type.kind === 'prim' && ['uint', 'bstr', 'bytes', 'tstr', 'text'].includes(target.type.prim);
  const inside = sized ? ` (the tag's content has one: ${printType({ ...target, type: { ...type, target: target.type } })})` : '';
  return `${printType(type)} measures what has no size: .size is of unsigned integers and byte and text strings (RFC 8610 §3.8.1), and ${printType(target)} is none${inside}`;
}

/** One range of sizes as a bound (no greatest beyond 2^53 − 1), or null for several or one beyond. */
function sizeBound(sizes: Interval[]): SizeBound | null {
  if (sizes.length !== 1) return null;
  const [i] = sizes as [Interval];
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  if (i.lo > safe) return null;
  return { min: Number(i.lo), max: i.hi > safe ? null : Number(i.hi) };
}

/** The sizes a bound holds as an interval (all of them for none). */
function sizeInterval(size: SizeBound | null): Interval {
  return size === null ? everySize() : { lo: BigInt(size.min), hi: size.max === null ? UNBOUNDED_MAX : BigInt(size.max) };
}

/** A range of sizes as CDDL: `16`, `2..4`, or `uint .ge 5` for the sizes from 5 on. */
function sizesType(size: Interval): IrType {
  const int = (n: bigint): IrLiteral => ({ type: 'int', value: String(n) });
  if (size.lo === size.hi) return { kind: 'literal', value: int(size.lo) };
  if (size.hi >= UNBOUNDED_MAX) return { kind: 'control', op: 'ge', target: { kind: 'prim', prim: 'uint' }, controller: { kind: 'literal', value: int(size.lo) }, span: UNWRITTEN };
  return { kind: 'range', min: int(size.lo), max: int(size.hi), inclusive: true };
}
