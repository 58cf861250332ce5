/**
 * A comparison whose controller has several numbers (`int .lt (1 / 5)`, `uint .ge (2..9)`, `float .le uint`, a rule
 * naming such a choice), as the comparison with one of them.
 *
 * RFC 8610 §3.8.6 compares the target with the controller's value, and a type of several values is the union of them
 * (§2.2.2 reads a choice so): a value meets the control where it meets it against one of them, as `.size (1 / 3)`
 * and `.eq (1 / 5)` are read here too. Against a set of numbers, `.lt` and `.le` hold for one where they hold for the
 * greatest, `.gt` and `.ge` for the least; so the control is the same control with that number alone. Before this,
 * the general matcher compared only with a literal, and such a rule matched nothing, silently.
 */
import { isSchemaError } from '../diagnostics.js';
import { printType } from '../ir/print.js';
import type { IrLiteral, IrType } from '../ir/types.js';
import { scalarParts } from './plus-operands.js';
import { type ScalarShape, scalarShapeOrNull } from './scalars.js';
import { UNWRITTEN } from './layout-diagnostics.js';
import { heldIntegers } from './intervals.js';
import { type ShapeContext, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';

type Control = Extract<IrType, { kind: 'control' }>;

/** One number of a controller that may decide a comparison: an integer or a float, ±Infinity past integers without end. */
type Extreme = bigint | number;

const COMPARISONS: ReadonlySet<string> = new Set(['lt', 'le', 'gt', 'ge']);

/** Whether a control operator compares numbers by order (`.lt`, `.le`, `.gt`, `.ge`; RFC 8610 §3.8.6). */
export function isComparison(op: string): boolean {
  return COMPARISONS.has(op);
}

/**
 * `type` with its controller the one number that decides it; the empty choice, with why, where the controller has no
 * number; null where it is a literal already or has no shape here (the comparison is left as written).
 */
export function comparisonWithOneBound(type: Control, ctx: ShapeContext, seen: Set<string> = new Set()): IrType | null {
  if (!isComparison(type.op)) return null;
  // A literal is the one number already; anything else that is one (`0 .size 0`, a rule) is written as it, since the
  // matcher compares with a literal only.
  if (type.controller.kind === 'literal') return null;
  const parts = onlyArraysAndMaps(type.controller, ctx) ? [] : partsOrNull(type.controller, ctx, seen);
  if (parts === null) return null;
  const upward = type.op === 'gt' || type.op === 'ge';
  let best: Extreme | null = null;
  for (const { shape } of parts) {
    const found = extremes(shape, upward);
    if (found === null) return null;
    for (const extreme of found) {
      if (best === null || order(extreme, best) * (upward ? -1 : 1) > 0) best = extreme;
    }
  }
  // No number to compare with (`int .lt tstr`, an empty range): nothing meets it.
  if (best === null) return { kind: 'choice', options: [], nothing: `${printType(type)} compares with no number: ${printType(type.controller)} has none` };
  if (typeof best === 'number' && !Number.isFinite(best)) {
    // Beyond every number on the side compared: a controller that holds ±Infinity itself (a float type, `any`) lets
    // `.le` and `.ge` take it too; integers without end do not reach it.
    const holdsInfinity = parts.some(({ shape }) => (shape.kind === 'float' || shape.kind === 'any') && (extremes(shape, upward) ?? []).includes(best as number));
    return beyondEveryNumber(type, ctx, seen, upward, holdsInfinity && (type.op === 'le' || type.op === 'ge'));
  }
  const value: IrLiteral = typeof best === 'bigint' ? { type: 'int', value: best.toString() } : { type: 'float', value: best };
  return { ...type, controller: { kind: 'literal', value } };
}

/**
 * A comparison with ±Infinity, or with integers without end, written with finite numbers (the IR is JSON, which has no
 * Infinity): every integer of the target meets it; a float meets `.lt` +Infinity where it is at most the greatest finite
 * float (`.le 1.7976931348623157e308`, which leaves out NaN and +Infinity), and `.le` +Infinity where it is no NaN (at
 * most that float, or at least it); likewise downward.
 */
function beyondEveryNumber(type: Control, ctx: ShapeContext, seen: Set<string>, upward: boolean, inclusive: boolean): IrType | null {
  const parts = partsOrNull(type.target, ctx, seen);
  if (parts === null) return null;
  const finite = (op: string, value: number): IrType => ({ ...type, op, controller: { kind: 'literal', value: { type: 'float', value } } });
  const limit = upward ? -Number.MAX_VALUE : Number.MAX_VALUE;
  const options = parts.map(({ type: target, shape }): IrType => {
    if (shape.kind === 'int') return target;
    const within = { ...finite(upward ? 'ge' : 'le', limit), target } as Control;
    return inclusive ? { kind: 'choice', options: [within, { ...finite(upward ? 'le' : 'ge', limit), target } as Control] } : within;
  });
  return options.length === 1 ? (options[0] as IrType) : { kind: 'choice', options };
}

/**
 * Whether every alternative of a type, through references and choices, passes `leaf` (false for an empty choice and a
 * rule met again: nothing is claimed of them).
 */
export function everyAlternative(type: IrType, ctx: ShapeContext, leaf: (type: IrType) => boolean, seen: Set<string> = new Set()): boolean {
  switch (type.kind) {
    case 'choice':
      return type.options.length > 0 && type.options.every((option) => everyAlternative(option, ctx, leaf, seen));
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(type.rule)) return false;
      seen.add(type.rule);
      return everyAlternative(rule.type, ctx, leaf, seen);
    }
    default:
      return leaf(type);
  }
}

