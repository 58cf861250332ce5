/**
 * Type choices whose options a JavaScript value could confuse.
 *
 * Encoders and guards pick the option of a type choice by testing the value
 * against each option in turn. Two options can accept the same JavaScript
 * value and still write different CBOR: a fixed tag is transparent
 * (`#6.18(untagged) / untagged`), and a guard ignores properties a map does
 * not name (`{ ? 1 => int } / [ alg: int, digest: bstr ]`, where the map's
 * guard accepts `{ alg, digest }`). Decoding and re-encoding would then give
 * another data item, silently.
 *
 * This module finds such pairs at generation time and makes them
 * distinguishable in the value model:
 * - an option made only of fixed tags whose values another option could have
 *   with another tag or none is kept as `{ tag, value }`, one per tag number
 *   (`{ tag: 18; value: Tagged } | Untagged`);
 * - an option whose objects another option's objects could pass is tested to
 *   have no property outside its own (`hasOnlyKeys`);
 * - a float option beside an integer option (in the same tags:
 *   `#6.1(float) / #6.1(int)`) is kept as `CborFloat` (2.0 and 2 are one
 *   JavaScript number).
 * - what remains (an object inside a value kept with its tag carrying the
 *   members of two options at once: guards ignore properties they do not
 *   name) is refused: each of the two options' tests requires the other's
 *   to fail.
 * A float inside another rule's choice beside an integer option is taken
 * into this choice's options by the layout (generator/layout/hidden-floats.ts),
 * so it is one of the options here; a float at the same place as an integer
 * inside two options (`[float] / [int]`) is boxed by the layout
 * (generator/layout/coinciding-floats.ts), a `CborFloat` these analyses tell
 * from a number.
 */
import type { IrRule, IrType } from '../ir/types.js';
import { printType } from '../ir/print.js';
import { directChildren } from './shape-children.js';
import { recursiveRules } from './rule-cycles.js';
import { isDictionary, type ArrayLayout, type ChoiceOption, type Field, type MapLayout, type Shape } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { intersect } from './intervals.js';
import { mayBeIntegral } from './hidden-floats.js';

/** One tag an option's value can carry, and what is inside: a rule that is that tag (`COSE_Sign1_Tagged`), or an inline tag. */
export interface TagLeaf {
  tag: bigint;
  /** What reads or writes the tagged item, tag included. */
  shape: Shape;
  /** The type of the value inside `{ tag, value }`. */
  type: IrType;
}

/** An option of a type choice, and how its values are told from the other options'. */
export interface PlannedOption extends ChoiceOption {
  /** Its values are `{ tag, value }`, one leaf per tag number: another option could have the same value with another tag, or none. */
  wrap: TagLeaf[] | null;
  /** Its objects may have no property outside these: another option's objects could otherwise pass its test. */
  exactKeys: string[] | null;
  /**
   * Its values are `CborFloat`s (the runtime's, with the width read), not
   * numbers: it is a float type (maybe inside fixed tags) beside an integer
   * option (in the same tags), and a float with an integral value (2.0,
   * -0.0) would be the same JavaScript number.
   */
  float: boolean;
  /**
   * Options (indices) whose test this option's values must fail: what neither
   * wrapping nor exact keys could tell apart (an object, inside a value kept
   * with its tag, carrying the members of two options), so that a value of
   * both is refused rather than written as one of them.
   */
  excludes: number[];
}

/**
 * The ways a value of a shape can look in JavaScript, each with the fixed
 * tags its encoding starts with: what two options are compared by.
 */
type Form =
  | { kind: 'scalar'; tags: bigint[]; shape: ScalarShape }
  /** A JavaScript array: `elements` are the shapes of its items, or null when its items are not written one by one (repeated groups, pairs). */
  | { kind: 'array'; tags: bigint[]; elements: Shape[] | null; length: number | null }
  /** A JavaScript object written as a CBOR array (`record`), map (`map`), or `{ tag, value }` for a tag without a fixed number (`tagged`). */
  | { kind: 'object'; tags: bigint[]; container: 'record' | 'map' | 'tagged'; fields: ObjectField[]; extra: boolean }
  /** A JavaScript Map (computed keys only). */
  | { kind: 'dictionary'; tags: bigint[]; value: Shape }
  /** A `CborFloat` (a float option beside an integer one). */
  | { kind: 'cborFloat'; tags: bigint[] };

