/**
 * How the alternatives of an array or map are told apart at run time: a discriminant member, or the members present.
 */
import type { IrSpan } from '../ir/types.js';
import { type ChoiceOption, type DiscriminantValue, type Field, type Shape, type ShapeContext, unsupported } from './shapes.js';

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

/**
 * A type choice's options are told apart by tests on the value alone (emit/guards.ts `optionTest`); an
 * option that is an array, a map or a choice written inline (inside a tag: `#6.1([int]) / int`), or a
 * tag whose number is not fixed, has no such test of its own. Refused here, so the rule is general
 * (the general matcher checks it exactly) and emission never meets it.
 */
export function checkChoiceOptions(options: readonly ChoiceOption[], ctx: ShapeContext, span: IrSpan): void {
  for (const option of options) {
    let shape: Shape = option.shape;
    while (shape.kind === 'tag') shape = shape.inner;
    if (shape.kind === 'array' || shape.kind === 'map' || shape.kind === 'choice') unsupported(ctx, span, `an inline ${shape.kind} as one option of a type choice (give it a rule name)`);
    if (shape.kind === 'tagged') unsupported(ctx, span, 'an inline tag without a fixed number as one option of a type choice (give it a rule name)');
  }
}
