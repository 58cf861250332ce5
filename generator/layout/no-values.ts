/**
 * Shapes no value has: `never`, inside fixed tags, a choice of such options, an alternative with a required member
 * of such a shape, an array or map every alternative of which is one. The emitters give them no branch (TypeScript
 * would find its test false and its code unreachable), and such an array or map is never itself (withoutNothing).
 */
import type { ArrayLayout, ChoiceOption, Field, GroupVariant, Shape } from './shapes.js';

/**
 * Whether no value has the shape: never, inside fixed tags, a choice of such options (`#6.42(h'00' .and biguint) /
 * #6.43(…)`), or an array or map each of whose alternatives requires a member of such a shape (`[x: 5..3]`), or
 * repeats one at least once (`[+ (tstr .and 1), * bool]`).
 */
export function holdsNothing(shape: Shape): boolean {
  switch (shape.kind) {
    case 'tag':
      return holdsNothing(shape.inner);
    case 'choice':
      return shape.options.every((o) => holdsNothing(o.shape));
    case 'array':
      return arrayHoldsNothing(shape.layout);
    case 'map': {
      const layout = shape.layout;
      return layout.kind === 'struct' ? requiresNothing(layout.fields) : layout.kind === 'variants' && layout.variants.every((v) => requiresNothing(v.fields));
    }
    default:
      return shape.kind === 'never';
  }
}

/** Whether each alternative of an array needs a member, or a repetition, that no value has. */
function arrayHoldsNothing(layout: ArrayLayout): boolean {
  switch (layout.kind) {
    case 'record':
    case 'tuple':
      return requiresNothing([...layout.fields, ...(layout.after ?? [])]) || (layout.rest !== undefined && layout.rest.min > 0 && holdsNothing(layout.rest.item));
    case 'list':
      return layout.min > 0 && holdsNothing(layout.item);
    case 'variants':
      return layout.variants.every(requiresNothing);
    case 'groups':
      return requiresNothing([...(layout.fields ?? []), ...(layout.after ?? [])]) || (layout.min > 0 && layout.variants.every(variantHoldsNothing));
    case 'alternatives':
      return layout.variants.every(variantHoldsNothing);
    case 'forks':
      return layout.variants.every(arrayHoldsNothing);
    case 'runs':
      return layout.runs.some((run) => run.min > 0 && (run.group === undefined ? holdsNothing(run.item) : variantHoldsNothing(run.group)));
  }
}

/** Whether some required member of these has a shape no value has. */
function requiresNothing(fields: readonly Field[]): boolean {
  return fields.some((f) => !f.optional && holdsNothing(f.shape));
}

/** Whether an alternative has a required member no value has: no value is one of it. */
export function variantHoldsNothing(variant: GroupVariant): boolean {
  return requiresNothing(variant.fields);
}

/**
 * An array or map each of whose alternatives requires a member no value has (`[x: 5..3]`, `{ a: tstr .and bstr }`) is
 * never: its emitters would test and write members that cannot be there. The member's own warning said why.
 */
export function withoutNothing(shape: Shape): Shape {
  return holdsNothing(shape) ? { kind: 'never', reason: 'each alternative requires a member no value has' } : shape;
}

/**
 * The options of a choice that hold a value, where one does: an option that holds none (`tstr .lt 3` of `(tstr / int)
 * .lt 3`, warned of where it is written) adds no value to the choice, and kept it would be typed `never | …` and named
 * in the messages of the others ("expected no value (…) or an integer"). Where none holds a value, all of them.
 */
export function optionsHoldingValues(options: ChoiceOption[]): ChoiceOption[] {
  const held = options.filter((o) => !holdsNothing(o.shape));
  return held.length === 0 ? options : held;
}