/**
 * A comparison of `any` (`any .lt 3`): the numbers it holds are integers (bignums among them) and floats, each compared
 * by value (RFC 8610 §3.8.6), and nothing else meets it, so it is the comparison of `bigint` or that of `float`, as
 * `any .size` is one of uint, bstr or tstr (sizes.ts). Null for anything else (a major type's `any` holds other items).
 */
export function comparisonOnAnyOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || !isComparison(type.op)) return null;
  const target = scalarShapeOrNull(type.target, ctx, type.span);
  if (target?.kind !== 'any' || target.head !== undefined || target.except !== undefined) return null;
  // Options this generator made up: where none holds a value (`any .lt tstr`), shapes.ts says so once, of the whole.
  return (['bigint', 'float'] as const).map((prim): Control => ({ ...type, target: { kind: 'prim', prim }, span: UNWRITTEN }));
}

/**
 * Whether a type is a comparison (`.lt`, `.le`, `.gt`, `.ge`) of what is no number alone (`tstr .lt 3`, `time .lt 5`,
 * `[int] .ge 1`, through references and choices): RFC 8610 §3.8.6 compares numbers, and the general matcher fails
 * every other kind, so it matches nothing (scalars.ts makes it never, with {@link comparisonOfNoNumberReason}). The
 * bignum tags 2 and 3 are integers, which are compared.
 */
export function comparisonOfNoNumber(type: Control, ctx: ShapeContext): boolean {
  return isComparison(type.op) && everyAlternative(type.target, ctx, isNoNumber);
}

/** Kinds of data item that hold no number: strings, booleans, null, undefined, arrays, maps and tags but bignums. */
function isNoNumber(type: IrType): boolean {
  switch (type.kind) {
    case 'array':
    case 'map':
      return true;
    case 'tag':
      return typeof type.tag === 'string' && type.tag !== '2' && type.tag !== '3';
    case 'major':
      return type.major >= 2 && type.major <= 5;
    case 'prim':
      return NO_NUMBER_PRIMITIVES.has(type.prim);
    case 'literal':
      return type.value.type !== 'int' && type.value.type !== 'float';
    default:
      return false;
  }
}

const NO_NUMBER_PRIMITIVES: ReadonlySet<string> = new Set(['bstr', 'tstr', 'bool', 'null', 'undefined']);

/** Why a comparison of what is no number matches nothing; for a tag whose content holds numbers, how to compare those. */
export function comparisonOfNoNumberReason(type: Control, ctx: ShapeContext): string {
  // `time .lt 5` most likely meant the seconds: `#6.1(number .lt 5)` compares them.
  const tag = taggedThrough(type.target, ctx);
  const inside = tag !== null && !everyAlternative(tag.type, ctx, isNoNumber) ? ` (the tag's content holds numbers: ${printType({ ...tag, type: { ...type, target: tag.type } })})` : '';
  return `${printType(type)} compares what is no number: .${type.op} compares numbers (RFC 8610 §3.8.6), and ${printType(type.target)} is none${inside}`;
}

