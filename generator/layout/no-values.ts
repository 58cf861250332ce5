/**
 * Shapes no value has: `never`, inside fixed tags, a choice of such options, an alternative with a required member
 * of such a shape. The emitters give them no branch (TypeScript would find its test false and its code unreachable).
 */
import type { GroupVariant, Shape } from './shapes.js';

/** Whether no value has the shape: never, inside fixed tags, or a choice of such options (`#6.42(h'00' .and biguint) / #6.43(…)`). */
export function holdsNothing(shape: Shape): boolean {
  if (shape.kind === 'tag') return holdsNothing(shape.inner);
  if (shape.kind === 'choice') return shape.options.every((o) => holdsNothing(o.shape));
  return shape.kind === 'never';
}

/** Whether an alternative has a required member no value has: no value is one of it. */
export function variantHoldsNothing(variant: GroupVariant): boolean {
  return variant.fields.some((f) => !f.optional && holdsNothing(f.shape));
}

