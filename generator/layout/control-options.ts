/**
 * Controls whose values are a choice of controls, one per kind their operands hold, which shapeOf lays
 * out as a type choice (and the general matcher's program matches as one): `any .size R` (uint, bstr
 * and tstr, sizes.ts `sizeOnAnyOptions`), a comparison of `any` (bigint and float, comparison-bounds.ts
 * `comparisonOnAnyOptions`), `.and` of several kinds (intersections.ts), `.plus` of
 * several target groups (plus-operands.ts), `.cat` or `.det` whose operands hold both string kinds
 * ({@link concatenationOptions}), a comparison or size on a target of several kinds ({@link filterOptions}), and a
 * size of a string that is several ranges of sizes (sizes.ts `sizeChoiceOptions`).
 */
import type { IrType } from '../ir/types.js';
import { intersectionOptions, type Control } from './intersections.js';
import { plusOptions, scalarParts } from './plus-operands.js';
import { sizeChoiceOptions, sizeOnAnyOptions } from './sizes.js';
import { comparisonOnAnyOptions } from './comparison-bounds.js';
import { UNWRITTEN } from './layout-diagnostics.js';
import type { ShapeContext } from './shapes.js';

/** The options of a control that is a choice of controls (see the file's comment), or null for one that is not. */
export function controlOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  return sizeOnAnyOptions(type, ctx) ?? comparisonOnAnyOptions(type, ctx) ?? intersectionOptions(type, ctx) ?? plusOptions(type, ctx) ?? concatenationOptions(type, ctx) ?? filterOptions(type, ctx) ?? sizeChoiceOptions(type, ctx);
}

/** Controls that keep each value of their target that meets them on its own, whatever the target's other values. */
const FILTERS: ReadonlySet<string> = new Set(['lt', 'le', 'gt', 'ge', 'eq', 'ne', 'size', 'regexp']);

/**
 * A comparison, `.eq`, `.ne`, `.size` or `.regexp` on a target of several kinds or parts (`number .ge 0`,
 * `(tstr / bstr) .size (1..64)`, `(tstr .size (1 / 3)) .regexp "a+"`): one option per part of the target, each with
 * the control, since a value meets it by itself (RFC 8610 §3.8.1, §3.8.3, §3.8.6), so the values of the whole are
 * those of the options. Null where the target is one scalar shape or some
 * part of it is none. (A part the control holds nothing of, `tstr .lt 3` of `(int / tstr) .lt 3`, is left out of the
 * choice: shapes.ts `optionsHoldingValues`.)
 */
export function filterOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || !FILTERS.has(type.op)) return null;
  const parts = scalarParts(type.target, ctx, new Set());
  if (parts === null || parts.length < 2) return null;
  // Each option is this generator's, not the schema's: what one of them says of itself (`1 .ne 1` of `(1 / 2.5) .ne 1`
  // holds nothing) is no warning about what the schema says (shapes.ts warns where none of them holds a value).
  // A part that is itself a choice of controls (`any .size 3` of `(any / tstr) .size 3`) gives its options, one choice.
  return parts.flatMap((part) => {
    const option: Control = { ...type, target: part.type, span: UNWRITTEN };
    return controlOptions(option, ctx) ?? [option];
  });
}

/**
 * `.cat` or `.det` whose target or controller holds text and bytes both (`(tstr / bstr) .cat "x"`,
 * `"a" .cat ("b" / h'63')`): one option per pair of the operands' kinds, each the control of the
 * operands' alternatives of that kind. RFC 9165 §2.2 concatenates each value of the target with each
 * of the controller, the target's kind being the result's (so a text target's result must be UTF-8),
 * and §2.3 dedents each side on its own, so the values of the whole are those of the options. Null
 * where each operand is one kind (computed.ts lays that out), or some alternative is no string.
 */
export function concatenationOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || (type.op !== 'cat' && type.op !== 'det')) return null;
  const targets = stringKinds(type.target, ctx);
  const controllers = targets === null ? null : stringKinds(type.controller, ctx);
  if (targets === null || controllers === null || (targets.length < 2 && controllers.length < 2)) return null;
  return targets.flatMap((target) => controllers.map((controller): Control => ({ ...type, target, controller })));
}

/** The one string kind of both operands of a `.cat` (`"x" .cat r`, `r = "" / ("" .cat tstr)`), or null where one holds another kind, or both. */
export function concatenatedKind(type: Control, ctx: ShapeContext): 'text' | 'bytes' | null {
  const [target, controller] = [stringKindsOf(type.target, ctx, new Set()), stringKindsOf(type.controller, ctx, new Set())];
  if (target === null || controller === null || target.size !== 1 || controller.size !== 1) return null;
  const [kind] = [...target];
  return controller.has(kind as string) && (kind === 'text' || kind === 'bytes') ? kind : null;
}

/** Controls whose values are some of their target's: of no other kind than the target's. */
const DRAWN_FROM_TARGET: ReadonlySet<string> = new Set(['eq', 'ne', 'and', 'within', 'size', 'regexp', 'default', 'feature']);

/**
 * The kinds of value an operand holds, through references, choices, concatenations (whose target's kind is theirs, RFC
 * 9165 §2.2), `.join` and `.printf` (whose target says the kind, RFC 9741 §2.3, §3.1) and the controls whose values
 * are their target's; null where that is not known.
 */
function stringKindsOf(type: IrType, ctx: ShapeContext, seen: Set<string>): Set<string> | null {
  // A concatenation has its target's kinds; so has a control whose values are some of its target's (`.eq`, `.size`).
  if (type.kind === 'control' && (type.op === 'cat' || type.op === 'det' || type.op === 'join' || type.op === 'printf' || DRAWN_FROM_TARGET.has(type.op))) return stringKindsOf(type.target, ctx, seen);
  if (type.kind === 'choice') {
    const kinds = new Set<string>();
    for (const option of type.options) {
      const own = stringKindsOf(option, ctx, seen);
      if (own === null) return null;
      own.forEach((k) => kinds.add(k));
    }
    return kinds;
  }
  if (type.kind === 'ref') {
    const rule = ctx.rules.get(type.rule);
    if (rule?.type === undefined) return null;
    // A rule met again adds nothing to what its other ways give.
    if (seen.has(type.rule)) return new Set();
    return stringKindsOf(rule.type, ctx, new Set([...seen, type.rule]));
  }
  const parts = scalarParts(type, ctx, new Set());
  return parts === null ? null : new Set(parts.filter((p) => p.shape.kind !== 'never').map((p) => p.shape.kind));
}

/** An operand's alternatives by kind, text first, each kind's as one type; null when some alternative is no string. */
function stringKinds(operand: IrType, ctx: ShapeContext): IrType[] | null {
  const parts = scalarParts(operand, ctx, new Set());
  if (parts === null) return null;
  const kinds: IrType[] = [];
  for (const kind of ['text', 'bytes'] as const) {
    const types = parts.filter((p) => p.shape.kind === kind).map((p) => p.type);
    if (types.length > 0) kinds.push(types.length === 1 ? (types[0] as IrType) : { kind: 'choice', options: types });
  }
  // A part that matches nothing is left out, as in a choice; any other kind is no string (RFC 9165 §2.2 refuses it).
  return parts.every((p) => p.shape.kind === 'text' || p.shape.kind === 'bytes' || p.shape.kind === 'never') ? kinds : null;
}
