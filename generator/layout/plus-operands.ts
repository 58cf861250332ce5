/**
 * The operands of `.plus` (RFC 9165 §2.1) as the numbers they hold, whatever their form: "targets and
 * controllers are types" (§2), so a choice of integers and floats (`1.5 .plus (1 / 2.5)`), of float
 * literals (`(0.25..0.5) .plus (0.25 / 10.25)`), or of floats of other widths is an operand like any.
 * Each operand's alternatives (through references, choices, `.and` and `.plus` of several kinds) are
 * put in groups one numeric shape says exactly: the integers (one set of intervals), and the floats of
 * each set of widths (a union of values and ranges). Every target group is added to every controller
 * group (sums.ts), and the sums of one target group merged: the sum "is converted into the type of the
 * target" (§2.1), so each target group gives one result. Several target groups give a choice, one
 * option per group (`(1 / 2.5) .plus 1` is 2 or 3.5), whose IR type is the `.plus` of that group.
 */
import { printType } from '../ir/print.js';
import type { IrType } from '../ir/types.js';
import { unionFloats } from './float-ranges.js';
import { concatenationOptions } from './control-options.js';
import { sizeChoiceOptions } from './sizes.js';
import { intersectionOptions } from './intersections.js';
import { MOST_MASKED_RANGES, maskedIntervals, normalise } from './intervals.js';
import { type ScalarShape, scalarShape } from './scalars.js';
import { type ShapeContext } from './shapes.js';
import { invalid, unsupported } from './layout-diagnostics.js';
import type { IntegerSteps } from './floor-sums.js';
import { MAX_COMPUTED_VALUES, floatSumsRefusal, integerSumsRefusal, sumShape } from './sums.js';

type Control = Extract<IrType, { kind: 'control' }>;
type NumericShape = Extract<ScalarShape, { kind: 'int' | 'float' }>;
type FloatShape = Extract<ScalarShape, { kind: 'float' }>;

/** Alternatives of an operand one numeric shape says: the IR type they are (a choice when several) and that shape. */
interface Group {
  type: IrType;
  shape: NumericShape;
}

const NOWHERE = { file: '', line: 0, col: 0 };

/**
 * The sums of a `.plus`, one shape per group of the target (see above); empty when no data item
 * is one; null when an operand is not made of scalars (it has no layout here). An operand of
 * another kind (a string, a `.bits` integer) is refused: "The target and controller MUST be numeric".
 */
export function plusScalars(type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape[] | null {
  const sums = groupSums(type, ctx, seen);
  return sums === null ? null : sums.flatMap((s) => (s.sum === null ? [] : [s.sum]));
}

/** A `.plus` as one scalar shape: its one result, `never` when it has none, null when it has several (a choice: plusOptions) or no layout. */
export function plusShape(type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  const results = plusScalars(type, ctx, seen);
  if (results === null || results.length > 1) return null;
  return results[0] ?? { kind: 'never', reason: `${printType(type)} has a side no data item matches` };
}

/** A `.plus` with several results, as one `.plus` per target group that has sums (the options of a choice), or null for any other type. */
export function plusOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || type.op !== 'plus') return null;
  const options = (groupSums(type, ctx, new Set()) ?? []).flatMap((s) => (s.sum === null ? [] : [{ ...type, target: s.target.type }]));
  return options.length < 2 ? null : options;
}

/**
 * The sums of a `.plus` for the general matcher's program: per target group, its shape and the evenly
 * spaced runs of integers beside it (floor-sums.ts), which the typed layouts refuse; null as plusScalars.
 */
export function plusProgramParts(type: Control, ctx: ShapeContext): { sum: ScalarShape; steps: IntegerSteps[] }[] | null {
  const sums = groupSums(type, ctx, new Set(), true);
  return sums === null ? null : sums.flatMap((s) => (s.sum === null ? [] : [{ sum: s.sum, steps: s.steps }]));
}

/** Each target group and its sums with every controller group (null when there are none); null when an operand has no layout here. Runs of integers are kept in `steps` when `withSteps`, else refused. */
function groupSums(type: Control, ctx: ShapeContext, seen: Set<string>, withSteps = false): { target: Group; sum: NumericShape | null; steps: IntegerSteps[] }[] | null {
  const targets = numericGroups(type.target, type, ctx, seen);
  const controllers = targets === null ? null : numericGroups(type.controller, type, ctx, seen);
  if (targets === null || controllers === null) return null;
  return targets.map((target) => {
    const steps: IntegerSteps[] = [];
    const sums = controllers.map((controller) => sumShape(target.shape, controller.shape, type, ctx, withSteps ? steps : undefined)).filter((s): s is NumericShape => s.kind === 'int' || s.kind === 'float');
    return { target, sum: sums.length === 0 ? null : mergeSums(sums, type, ctx), steps };
  });
}

