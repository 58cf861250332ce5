/**
 * Float options hidden in another rule's choice, beside an integer option
 * (issue 10, lossless): `x = y / int` with `y = float / tstr`, or the RFC 8610
 * prelude written out as CDDL, where `number = int / float` and `float` is
 * itself `float16-32 / float64`.
 *
 * JavaScript has one number type, so a float with an integral value (2.0,
 * -0.0) and an integer are the same value. The choice planner
 * (generator/layout/choice-plans.ts) keeps a float option beside an integer option
 * as a `CborFloat`, but only an option of the choice itself: a float inside a
 * referenced rule's choice is that rule's value, a plain number, and the
 * integer option would then write 2.0 as 2, another data item.
 *
 * So a choice with an integer option takes the options of each referenced
 * choice that holds such a float into its own options (through references
 * and nested choices, as far as the floats are, and inside a tag that
 * options share, written or through a rule: `#6.1(y) / #6.1(1)`), and the planner sees every float
 * beside the integer. The referenced rules keep their own layout; only
 * this choice's values differ from theirs (a `CborFloat` for the float).
 */
import type { IrSpan, IrType } from '../ir/types.js';
import { type ChoiceOption, type Shape, type ShapeContext, shapeOf } from './shapes.js';
import { scalarShape } from './scalars.js';

/** What a type's values can be, as numbers: an untagged integer, an untagged float that may hold an integral value. */
interface NumberKinds {
  int: boolean;
  float: boolean;
}

const NEITHER: NumberKinds = { int: false, float: false };

/** Whether a float type holds a value an integer type could also be in JavaScript (an integral one, or -0). */
export function mayBeIntegral(shape: Extract<Shape, { kind: 'float' }>): boolean {
  return shape.values === null || shape.values.some((v) => Number.isInteger(v));
}

/**
 * The options of a type choice, with the options of referenced choices that
 * hide a float beside an integer option of this choice taken in (see above);
 * the options unchanged when there is none.
 */
export function exposeHiddenFloats(options: ChoiceOption[], ctx: ShapeContext, span: IrSpan): ChoiceOption[] {
  return exposedEach(options, ctx, span, new Set()).flat();
}

/**
 * {@link exposeHiddenFloats}, each option's replacements apart (the option itself where it has none); rules in `seen`
 * (expanded, or tags passed, on the way here through tags) are not expanded again.
 */
function exposedEach(options: ChoiceOption[], ctx: ShapeContext, span: IrSpan, seen: ReadonlySet<string>): ChoiceOption[][] {
  const hidden = options.map((o) => hiddenChoice(o.type, ctx, span, seen));
  const exposes = hidden.some((h) => h !== null) && options.some((o) => numberKinds(o.type, ctx, span, new Set()).int);
  const untagged = options.map((o, i) => {
    const target = hidden[i];
    return !exposes || target === undefined || target === null ? [o] : expand(target, ctx, seen);
  });
  const passed = new Set([...seen, ...(exposes ? hidden.flatMap((h) => h?.rules ?? []) : [])]);
  return exposedInTags(untagged, ctx, span, passed);
}

/**
 * Options in one tag number meet as that tag's contents do (`#6.1(y) / #6.1(1)`, `y = float / tstr`: the float inside
 * y beside the 1, both in tag 1), so their contents are exposed as a choice's options are, and wrapped in the tag again
 * (`#6.1(float) / #6.1(tstr) / #6.1(1)`); tags inside tags in turn. A tag may be a rule's (`t = #6.1(y)`), which is
 * then passed: a rule met again inside itself (`t = #6.1(t) / …`) is left as it is.
 */
function exposedInTags(each: ChoiceOption[][], ctx: ShapeContext, span: IrSpan, seen: ReadonlySet<string>): ChoiceOption[][] {
  const places = each.flatMap((options, i) => options.map((o, k) => ({ i, k, tagged: taggedType(o.type, ctx, seen) })));
  const result = each.map((options) => options.map((o) => [o]));
  for (const tag of new Set(places.flatMap((p) => (p.tagged === null ? [] : [p.tagged.tag])))) {
    const inTag = places.filter((p) => p.tagged?.tag === tag);
    if (inTag.length < 2) continue;
    // Their shapes only where they are replaced: a content may be the rule whose shape is being made.
    const contents = inTag.map((p): ChoiceOption => {
      const inner = (p.tagged as { type: IrType }).type;
      return { type: inner, get shape() { return shapeOf(inner, ctx, span); } };
    });
    const inside = new Set([...seen, ...inTag.flatMap((p) => (p.tagged as { rules: string[] }).rules)]);
    const exposed = exposedEach(contents, ctx, span, inside);
    exposed.forEach((replacements, n) => {
      const place = inTag[n] as { i: number; k: number };
      if (replacements.length === 1 && replacements[0] === contents[n]) return;
      (result[place.i] as ChoiceOption[][])[place.k] = replacements.map((o) => {
        const type: IrType = { kind: 'tag', tag, type: o.type };
        return { type, shape: shapeOf(type, ctx, span) };
      });
    });
  }
  return result.map((options) => options.flat());
}