/** The tag a type is, through references (`t = #6.1(number)`; the prelude's `time` is written out in place), or null. */
function taggedThrough(type: IrType, ctx: ShapeContext): Extract<IrType, { kind: 'tag' }> | null {
  for (let hops = 0; type.kind === 'ref' && hops < 64; hops++) {
    const rule = ctx.rules.get(type.rule);
    if (rule?.type === undefined) return null;
    type = rule.type;
  }
  return type.kind === 'tag' ? type : null;
}

/** Whether a type is arrays and maps alone, through references and choices (`int .lt [1]`): no number to compare with. */
function onlyArraysAndMaps(type: IrType, ctx: ShapeContext): boolean {
  return everyAlternative(type, ctx, (t) => t.kind === 'array' || t.kind === 'map');
}

/** The scalar parts of a type, or null where the layouts have none or refuse one (the control is then left as written, to refuse or to the general matcher). */
function partsOrNull(type: IrType, ctx: ShapeContext, seen: Set<string>): { type: IrType; shape: ScalarShape }[] | null {
  try {
    return scalarParts(type, ctx, seen);
  } catch (error) {
    if (isSchemaError(error) && error.kind === 'unsupported') return null;
    throw error;
  }
}

/** The least (`upward`) or greatest numbers of a scalar shape that decide a comparison with it; none for what is no number, null where they are not told. */
function extremes(shape: ScalarShape, upward: boolean): Extreme[] | null {
  if (shape.kind === 'int') {
    // `.bits` leaves only the integers that set no other bit: their ends, where the ranges they make are few.
    const ends = heldIntegers(shape);
    if (ends === null) return null;
    if (ends.length === 0) return [];
    const end = upward ? (ends[0] as { lo: bigint }).lo : (ends[ends.length - 1] as { hi: bigint }).hi;
    if (end <= UNBOUNDED_MIN) return [-Infinity];
    if (end >= UNBOUNDED_MAX) return [Infinity];
    return [end];
  }
  // `any` holds every number, ±Infinity among them; with a major type or exceptions its numbers are not told here.
  if (shape.kind === 'any') return shape.head === undefined && shape.except === undefined ? [upward ? -Infinity : Infinity] : null;
  if (shape.kind !== 'float') return [];
  // Every float of its widths: ±Infinity are among them.
  if (shape.values === null && shape.ranges === undefined) return [upward ? -Infinity : Infinity];
  const found: Extreme[] = (shape.values ?? []).filter((v) => !Number.isNaN(v));
  for (const range of shape.ranges ?? []) {
    // An open end is not a value: the float next to it inside is the last one (binary64, which holds every width's);
    // a range with none between its ends (`2.0 ... 2.0`) has no value to compare with.
    const lo = range.minInclusive ? range.min : nextUp(range.min);
    const hi = range.maxInclusive ? range.max : -nextUp(-range.max);
    if (lo <= hi) found.push(upward ? lo : hi);
  }
  return found;
}

/** The binary64 float just above `x`. */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * The float literals of a target that meet a comparison with one number (`(1.5 / 2.5) .lt 2` is 1.5), by value and
 * exactly (an integer bound beyond 2^53 is not rounded); null where the controller is no number literal.
 */
export function floatValuesCompared(values: readonly number[], type: Control): number[] | null {
  const bound = type.controller.kind === 'literal' ? type.controller.value : null;
  const exact = bound?.type === 'int' ? BigInt(bound.value) : bound?.type === 'float' && bound.value !== null ? bound.value : null;
  if (exact === null || (typeof exact === 'number' && Number.isNaN(exact))) return null;
  return values.filter((v) => {
    if (Number.isNaN(v)) return false;
    const sign = order(v, exact);
    return type.op === 'lt' ? sign < 0 : type.op === 'le' ? sign <= 0 : type.op === 'gt' ? sign > 0 : sign >= 0;
  });
}

/** Sign of a − b, exactly, for integers and floats (no float NaN here). */
function order(a: bigint | number, b: bigint | number): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  const [int, float, sign] = typeof a === 'bigint' ? [a, b as number, 1] : [b as bigint, a as number, -1];
  if (float === Infinity) return -sign;
  if (float === -Infinity) return sign;
  // The floor of a finite float is an integer it holds exactly.
  const floor = BigInt(Math.floor(float));
  const intFirst = int < floor ? -1 : int > floor ? 1 : Number.isInteger(float) ? 0 : -1;
  return intFirst * sign;
}
