/**
 * How the alternatives of an array or map are told apart at run time: a discriminant member, or the members present,
 * or (where those cannot tell) by trying them in the decoder's order.
 */
import type { IrSpan } from '../ir/types.js';
import { type ChoiceOption, type DiscriminantValue, type Field, type MapRest, type Shape, type ShapeContext } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';

/** A single value of one member in every alternative (`discriminant`: distinct in each; `tag`: maybe shared). */
type KeyValues = { name: string; values: DiscriminantValue[] };

/**
 * How a JavaScript value of an array's or map's alternatives tells which one
 * it is: the discriminant's value, or else which members are present (and the
 * value of `tag`). `overlaps` are the groups of alternatives (two or more
 * each, in declared order) that one set of members present can fit: guards
 * and encoders try those in the order the decoder does, and take the first
 * whose whole test passes. Elsewhere the members present decide alone.
 */
export type VariantSelector =
  | { kind: 'discriminant'; discriminant: KeyValues }
  | { kind: 'presence'; required: string[][]; allowed: string[][]; tag: KeyValues | null; overlaps: number[][] };

export function variantSelector(variants: Field[][], discriminant: KeyValues | null, tag: KeyValues | null, overlaps: number[][]): VariantSelector {
  if (discriminant !== null) return { kind: 'discriminant', discriminant };
  const required = variants.map((fields) => fields.filter((f) => !f.optional).map((f) => f.name));
  const allowed = variants.map((fields) => fields.map((f) => f.name));
  return { kind: 'presence', required, allowed, tag, overlaps };
}

/**
 * The groups of alternatives that the members present (and `tag`'s value)
 * cannot tell apart, each in declared order: two alternatives are in one
 * group when some set of members has every member either requires and only
 * members both allow (`( state: "full" / "max" ) // ( state: "normal", ?
 * width: uint )` without `width`), or through a third. Decided here, once,
 * so that guards and encoders try the same alternatives in the same order.
 */
export function overlappingVariants(variants: Field[][], discriminant: KeyValues | null, tag: KeyValues | null): number[][] {
  if (discriminant !== null) return [];
  const required = variants.map((fields) => fields.filter((f) => !f.optional).map((f) => f.name));
  const allowed = variants.map((fields) => new Set(fields.map((f) => f.name)));
  const tagOf = (k: number) => {
    const value = tag?.values[k];
    return value === undefined ? null : `${value.type}:${String(value.value)}`;
  };
  const fits = (i: number, j: number) => {
    const a = tagOf(i);
    const b = tagOf(j);
    if (a !== null && b !== null && a !== b) return false;
    const both = [...(required[i] as string[]), ...(required[j] as string[])];
    return both.every((name) => (allowed[i] as Set<string>).has(name) && (allowed[j] as Set<string>).has(name));
  };
  // Groups by union-find: the alternatives one value's members can fit, directly or through others.
  const group = variants.map((_, k) => k);
  const root = (k: number): number => (group[k] === k ? k : (group[k] = root(group[k] as number)));
  for (let i = 0; i < variants.length; i++) {
    for (let j = i + 1; j < variants.length; j++) if (fits(i, j)) group[root(j)] = root(i);
  }
  const groups = new Map<number, number[]>();
  variants.forEach((_, k) => {
    const r = root(k);
    groups.set(r, [...(groups.get(r) ?? []), k]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/** A map alternative's members as guards and encoders see them: its fields, and the properties of its computed-key entries. */
export function membersOf(fields: Field[], rests: readonly MapRest[]): Field[] {
  return [...fields, ...rests.map((rest) => ({ name: rest.name, span: rest.span, type: rest.valueType, shape: rest.value, optional: rest.min === 0, doc: null }))];
}

/** All member names across the alternatives, in first-seen order. */
export function allVariantNames(variants: Field[][]): string[] {
  return [...new Set(variants.flat().map((f) => f.name))];
}

/**
 * A type choice's options are told apart by tests on the value alone (emit/guard-tests.ts `optionTest`); an
 * option that is an array, a map or a choice written inline (inside a tag: `#6.1([int]) / int`), or a
 * tag whose number is not fixed, has no such test of its own. ir/hoist.ts gives each of them a rule, so
 * none should arrive here; one that does is refused, so the rule is general (the general matcher checks
 * it exactly) and emission never meets it.
 */
export function checkChoiceOptions(options: readonly ChoiceOption[], ctx: ShapeContext, span: IrSpan): void {
  for (const option of options) {
    let shape: Shape = option.shape;
    while (shape.kind === 'tag') shape = shape.inner;
    if (shape.kind === 'array' || shape.kind === 'map' || shape.kind === 'choice') unsupported(ctx, span, `an inline ${shape.kind} as one option of a type choice (give it a rule name)`);
    if (shape.kind === 'tagged') unsupported(ctx, span, 'an inline tag without a fixed number as one option of a type choice (give it a rule name)');
  }
}
