/**
 * Alternatives that could write one value as different data items (issue 10,
 * lossless), refused here so that the rule is general before anything is
 * emitted.
 *
 * Where the members present cannot tell an array's or a map's alternatives
 * apart (`overlaps`, choices.ts), guards and encoders try them in the
 * decoder's order and take the first whose whole test passes. When two of
 * them accept one JavaScript value and write it differently
 * (`{ (x: int) // (x: #6.1(int)) }`: `{ x: 5 }` is both), the first would
 * write another data item than the decoder read, silently. The choice
 * planner's analysis (choice-plans.ts `conflictingVariants`) finds such a
 * pair; it needs every rule's shape, so it runs once they are all known, and
 * the rule it refuses becomes general (general.ts), checked exactly by the
 * general matcher.
 */
import type { IrRule, IrType } from '../ir/types.js';
import { conflictingAlternatives, conflictingOptions, conflictingVariants, type PlanContext } from './choice-plans.js';
import { printType } from '../ir/print.js';
import { membersOf } from './choices.js';
import { directChildren } from './shape-children.js';
import { type ChoiceOption, type Field, type GroupVariant, type Shape, type ShapeContext } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';

/** Refuses `rule` (SchemaError `unsupported`) when alternatives inside its own shape (not through other rules) could write one value differently. */
export function checkLosslessVariants(rule: IrRule, plan: PlanContext, ctx: ShapeContext): void {
  const shape = plan.shapes.get(rule.name);
  if (shape !== undefined) visit(shape, rule, plan, ctx);
}

function visit(shape: Shape, rule: IrRule, plan: PlanContext, ctx: ShapeContext): void {
  const members = variantMembers(shape);
  if (members !== null && (shape.kind === 'array' || shape.kind === 'map') && shape.layout.kind === 'variants') {
    const pair = conflictingVariants(shape, shape.layout.overlaps, plan);
    if (pair !== null) {
      const [i, j] = pair.map((k) => `{ ${(members[k] ?? []).map((f) => f.name).join(', ')} }`);
      unsupported(ctx, rule.span, `alternatives ${i} and ${j} that the members present cannot tell apart and that can hold the same value written as different data items`);
    }
  }
  if (shape.kind === 'array' && (shape.layout.kind === 'alternatives' || shape.layout.kind === 'groups')) {
    const conflict = conflictingAlternatives(shape.layout, plan);
    if (conflict !== null) {
      const [i, j] = conflict.pair.map((k) => `(${printFields((shape.layout as { variants: GroupVariant[] }).variants[k] as GroupVariant)})`);
      const where = shape.layout.kind === 'groups' ? 'a group repeated in an array' : 'an array';
      unsupported(ctx, rule.span, `alternatives ${i} and ${j} of ${where} that can hold one value and write it as different data items (${conflict.why}), which nothing in the value tells apart`);
    }
  }
  if (shape.kind === 'choice') {
    const conflict = conflictingOptions(shape, plan);
    if (conflict !== null) {
      const [i, j] = conflict.pair.map((k) => optionAsWritten((shape.options[k] as ChoiceOption).type, ctx));
      if (conflict.widths) unsupported(ctx, rule.span, `float options ${i} and ${j} of a type choice, one of which has float types of several widths or a float literal: which of them writes a number in the shortest width depends on the width it was read in, which a number does not keep`);
      unsupported(ctx, rule.span, `options ${i} and ${j} of a type choice that can hold one value and write it as different data items (${conflict.why}), which nothing in the value tells apart`);
    }
  }
  for (const child of directChildren(shape)) visit(child, rule, plan, ctx);
}

/** An option as the schema wrote it: an inline array or map given a rule (ir/hoist.ts) by its CDDL, not the rule's made-up name (`pd.option1`). */
function optionAsWritten(type: IrType, ctx: ShapeContext): string {
  const hoisted = type.kind === 'ref' ? ctx.rules.get(type.rule)?.hoistedFrom : undefined;
  return hoisted === undefined ? printType(type) : hoisted.cddl;
}

/** The members of each alternative of an array or a map whose layout is `variants` (a map's computed-key entries as one member); else null. */
function variantMembers(shape: Shape): Field[][] | null {
  if (shape.kind === 'map' && shape.layout.kind === 'variants') return shape.layout.variants.map((struct) => membersOf(struct.fields, struct.rests));
  if (shape.kind === 'array' && shape.layout.kind === 'variants') return shape.layout.variants;
  return null;
}

/** An alternative's members as written: `tstr, #6.1(int)`, or `id: uint, name: tstr` when they have names. */
function printFields(variant: GroupVariant): string {
  return variant.fields.map((f) => (variant.kind === 'record' ? `${f.name}: ${printType(f.type)}` : printType(f.type))).join(', ');
}