/**
 * The choice a type refers to when a float that may be integral is among its
 * options and no integer is (a choice with both keeps its own floats, planned
 * where they sit together); else null.
 */
function hiddenChoice(type: IrType, ctx: ShapeContext, span: IrSpan, seen: ReadonlySet<string>): ReferencedChoice | null {
  const kinds = numberKinds(type, ctx, span, new Set());
  return kinds.float && !kinds.int ? referencedChoice(type, ctx, seen) : null;
}

/** The options of a referenced choice, with the hidden floats among them taken in again (`float` is `float16-32 / float64`). */
function expand(target: ReferencedChoice, ctx: ShapeContext, seen: ReadonlySet<string>): ChoiceOption[] {
  const inside = new Set([...seen, ...target.rules]);
  return target.types.flatMap((t) => {
    const shape = shapeOf(t, ctx, target.span);
    const options: ChoiceOption[] = shape.kind === 'choice' ? shape.options : [{ shape, type: t }];
    return options.flatMap((o) => {
      const deeper = hiddenChoice(o.type, ctx, target.span, inside);
      return deeper === null ? [o] : expand(deeper, ctx, inside);
    });
  });
}

/** A tag of a fixed number that a type is, through references to rules (not general ones, none in `seen`) that are one, and those rules; else null. */
function taggedType(type: IrType, ctx: ShapeContext, seen: ReadonlySet<string>): { tag: string; type: IrType; rules: string[] } | null {
  const rules: string[] = [];
  let current = type;
  while (current.kind === 'ref') {
    const rule = ctx.rules.get(current.rule);
    if (rule?.type === undefined || seen.has(rule.name) || rules.includes(rule.name) || ctx.general?.has(rule.name)) return null;
    rules.push(rule.name);
    current = rule.type;
  }
  return current.kind === 'tag' && typeof current.tag === 'string' ? { tag: current.tag, type: current.type, rules } : null;
}

/** A choice reached through references: its option types, the rules passed on the way, and the last one's span. */
interface ReferencedChoice {
  types: IrType[];
  rules: string[];
  span: IrSpan;
}

/**
 * The choice a reference leads to (through references to references); null
 * when the type is no reference to a choice, or the chain meets a rule in
 * `seen` or a general one.
 */
function referencedChoice(type: IrType, ctx: ShapeContext, seen: ReadonlySet<string>): ReferencedChoice | null {
  const rules: string[] = [];
  let current = type;
  for (;;) {
    if (current.kind !== 'ref') break;
    const rule = ctx.rules.get(current.rule);
    if (rule?.type === undefined || seen.has(rule.name) || rules.includes(rule.name) || ctx.general?.has(rule.name)) return null;
    rules.push(rule.name);
    current = rule.type;
    if (current.kind === 'choice' || current.kind === 'enum') {
      return { types: current.kind === 'choice' ? current.options : current.values.map((v) => v.type), rules, span: rule.span };
    }
  }
  return null;
}

/** What a type's values can be as numbers, through references and choices (not tags: a tag tells its value from an untagged one). */
function numberKinds(type: IrType, ctx: ShapeContext, span: IrSpan, seen: Set<string>): NumberKinds {
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(rule.name) || ctx.general?.has(rule.name)) return NEITHER;
      seen.add(rule.name);
      const kinds = numberKinds(rule.type, ctx, rule.span, seen);
      seen.delete(rule.name);
      return kinds;
    }
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      const all = types.map((t) => numberKinds(t, ctx, span, seen));
      return { int: all.some((k) => k.int), float: all.some((k) => k.float) };
    }
    default: {
      const scalar = scalarShape(type, ctx, span, new Set());
      return { int: scalar?.kind === 'int', float: scalar?.kind === 'float' && mayBeIntegral(scalar) };
    }
  }
}