interface ObjectField {
  name: string;
  required: boolean;
  shape: Shape;
  /** Where it is written: the encoded key of a map member, the position of a record member. */
  at: string;
}

const plans = new WeakMap<Shape, PlannedOption[]>();
/** Choices being planned: one met again inside itself (a recursive rule) is compared by its options as they are. */
const planning = new Set<Shape>();

/**
 * What planning reads: every type rule's shape (a general rule's is any data
 * item). Plans and the answers kept about pairs of rules belong to one such
 * table, so the layout stage (lossless.ts) and the emitters share them.
 */
export interface PlanContext {
  shapes: ReadonlyMap<string, Shape>;
}

/** The options of a type choice, each with how it is told apart from the others. */
export function choicePlan(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] {
  const known = plans.get(shape) ?? planOfSameOptions(shape, ctx);
  if (known !== undefined) return known;
  planning.add(shape);
  try {
    const plan = planChoice(shape, ctx);
    plans.set(shape, plan);
    const first = shape.options[0]?.type;
    if (first !== undefined) {
      let byType = plansByFirstType.get(ctx.shapes);
      if (byType === undefined) plansByFirstType.set(ctx.shapes, (byType = new WeakMap()));
      byType.set(first, [...(byType.get(first) ?? []), { shape, plan }]);
    }
    return plan;
  } finally {
    planning.delete(shape);
  }
}

/**
 * Plans by the IR types of their options. The type emitter builds the shape
 * of a choice again from its IR type; planned afresh, a recursive choice
 * would be compared with the first plan of itself rather than with its raw
 * options, and could come out otherwise. The first plan of the same options
 * (the rule's, planned with the module) is the one every emitter follows.
 * Kept by rule table: the layout stage computes the shapes again when it
 * makes a rule general (general.ts), and a plan made with the earlier table
 * may not hold.
 */
const plansByFirstType = new WeakMap<ReadonlyMap<string, Shape>, WeakMap<IrType, { shape: Extract<Shape, { kind: 'choice' }>; plan: PlannedOption[] }[]>>();

function planOfSameOptions(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] | undefined {
  const first = shape.options[0]?.type;
  const candidates = first === undefined ? undefined : plansByFirstType.get(ctx.shapes)?.get(first);
  // Boxing aside: a rule's choice copied to a member and boxed there (coinciding-floats.ts) has the rule's option types.
  const boxed = (option: { shape: Shape } | undefined) => option?.shape.kind === 'float' && option.shape.boxed === true;
  const same = candidates?.find((c) => c.shape.options.length === shape.options.length && c.shape.options.every((o, i) => o.type === shape.options[i]?.type && boxed(o) === boxed(shape.options[i])));
  if (same !== undefined) plans.set(shape, same.plan);
  return same?.plan;
}