/** An operand's alternatives in groups (see above), in the order they first come; null when it is not made of scalars. */
function numericGroups(operand: IrType, type: Control, ctx: ShapeContext, seen: Set<string>): Group[] | null {
  const parts = scalarParts(operand, ctx, seen);
  if (parts === null) return null;
  const groups: { key: string; types: IrType[]; shape: NumericShape }[] = [];
  for (const part of parts) {
    const shape = part.shape.kind === 'int' && part.shape.bits !== undefined ? maskedShape(part.shape, type, ctx) : part.shape;
    if (shape.kind === 'never') continue;
    if (!((shape.kind === 'int' && shape.bits === undefined) || shape.kind === 'float')) {
      return invalid(ctx, type.span, `.plus between types that are not both numbers (RFC 9165 §2.1): ${printType(type)}`);
    }
    const key = shape.kind === 'int' ? 'int' : `float ${[...shape.widths].sort()}`;
    const group = groups.find((g) => g.key === key);
    if (group === undefined) {
      groups.push({ key, types: [part.type], shape });
      continue;
    }
    group.types.push(part.type);
    group.shape = union(group.shape, shape);
  }
  return groups.map((g) => ({ type: g.types.length === 1 ? (g.types[0] as IrType) : { kind: 'choice', options: g.types }, shape: g.shape }));
}

/** An integer type with `.bits` (`uint .bits (0 / 3)`: 0, 1, 8, 9) as the ranges of its values, which `.plus` adds as any others. */
function maskedShape(shape: Extract<ScalarShape, { kind: 'int' }>, type: Control, ctx: ShapeContext): ScalarShape {
  const intervals = maskedIntervals(shape.intervals, shape.bits as bigint, MOST_MASKED_RANGES);
  if (intervals === null) {
    return unsupported(ctx, type.span, `.plus of an integer type with .bits whose values are more than ${MOST_MASKED_RANGES} separate ranges: ${printType(type)}`);
  }
  // A type that takes bignums keeps taking them (`(biguint .bits 64) .plus 1` is 1 and 2^64 + 1, a bignum).
  if (intervals.length === 0) return { kind: 'never', reason: `${printType(type)} has a side no data item matches` };
  return { kind: 'int', intervals, ...(shape.bignum === true ? { bignum: true as const } : {}) };
}

/** A type's alternatives whose layout is each one scalar shape, through references, choices, `.and`, `.plus`, `.cat` and `.det` of several kinds and a string's `.size` of several ranges; null when some alternative is no scalar. */
export function scalarParts(type: IrType, ctx: ShapeContext, seen: Set<string>): { type: IrType; shape: ScalarShape }[] | null {
  const whole = scalarShape(type, ctx, NOWHERE, seen);
  if (whole !== null) return [{ type, shape: whole }];
  switch (type.kind) {
    case 'ref': {
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined || seen.has(type.rule)) return null;
      seen.add(type.rule);
      const parts = scalarParts(target, ctx, seen);
      seen.delete(type.rule);
      return parts;
    }
    case 'choice':
    case 'enum': {
      const options = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      const parts = options.map((o) => scalarParts(o, ctx, seen));
      return parts.some((p) => p === null) ? null : parts.flatMap((p) => p ?? []);
    }
    case 'control': {
      // One option per kind (`.and`, `.cat`, `.det`) or per target group (`.plus`), each one scalar shape.
      const options = intersectionOptions(type, ctx) ?? plusOptions(type, ctx) ?? concatenationOptions(type, ctx) ?? sizeChoiceOptions(type, ctx);
      if (options === null) return null;
      const parts = options.map((o) => scalarParts(o, ctx, seen));
      return parts.some((p) => p === null) ? null : parts.flatMap((p) => p ?? []);
    }
    default:
      return null;
  }
}

/** Two numeric shapes of one group as one: integers' intervals joined; floats of the same widths joined (float-ranges.ts). */
function union(a: NumericShape, b: NumericShape): NumericShape {
  if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', intervals: normalise([...a.intervals, ...b.intervals]), ...(a.bignum || b.bignum ? { bignum: true as const } : {}) };
  // Values are finite (a literal beyond every float matches nothing, and sums beyond every float are none), and a group has one set of widths: never null here.
  return unionFloats(a as FloatShape, b as FloatShape) as FloatShape;
}

/** The sums of one target group with each controller group, as one shape (they have the target's kind and widths); more than MAX_COMPUTED_VALUES separate values or ranges is a resource limit, as for one pair. */
function mergeSums(sums: NumericShape[], type: Control, ctx: ShapeContext): NumericShape {
  const merged = sums.reduce((a, b) => union(a, b));
  const count = merged.kind === 'int' ? merged.intervals.length : (merged.values ?? merged.ranges ?? []).length;
  if (count <= MAX_COMPUTED_VALUES) return merged;
  return merged.kind === 'int' ? integerSumsRefusal(type, ctx) : floatSumsRefusal(type, ctx);
}
