/**
 * The numbers a tag type may have (`#6.24`, `#6.<1..3>`, `#6.<(1 / tstr)>`): the integers of its tag number's type,
 * as the typed layouts hold them (intervals).
 */
import { printType } from '../ir/print.js';
import type { IrSpan, IrType } from '../ir/types.js';
import { heldIntegers, intersect, MOST_MASKED_RANGES, normalise } from './intervals.js';
import { unsupported } from './layout-diagnostics.js';
import { scalarShape } from './scalars.js';
import { CBOR_INT_MAX, type Interval, type ShapeContext } from './shapes.js';

/** The numbers a tag may have (`#6.24`: one; `#6.<1..3>`: an interval; none for `#6.<-1>`), or null for any (`#6`). */
export function tagNumbers(type: Extract<IrType, { kind: 'tag' }>, ctx: ShapeContext, span: IrSpan): Interval[] | null {
  if (type.tag === null) return null;
  if (typeof type.tag === 'string') return [{ lo: BigInt(type.tag), hi: BigInt(type.tag) }];
  const numbers = integersOfTagNumber(type.tag, ctx, span, new Set());
  if (numbers === 'masked') return unsupported(ctx, span, `a tag number type with .bits whose numbers are more than ${MOST_MASKED_RANGES} separate ranges: ${printType(type)}`);
  if (numbers === null) return unsupported(ctx, span, `a tag number type whose integers the typed layouts do not compute (a data item of one head, a general rule): ${printType(type)}`);
  return intersect(numbers, [{ lo: 0n, hi: CBOR_INT_MAX }]);
}

/**
 * The integers of a tag number's type: those of its integer options (with `.bits`, `#6.<(0..9) .bits 1>`, the ones
 * that set no other bit, when few enough ranges list them, else 'masked'), every one of `any`'s, none of an option of
 * another kind (a text, a float, an array, a map, a tag: no tag number is one, as `.size (1 / tstr)` is `.size 1`);
 * null where an option is none of these (a control this cannot tell, `any` of one head).
 */
function integersOfTagNumber(type: IrType, ctx: ShapeContext, span: IrSpan, seen: Set<string>): Interval[] | 'masked' | null {
  const number = scalarShape(type, ctx, span, new Set());
  if (number?.kind === 'int') return heldIntegers(number) ?? 'masked';
  if (number?.kind === 'any') return number.head === undefined && number.except === undefined ? [{ lo: 0n, hi: CBOR_INT_MAX }] : null;
  if (number !== null) return [];
  switch (type.kind) {
    case 'array':
    case 'map':
    case 'tag':
      return [];
    case 'ref': {
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined || seen.has(type.rule) || ctx.general?.has(type.rule)) return null;
      return integersOfTagNumber(target, ctx, span, new Set([...seen, type.rule]));
    }
    case 'choice': {
      const parts = type.options.map((o) => integersOfTagNumber(o, ctx, span, seen));
      if (parts.includes('masked')) return 'masked';
      return parts.some((p) => p === null) ? null : normalise(parts.flatMap((p) => p as Interval[]));
    }
    default:
      return null;
  }
}

/** The tag number when there is exactly one. */
export function singleTag(tags: Interval[] | null): bigint | undefined {
  return tags !== null && tags.length === 1 && tags[0]?.lo === tags[0]?.hi ? tags[0]?.lo : undefined;
}