function planChoice(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] {
  const options: PlannedOption[] = shape.options.map((o) => ({ ...o, wrap: null, exactKeys: null, float: false, excludes: [] }));
  const analysis = new Analysis(ctx);
  const forms = options.map((o) => analysis.forms(o.shape));
  const keysOf = (list: Form[]) => [...new Set(list.flatMap((f) => (f.kind === 'object' ? f.fields.map((x) => x.name) : [])))];
  const ownKeys = forms.map(keysOf);
  // First the tags: an option that is only fixed tags keeps its tag where another option has the same value (even with exact keys) with another tag, or none.
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      for (const f of forms[i] as Form[]) {
        for (const g of forms[j] as Form[]) {
          if (sameTags(f.tags, g.tags) || !analysis.overlap(stripTags(f), stripTags(g), true, true, ownKeys[i], ownKeys[j])) continue;
          for (const k of [i, j]) {
            const option = options[k] as PlannedOption;
            option.wrap ??= analysis.tagLeaves(option.shape, option.type);
          }
        }
      }
    }
  }
  // Floats beside integers (in the same tags, `#6.1(float) / #6.1(int)`): a float option that can hold an integral value is kept as CborFloat.
  const integral = forms.map((list) => list.filter((f) => f.kind === 'scalar' && f.shape.kind === 'int').map((f) => f.tags));
  options.forEach((o, k) => {
    const kept = floatInTags(o.shape, ctx);
    if (kept !== null && kept.float.boxed !== true && o.wrap === null && mayBeIntegral(kept.float) && integral.some((tags, j) => j !== k && tags.some((t) => sameTags(t, kept.tags)))) o.float = true;
  });
  const wrapped = options.map((o, k) => (o.float ? [FLOAT_FORM] : o.wrap === null ? (forms[k] as Form[]) : o.wrap.map((leaf) => wrappedForm(leaf))));
  // Then objects: an option whose test another option's objects could pass tests that they have no other property.
  const allowed = wrapped.map(keysOf);
  const exact = options.map((o) => o.wrap !== null);
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      for (const f of wrapped[i] as Form[]) {
        for (const g of wrapped[j] as Form[]) {
          if (!analysis.conflict(f, g, exact[i], exact[j], allowed[i], allowed[j])) continue;
          if (f.kind === 'object' && g.kind === 'object') {
            // Exact keys on the earlier option, else on the later one, else on both.
            const choices: [boolean, boolean][] = [
              [true, exact[j] as boolean],
              [exact[i] as boolean, true],
              [true, true],
            ];
            const fix = choices.find(([x, y]) => !analysis.conflict(f, g, x, y, allowed[i], allowed[j]));
            if (fix !== undefined) {
              exact[i] = fix[0];
              exact[j] = fix[1];
              continue;
            }
          }
          // Arrays whose items the analysis cannot compare (repeated groups) share at least `[]`, which
          // both write alike: refusing both would refuse what the decoder gives, so the first option whose
          // test passes writes them (a known limitation when items of the two differ in how they are kept).
          if (f.kind !== 'object' || g.kind !== 'object') continue;
          // Only an object carrying the members of both (inside a value kept with its tag) is left: each option refuses what the other accepts.
          for (const [a, b] of [
            [i, j],
            [j, i],
          ] as const) {
            const excludes = (options[a] as PlannedOption).excludes;
            if (!excludes.includes(b)) excludes.push(b);
          }
        }
      }
    }
  }
  options.forEach((o, k) => {
    if (exact[k] && o.wrap === null && (allowed[k] as string[]).length > 0) o.exactKeys = allowed[k] as string[];
  });
  return options;
}

/**
 * True when some option of the choice is kept as `{ tag, value }` or
 * `CborFloat` (by the plan, or boxed by the layout,
 * layout/coinciding-floats.ts): its type then differs from the plain union of
 * the options' types.
 */
export function hasWrappedOptions(plan: PlannedOption[]): boolean {
  return plan.some((o) => o.wrap !== null || o.float || (o.shape.kind === 'float' && o.shape.boxed === true));
}

/**
 * The float type an option is, through rules and fixed tags (`#6.1(float)`),
 * with those tags, outermost first; null when it is anything else.
 */
export function floatInTags(shape: Shape, ctx: PlanContext, seen: ReadonlySet<string> = new Set()): { float: Extract<Shape, { kind: 'float' }>; tags: bigint[] } | null {
  if (shape.kind === 'float') return { float: shape, tags: [] };
  if (shape.kind === 'tag') {
    const inner = floatInTags(shape.inner, ctx, seen);
    return inner === null ? null : { float: inner.float, tags: [shape.tag, ...inner.tags] };
  }
  if (shape.kind !== 'rule' || seen.has(shape.rule.name)) return null;
  const target = ctx.shapes.get(shape.rule.name);
  return target === undefined ? null : floatInTags(target, ctx, new Set([...seen, shape.rule.name]));
}

/**
 * An option kept as CborFloat, as its decoder reads it: its tags written out
 * (through rules) around the float, boxed (a `CborFloat` with its width).
 */
export function boxedInTags(shape: Shape, ctx: PlanContext): Shape {
  if (shape.kind === 'float') return { ...shape, boxed: true };
  if (shape.kind === 'tag') return { ...shape, inner: boxedInTags(shape.inner, ctx) };
  const target = shape.kind === 'rule' ? ctx.shapes.get(shape.rule.name) : undefined;
  if (target === undefined) throw new Error(`internal: a ${shape.kind} kept as CborFloat`);
  return boxedInTags(target, ctx);
}

/** The float type an option is, through rules, or null when it is anything else. */
export function plainFloat(shape: Shape, ctx: PlanContext, seen: ReadonlySet<string> = new Set()): Extract<Shape, { kind: 'float' }> | null {
  if (shape.kind === 'float') return shape;
  if (shape.kind !== 'rule' || seen.has(shape.rule.name)) return null;
  const target = ctx.shapes.get(shape.rule.name);
  return target === undefined ? null : plainFloat(target, ctx, new Set([...seen, shape.rule.name]));
}

/**
 * The first pair of alternatives of an array or a map (`shape`, whose layout
 * is `variants`) that guards and encoders try in turn (one of `overlaps`: the
 * members present cannot tell them apart), that can both accept one
 * JavaScript value and write it as different data items; null when there is
 * none. Taking the first that passes would then write, silently, another
 * data item than the decoder read.
 */
export function conflictingVariants(shape: Extract<Shape, { kind: 'array' | 'map' }>, overlaps: number[][], ctx: PlanContext): [number, number] | null {
  if (overlaps.length === 0) return null;
  const analysis = new Analysis(ctx);
  const forms = analysis.forms(shape);
  for (const group of overlaps) {
    for (const [n, i] of group.entries()) {
      for (const j of group.slice(n + 1)) {
        const f = forms[i];
        const g = forms[j];
        // Each test refuses the members of the other alternatives that it does not have.
        if (f !== undefined && g !== undefined && analysis.conflict(f, g, true, true)) return [i, j];
      }
    }
  }
  return null;
}

const definitions = new WeakMap<Shape, string>();

/** Whether two shapes are one definition (the same members, types and names wherever they are written): they write every value alike. */
function sameDefinition(a: Shape, b: Shape): boolean {
  return a === b || definitionOf(a) === definitionOf(b);
}

function definitionOf(shape: Shape): string {
  let text = definitions.get(shape);
  if (text === undefined) {
    // Where a member is written (span) and its comment (doc) do not change what is written; rules by name, types as CDDL.
    text = JSON.stringify(shape, (key, value: unknown) => {
      if (key === 'span' || key === 'doc') return undefined;
      if (typeof value === 'bigint') return `${value}n`;
      if (key === 'rule' && typeof value === 'object' && value !== null) return (value as { name: string }).name;
      if (['type', 'innerType', 'itemType', 'keyType', 'valueType'].includes(key) && typeof value === 'object' && value !== null) return printType(value as IrType);
      return value;
    });
    definitions.set(shape, text);
  }
  return text;
}

/** A value kept as `CborFloat`, as another option sees it. */
const FLOAT_FORM: Form = { kind: 'cborFloat', tags: [] };

function sameTags(a: bigint[], b: bigint[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function stripTags(f: Form): Form {
  return f.tags.length === 0 ? f : { ...f, tags: [] };
}

/** `{ tag, value }` with that tag, as another option sees it. */
function wrappedForm(leaf: TagLeaf): Form {
  const tag: ScalarShape = { kind: 'int', intervals: [{ lo: leaf.tag, hi: leaf.tag }] };
  return {
    kind: 'object',
    tags: [],
    container: 'tagged',
    fields: [
      { name: 'tag', required: true, shape: tag, at: 'tag' },
      { name: 'value', required: true, shape: leaf.shape, at: 'value' },
    ],
    extra: false,
  };
}

/**
 * What the analyses of one module found for pairs of rules that are both on
 * no cycle of rules ({@link recursiveRules}). Such a pair's answer does not
 * depend on what is being compared further up: the pairs on that stack, and
 * the choices being planned, reach this pair, and either rule of it could
 * meet them again (and be cut short there) only through a cycle. Every
 * choice compares its options' rules member by member, so the same pairs
 * come up again and again.
 */
interface PairAnswers {
  recursive: ReadonlySet<string>;
  conflict: Map<string, boolean>;
  overlap: Map<string, boolean>;
}

const pairAnswers = new WeakMap<ReadonlyMap<string, Shape>, PairAnswers>();

function answersOf(ctx: PlanContext): PairAnswers {
  let answers = pairAnswers.get(ctx.shapes);
  if (answers === undefined) pairAnswers.set(ctx.shapes, (answers = { recursive: recursiveRules(ctx.shapes), conflict: new Map(), overlap: new Map() }));
  return answers;
}

/** The key of a pair of rules whose answer can be kept, or null. */
function keptPairKey(a: Shape, b: Shape, answers: PairAnswers): string | null {
  if (a.kind !== 'rule' || b.kind !== 'rule') return null;
  if (answers.recursive.has(a.rule.name) || answers.recursive.has(b.rule.name)) return null;
  return `${a.rule.name}\u0000${b.rule.name}`;
}

class Analysis {
  /** Pairs of rules being compared further up: a conflict needs a finite value, so a pair met again adds none. */
  private readonly comparing = new Set<string>();
  /** The same for the pairs whose common values are being looked for. */
  private readonly overlapping = new Set<string>();
  private readonly answers: PairAnswers;

  constructor(private readonly ctx: PlanContext) {
    this.answers = answersOf(ctx);
  }

  /** The forms a value of `shape` can take, through rules, choices and fixed tags. */
  forms(shape: Shape, tags: bigint[] = [], seen: ReadonlySet<string> = new Set()): Form[] {
    switch (shape.kind) {
      case 'rule': {
        if (seen.has(shape.rule.name)) return [];
        const target = this.ctx.shapes.get(shape.rule.name);
        return target === undefined ? [] : this.forms(target, tags, new Set([...seen, shape.rule.name]));
      }
      case 'choice': {
        // Options kept as { tag, value } are objects to whoever compares this choice with another.
        const plan = planning.has(shape) ? null : choicePlan(shape, this.ctx);
        if (plan === null) return shape.options.flatMap((o) => this.forms(o.shape, tags, seen));
        return plan.flatMap((o) => (o.float ? [{ ...FLOAT_FORM, tags: [...tags, ...(floatInTags(o.shape, this.ctx)?.tags ?? [])] }] : o.wrap === null ? this.forms(o.shape, tags, seen) : o.wrap.map((leaf) => ({ ...wrappedForm(leaf), tags }))));
      }
      case 'tag':
        return this.forms(shape.inner, [...tags, shape.tag], seen);
      case 'tagged':
        return [
          {
            kind: 'object',
            tags,
            container: 'tagged',
            fields: [
              { name: 'tag', required: true, shape: { kind: 'int', intervals: shape.tags ?? [{ lo: 0n, hi: 2n ** 64n - 1n }] }, at: 'tag' },
              { name: 'value', required: true, shape: shape.inner, at: 'value' },
            ],
            extra: false,
          },
        ];
      case 'never':
        return [];
      case 'array':
        return tags.length === 0 ? untaggedForms(shape, () => arrayForms(shape.layout, tags)) : arrayForms(shape.layout, tags);
      case 'map':
        return tags.length === 0 ? untaggedForms(shape, () => mapForms(shape.layout, tags)) : mapForms(shape.layout, tags);
      default:
        return [{ kind: 'scalar', tags, shape }];
    }
  }

  /**
   * Whether some JavaScript value passes the tests of both forms. `fExact`,
   * `gExact`: that form's test also rejects properties outside `fAllowed`
   * (its own fields when not given).
   */
  overlap(f: Form, g: Form, fExact: boolean, gExact: boolean, fAllowed?: string[], gAllowed?: string[]): boolean {
    if (f.kind === 'scalar' && g.kind === 'scalar') return scalarsOverlap(f.shape, g.shape);
    if (f.kind === 'array' && g.kind === 'array') return f.length === null || g.length === null || f.length === g.length;
    if (f.kind === 'dictionary' && g.kind === 'dictionary') return true;
    if (f.kind === 'cborFloat' && g.kind === 'cborFloat') return true;
    if (f.kind === 'object' && g.kind === 'object') {
      // Loops rather than closures: this runs for every pair of members the planner compares.
      const required = new Set<string>();
      for (const x of f.fields) if (x.required) required.add(x.name);
      for (const x of g.fields) if (x.required) required.add(x.name);
      if (fExact && !allWithin(required, fAllowed, f.fields)) return false;
      if (gExact && !allWithin(required, gAllowed, g.fields)) return false;
      // A member both test and the value must have: their values must meet.
      for (const name of required) {
        const a = fieldNamed(f.fields, name);
        const b = fieldNamed(g.fields, name);
        if (a !== undefined && b !== undefined && !this.shapesOverlap(a.shape, b.shape)) return false;
      }
      return true;
    }
    return false;
  }

  private shapesOverlap(a: Shape, b: Shape): boolean {
    // As in shapesConflict: a common value is finite, so a pair of rules met again inside itself adds none (`b = #6.1(b) / #6.2(b) / int`).
    // Rules by name, other shapes (the tag around a value kept with it) by identity.
    const key = `${this.shapeKey(a)}\u0000${this.shapeKey(b)}`;
    if (this.overlapping.has(key)) return false;
    const kept = keptPairKey(a, b, this.answers);
    const known = kept === null ? undefined : this.answers.overlap.get(kept);
    if (known !== undefined) return known;
    this.overlapping.add(key);
    try {
      const answer = this.formsOverlap(this.forms(a), this.forms(b));
      if (kept !== null) this.answers.overlap.set(kept, answer);
      return answer;
    } finally {
      this.overlapping.delete(key);
    }
  }

  /** A rule hoisted out of a group (`with-properties.nested2`) as its definition, to compare with the same group's other uses. */
  private resolved(shape: Shape): Shape {
    return shape.kind === 'rule' ? (this.ctx.shapes.get(shape.rule.name) ?? shape) : shape;
  }

  private readonly shapeIds = new WeakMap<Shape, number>();
  private nextShapeId = 0;

  private shapeKey(shape: Shape): string {
    if (shape.kind === 'rule') return shape.rule.name;
    let id = this.shapeIds.get(shape);
    if (id === undefined) this.shapeIds.set(shape, (id = ++this.nextShapeId));
    return `#${id}`;
  }

  /** Whether some JavaScript value passes both forms' tests and is written differently by each. */
  conflict(f: Form, g: Form, fExact = false, gExact = false, fAllowed?: string[], gAllowed?: string[]): boolean {
    if (!this.overlap(f, g, fExact, gExact, fAllowed, gAllowed)) return false;
    return !this.alike(f, g, fExact, gExact);
  }

  /** Whether two shapes can share a value written differently: some pair of their forms conflicts. */
  private shapesConflict(a: Shape, b: Shape): boolean {
    // One definition written twice (`properties: { * tstr => { schema } }` in two alternatives) writes every value alike.
    if (sameDefinition(this.resolved(a), this.resolved(b))) return false;
    // Rules by name, other shapes (an inline choice inside a recursive rule's alternatives) by identity, as in shapesOverlap.
    const key = `${this.shapeKey(a)}\u0000${this.shapeKey(b)}`;
    if (this.comparing.has(key)) return false;
    const kept = a.kind === 'rule' && b.kind === 'rule' && keptPairKey(a, b, this.answers) !== null;
    const known = kept ? this.answers.conflict.get(key) : undefined;
    if (known !== undefined) return known;
    this.comparing.add(key);
    try {
      const answer = this.formsConflict(this.forms(a), this.forms(b));
      if (kept) this.answers.conflict.set(key, answer);
      return answer;
    } finally {
      this.comparing.delete(key);
    }
  }

  private formsConflict(fs: Form[], gs: Form[]): boolean {
    for (const f of fs) for (const g of gs) if (this.conflict(f, g)) return true;
    return false;
  }

  private formsOverlap(fs: Form[], gs: Form[]): boolean {
    for (const f of fs) for (const g of gs) if (this.overlap(stripTags(f), stripTags(g), false, false)) return true;
    return false;
  }

  /** Whether two forms write every value both accept as the same data item (`fExact`, `gExact`: as in {@link overlap}). */
  private alike(f: Form, g: Form, fExact: boolean, gExact: boolean): boolean {
    if (!sameTags(f.tags, g.tags)) return false;
    if (f.kind === 'scalar' && g.kind === 'scalar') {
      // An integer and a float not kept as CborFloat are one JavaScript number, and the layout boxed every float an integer could be confused with (coinciding-floats.ts).
      return isBoxed(f.shape) === isBoxed(g.shape) && (f.shape.kind === g.shape.kind || (isNumber(f.shape) && isNumber(g.shape)));
    }
    if (f.kind === 'array' && g.kind === 'array') {
      if (f.elements === null || g.elements === null) return false;
      const gs = g.elements;
      return f.elements.every((a) => gs.every((b) => !this.shapesConflict(a, b)));
    }
    if (f.kind === 'dictionary' && g.kind === 'dictionary') return !this.shapesConflict(f.value, g.value);
    if (f.kind === 'cborFloat' && g.kind === 'cborFloat') return true;
    if (f.kind === 'object' && g.kind === 'object') {
      if (f.container !== g.container || f.extra || g.extra) return false;
      // A member only one of them has is written by that one and dropped by the other, unless the other's test keeps it out.
      if ((hasFieldOutside(f.fields, g.fields) && !gExact) || (hasFieldOutside(g.fields, f.fields) && !fExact)) return false;
      for (const a of f.fields) {
        const b = fieldNamed(g.fields, a.name);
        if (b !== undefined && (a.at !== b.at || this.shapesConflict(a.shape, b.shape))) return false;
      }
      return true;
    }
    return false;
  }

  /** The tags an option's values carry, leaf by leaf, or null when some value of it carries no fixed tag. */
  tagLeaves(shape: Shape, type: IrType, seen: ReadonlySet<string> = new Set()): TagLeaf[] | null {
    if (shape.kind === 'tag') return [{ tag: shape.tag, shape, type }];
    if (shape.kind === 'choice') {
      const leaves = shape.options.map((o) => this.tagLeaves(o.shape, o.type, seen));
      return leaves.some((l) => l === null) ? null : leaves.flatMap((l) => l as TagLeaf[]);
    }
    if (shape.kind !== 'rule' || seen.has(shape.rule.name)) return null;
    const target = this.ctx.shapes.get(shape.rule.name);
    if (target === undefined) return null;
    if (target.kind === 'tag') return [{ tag: target.tag, shape, type }];
    return this.tagLeaves(target, type, new Set([...seen, shape.rule.name]));
  }
}

/**
 * The forms of map and array shapes without tags, which depend on the shape
 * alone: the planner asks for them again for every pair of options that
 * reaches the shape (each pair of rules compared member by member), and
 * building them anew was much of its time.
 */
const formsOfShape = new WeakMap<Shape, Form[]>();

function untaggedForms(shape: Shape, build: () => Form[]): Form[] {
  let forms = formsOfShape.get(shape);
  if (forms === undefined) formsOfShape.set(shape, (forms = build()));
  return forms;
}

function mapForms(layout: MapLayout, tags: bigint[]): Form[] {
  if (layout.kind === 'struct' && isDictionary(layout)) {
    return [layout.rest.structured ? { kind: 'array', tags, elements: null, length: null } : { kind: 'dictionary', tags, value: layout.rest.value }];
  }
  const structs = layout.kind === 'struct' ? [layout] : layout.variants;
  return structs.map((struct) => ({
    kind: 'object' as const,
    tags,
    container: 'map' as const,
    fields: [
      ...struct.fields.map((f) => ({ name: f.name, required: !f.optional, shape: f.shape, at: `${f.key.type}:${f.key.value}` })),
      // The Map of computed-key entries: written entry by entry, keys by their kind.
      ...(struct.rest === null ? [] : [{ name: struct.rest.name, required: struct.rest.min > 0, shape: struct.rest.value, at: `rest:${struct.rest.structured}` }]),
    ],
    extra: false,
  }));
}

function arrayForms(layout: ArrayLayout, tags: bigint[]): Form[] {
  const fieldsOf = (fields: Field[]) => fields.map((f, i) => ({ name: f.name, required: !f.optional, shape: f.shape, at: String(i) }));
  switch (layout.kind) {
    case 'list':
      return [{ kind: 'array', tags, elements: [layout.item], length: null }];
    case 'tuple': {
      const elements = [...layout.fields.map((f) => f.shape), ...(layout.rest === undefined ? [] : [layout.rest.item]), ...(layout.after ?? []).map((f) => f.shape)];
      const fixed = layout.rest === undefined && layout.fields.every((f) => !f.optional) ? layout.fields.length : null;
      return [{ kind: 'array', tags, elements, length: fixed }];
    }
    case 'record': {
      // A repeated member (and what follows it) is not at a fixed position: such records are never alike.
      const extra = layout.rest !== undefined;
      const fields = [...fieldsOf(layout.fields), ...(layout.rest === undefined ? [] : [{ name: layout.rest.name, required: true, shape: { kind: 'any' } as Shape, at: 'rest' }]), ...(layout.after ?? []).map((f) => ({ name: f.name, required: !f.optional, shape: f.shape, at: `after:${f.name}` }))];
      return [{ kind: 'object', tags, container: 'record', fields, extra }];
    }
    case 'variants':
      return layout.variants.map((fields) => ({ kind: 'object' as const, tags, container: 'record' as const, fields: fieldsOf(fields), extra: false }));
    case 'groups':
      return [{ kind: 'array', tags, elements: null, length: null }];
    case 'alternatives':
      return layout.variants.map((variant): Form =>
        variant.kind === 'record'
          ? { kind: 'object', tags, container: 'record', fields: fieldsOf(variant.fields), extra: false }
          : { kind: 'array', tags, elements: variant.fields.map((f) => f.shape), length: variant.fields.length },
      );
  }
}

function fieldNamed(fields: readonly ObjectField[], name: string): ObjectField | undefined {
  for (const field of fields) if (field.name === name) return field;
  return undefined;
}

/** Whether every name of `required` is among `allowed`, or, when that is not given, among the names of `fields`. */
function allWithin(required: ReadonlySet<string>, allowed: readonly string[] | undefined, fields: readonly ObjectField[]): boolean {
  for (const name of required) if (allowed === undefined ? fieldNamed(fields, name) === undefined : !allowed.includes(name)) return false;
  return true;
}

/** Whether `fields` has a member that `others` has not. */
function hasFieldOutside(fields: readonly ObjectField[], others: readonly ObjectField[]): boolean {
  for (const field of fields) if (fieldNamed(others, field.name) === undefined) return true;
  return false;
}

/** Integers and floats are both JavaScript numbers, except a float kept as CborFloat (`boxed`). */
function isNumber(s: ScalarShape): boolean {
  return s.kind === 'int' || (s.kind === 'float' && s.boxed !== true);
}

/** A float kept as CborFloat: its values are never another scalar's. */
function isBoxed(s: ScalarShape): boolean {
  return s.kind === 'float' && s.boxed === true;
}

/** Whether two scalar shapes share a JavaScript value. */
function scalarsOverlap(a: ScalarShape, b: ScalarShape): boolean {
  if (a.kind === 'never' || b.kind === 'never') return false;
  if (isBoxed(a) || isBoxed(b)) return isBoxed(a) && isBoxed(b);
  if (isNumber(a) && isNumber(b)) {
    if (a.kind === 'int' && b.kind === 'int') return intersect(a.intervals, b.intervals).length > 0;
    return true;
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'text':
    case 'bytes': {
      const other = b as typeof a;
      return a.values === null || other.values === null || a.values.some((v) => (other.values as string[]).includes(v));
    }
    case 'bool':
      return a.values.some((v) => (b as typeof a).values.includes(v));
    default:
      return true;
  }
}

/** Plans every type choice of every rule once, up front: the emitters then only read the plans. */
export function planChoices(ctx: PlanContext & { typeRules: readonly IrRule[] }): void {
  for (const rule of ctx.typeRules) {
    const shape = ctx.shapes.get(rule.name);
    if (shape !== undefined) visit(shape, (choice) => choicePlan(choice, ctx));
  }
}

/** Calls `f` on every choice inside `shape`, not through other rules (they are planned on their own). */
function visit(shape: Shape, f: (choice: Extract<Shape, { kind: 'choice' }>) => void): void {
  if (shape.kind === 'choice') f(shape);
  for (const child of directChildren(shape)) visit(child, f);
}

/** The fixed tags an option's values start with, leaf by leaf (`COSE_Tagged_Message`: 98, 18, 96, …), or null when some value starts otherwise. */
export function tagLeavesOf(option: ChoiceOption, ctx: PlanContext): TagLeaf[] | null {
  return new Analysis(ctx).tagLeaves(option.shape, option.type);
}
