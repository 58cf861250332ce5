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
 *   JavaScript number), unless it is kept as `{ tag, value }`: then nothing
 *   tells them apart.
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
import { directChildren } from './shape-children.js';
import type { ChoiceOption, Shape } from './shapes.js';
import { mayBeIntegral } from './hidden-floats.js';
import { floatOrder } from './float-order.js';
import { Analysis, FLOAT_FORM, alternativeForms, instanceClasses, sameTags, stripTags, wrappedForm, type Form } from './option-forms.js';

/** One tag an option's value can carry, and what is inside: a rule that is that tag (`COSE_Sign1_Tagged`), or an inline tag. */
export interface TagLeaf {
  tag: bigint;
  /** What reads or writes the tagged item, tag included. */
  shape: Shape;
  /** The type of the value inside `{ tag, value }`. */
  type: IrType;
  /**
   * How the value inside is told from the values of the other options of the choice the leaf came from, where it is
   * one option of a choice (`r = #6.30({}) / #6.30({ * int => any })` kept as leaves of another choice): that choice's
   * plan for its option (the classes whose instances it refuses, the keys its objects may have), as the choice's own
   * guard tests it. Absent: nothing to tell.
   */
  within?: { refuses: string[]; exactKeys: string[] | null; instances: string[] };
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
  /**
   * Classes (the runtime's, or Map) whose instances are values of other
   * options and would pass this option's test, which takes objects: a
   * CborFloat, a Map, a CborAny or a general rule's CborMap is an object with
   * none of a record's required members (or with their names: a CborFloat's
   * `value`). The test refuses them first, so that no such value is taken,
   * and written, as a record (`{ ? 1 => int } / int / float` wrote 1.5 as `{}`).
   */
  refuses: string[];
  /** Classes whose instances are values of its own (a CborFloat, a Map, …): tests of its objects (exact keys) let them through. */
  instances: string[];
}

/**
 * Plans by rule table, then by choice: a later round of the layout (general.ts) keeps the shapes of the rules that
 * reach no rule made general since (shape-reuse.ts), and a plan made with the earlier table may not hold.
 */
const plansByTable = new WeakMap<ReadonlyMap<string, Shape>, WeakMap<Shape, PlannedOption[]>>();

function plansOf(ctx: PlanContext): WeakMap<Shape, PlannedOption[]> {
  let plans = plansByTable.get(ctx.shapes);
  if (plans === undefined) plansByTable.set(ctx.shapes, (plans = new WeakMap()));
  return plans;
}
/** Plans two of whose options take one value and write it differently, with the first such pair ({@link conflictingOptions}). */
const unresolved = new WeakMap<PlannedOption[], [number, number]>();
/** How the pair in `unresolved` writes one value differently, as the warning says it ({@link conflictReason}). */
const unresolvedWhy = new WeakMap<PlannedOption[], string>();
/** Choices being planned: one met again inside itself (a recursive rule) is compared by its options as they are. */
const planning = new Set<Shape>();

/** Whether `shape`'s plan is being made further up (option-forms.ts then compares its options as they are). */
export function isBeingPlanned(shape: Shape): boolean {
  return planning.has(shape);
}

/**
 * Leaves taken from an option of a choice whose plan was being made when they were (a recursive rule: `r1 =
 * #6.30({? 0 => int}) / #6.30([int] / r1)`, whose second option holds r1's leaves again), each with the option's index:
 * they are told from the other options of that choice as its plan says once it is made ({@link choicePlan}), or the
 * test of `{ tag: 30, value: { tag: 30, value: [1] } }` would take the inner value for r1's object option and write it
 * as a map.
 */
const leavesAwaitingPlan = new Map<Shape, { leaf: TagLeaf; option: number }[]>();

/** Notes that `leaf`, the one leaf of option `option` of the choice `shape` being planned, is told apart as its plan says. */
export function awaitPlan(shape: Shape, leaf: TagLeaf, option: number): void {
  let waiting = leavesAwaitingPlan.get(shape);
  if (waiting === undefined) leavesAwaitingPlan.set(shape, (waiting = []));
  waiting.push({ leaf, option });
}

/** How a leaf that is option `option` of a choice is told from its other options, by the choice's plan; undefined where nothing tells it. */
export function withinPlan(plan: readonly PlannedOption[], option: number, leaf: TagLeaf): TagLeaf['within'] {
  const planned = plan[option];
  if (planned === undefined || planned.wrap !== null || leaf.shape !== planned.shape || (planned.refuses.length === 0 && planned.exactKeys === null)) return undefined;
  return { refuses: planned.refuses, exactKeys: planned.exactKeys, instances: planned.instances };
}

/**
 * What planning reads: every type rule's shape (a general rule's is any data
 * item). Plans and the answers kept about pairs of rules belong to one such
 * table, so the layout stage (lossless.ts) and the emitters share them.
 */
export interface PlanContext {
  shapes: ReadonlyMap<string, Shape>;
}

/** The plan of a type choice already made (or one of the same options), without making one. */
export function knownPlan(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] | undefined {
  const plans = plansOf(ctx);
  return plans.get(shape) ?? planOfSameOptions(shape, ctx, plans);
}

/** The options of a type choice, each with how it is told apart from the others. */
export function choicePlan(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] {
  const plans = plansOf(ctx);
  const known = plans.get(shape) ?? planOfSameOptions(shape, ctx, plans);
  if (known !== undefined) return known;
  planning.add(shape);
  try {
    const plan = planChoice(shape, ctx);
    plans.set(shape, plan);
    for (const { leaf, option } of leavesAwaitingPlan.get(shape) ?? []) {
      const within = withinPlan(plan, option, leaf);
      if (within !== undefined) leaf.within = within;
    }
    const first = shape.options[0]?.type;
    if (first !== undefined) {
      let byType = plansByFirstType.get(ctx.shapes);
      if (byType === undefined) plansByFirstType.set(ctx.shapes, (byType = new WeakMap()));
      byType.set(first, [...(byType.get(first) ?? []), { shape, plan }]);
    }
    return plan;
  } finally {
    planning.delete(shape);
    leavesAwaitingPlan.delete(shape);
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

function planOfSameOptions(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext, plans: WeakMap<Shape, PlannedOption[]>): PlannedOption[] | undefined {
  const first = shape.options[0]?.type;
  const candidates = first === undefined ? undefined : plansByFirstType.get(ctx.shapes)?.get(first);
  // Boxing aside: a rule's choice copied to a member and boxed there (coinciding-floats.ts) has the rule's option types.
  const same = candidates?.find((c) => c.shape.options.length === shape.options.length && c.shape.options.every((o, i) => o.type === shape.options[i]?.type && boxed(o) === boxed(shape.options[i])));
  if (same !== undefined) plans.set(shape, same.plan);
  return same?.plan;
}

/** Whether the option is a boxed float, maybe inside tags written in it (this and keysOf are functions of the module, not closures made per choice). */
function boxed(option: { shape: Shape } | undefined): boolean {
  let shape = option?.shape;
  while (shape?.kind === 'tag') shape = shape.inner;
  return shape?.kind === 'float' && shape.boxed === true;
}

/** The property names of the object forms, once each, in order. */
function keysOf(list: Form[]): string[] {
  return [...new Set(list.flatMap((f) => (f.kind === 'object' ? f.fields.map((x) => x.name) : [])))];
}

function planChoice(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): PlannedOption[] {
  // Written out, not `{ ...o, … }`: options come from several places (their objects of several layouts), and spreading them was 1-2% of compiling 5,000 rules.
  const options: PlannedOption[] = shape.options.map((o) => ({ shape: o.shape, type: o.type, wrap: null, exactKeys: null, float: false, excludes: [], refuses: [], instances: [] }));
  const analysis = new Analysis(ctx);
  const forms = options.map((o) => analysis.forms(o.shape));
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
  // Asked of the integers in exactly the float's tags: a list of forms keeps two tag words of each leaf (form-walks.ts), maybe not these.
  options.forEach((o, k) => {
    const kept = floatInTags(o.shape, ctx);
    if (kept === null || kept.float.boxed === true || !mayBeIntegral(kept.float)) return;
    const j = options.findIndex((other, j) => j !== k && analysis.formsTagged(other.shape, kept.tags).some((f) => f.kind === 'scalar' && f.shape.kind === 'int'));
    if (j < 0) return;
    if (o.wrap === null) o.float = true;
    // Kept as `{ tag, value }` (another option has its value with another tag, or none: `-1 / #6.5(float16) / #6.5(-1)`), its
    // value is a number, as the integer's in the same tags is: `{ tag: 5, value: -1 }` is both, written c5 f9bc00 or c5 20.
    else if (!unresolved.has(options)) unresolve(options, Math.min(j, k), Math.max(j, k), 'a float and an integer in the same tags, kept as { tag, value } whose value is a number either way');
  });
  const wrapped = options.map((o, k) => (o.float ? [FLOAT_FORM] : o.wrap === null ? (forms[k] as Form[]) : o.wrap.map((leaf) => wrappedForm(leaf))));
  // Then objects: an option whose test another option's objects could pass tests that they have no other property.
  const allowed = wrapped.map(keysOf);
  const exact = options.map((o) => o.wrap !== null);
  // Objects or arrays that meet only where a record's test takes an instance inside them (a CborAny at a record's place in both,
  // `{ "k": { ? 1 => any } } / { "k": any }`), which no test refuses there: asked only in a module that has such instances.
  const withInstances = hasInstances(ctx) ? new Analysis(ctx, true) : null;
  const meetThroughInstances = (f: Form, g: Form, i: number, j: number): boolean => {
    if (withInstances === null || (f.kind !== 'object' && f.kind !== 'array') || f.kind !== g.kind) return false;
    if (f.kind === 'array' && g.kind === 'array' && (f.elements === null || g.elements === null)) return false;
    return withInstances.conflict(f, g, exact[i], exact[j], allowed[i], allowed[j]);
  };
  let decoded: Analysis | null = null;
  // Whether a value the decoder gives for one of them passes the other's test, as written, and is written otherwise.
  const decodedConflict = (f: Form, g: Form, i: number, j: number): boolean => {
    decoded ??= new Analysis(ctx, false, true);
    return decoded.conflict(f, g, true, exact[j], undefined, allowed[j]) || decoded.conflict(g, f, true, exact[i], undefined, allowed[i]);
  };
  // Whether a value the decoder gives for one of them passes the other's test, as written.
  const decodedOverlap = (f: Form, g: Form, i: number, j: number): boolean => {
    decoded ??= new Analysis(ctx, false, true);
    return decoded.overlap(f, g, true, exact[j] as boolean, undefined, allowed[j]) || decoded.overlap(g, f, true, exact[i] as boolean, undefined, allowed[i]);
  };
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      // Whether some pair of forms of options i and j shares a value the decoder gives, whichever pair conflicts (asked once).
      let sharesDecoded: boolean | undefined;
      const someDecodedOverlap = (): boolean => (sharesDecoded ??= (wrapped[i] as Form[]).some((f) => (wrapped[j] as Form[]).some((g) => decodedOverlap(f, g, i, j))));
      // One type under two names (`x / y` with `x = u`, `y = u`; `#6.7(u) / #6.7(u)`) writes a value of both alike.
      if (sameOption((options[i] as PlannedOption).shape, (options[j] as PlannedOption).shape, ctx)) continue;
      for (const f of wrapped[i] as Form[]) {
        for (const g of wrapped[j] as Form[]) {
          if (!analysis.conflict(f, g, exact[i], exact[j], allowed[i], allowed[j])) {
            if (!unresolved.has(options) && meetThroughInstances(f, g, i, j)) unresolve(options, i, j, 'objects that meet where one holds any data item (a CborAny), which no test refuses there');
            continue;
          }
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
          // (A map of computed keys of any type is a Map, never an array: Cardano's metadatum, `{ * m => m } / [* m]`.)
          // Any other pair that is not two objects takes one value and writes it differently, which nothing
          // tells apart: a value inside tags beside the same value without them, where an option is not only
          // tags (`g / tstr`, `g = int / #6.5(tstr)`), or arrays whose items do (`[* tdate] / [tstr]`).
          if (f.kind !== 'object' || g.kind !== 'object') {
            const uncompared = f.kind === 'array' && g.kind === 'array' && (f.elements === null || g.elements === null);
            if (!uncompared && !unresolved.has(options)) unresolve(options, i, j, conflictReason(f, g));
            continue;
          }
          // A decoded value of one that the other takes and writes otherwise (`{ ? 1 => time } / { ? 1 => uint }`: `{1: 5}`
          // is both, written `1(5)` or `5`): refusing it would refuse what was decoded, so the rule is general.
          if (decodedConflict(f, g, i, j)) {
            if (!unresolved.has(options)) unresolve(options, i, j, conflictReason(f, g));
            continue;
          }
          // Refusing a value of both would refuse a decoded one that passes the other's test too, even where the two write it
          // alike (`#6.30([a: int] / r0) / #6.30(int / r0)`: 30(30(1)) is either): the rule is general then too.
          if (decodedOverlap(f, g, i, j)) {
            if (!unresolved.has(options)) unresolve(options, i, j, 'a value the decoder gives for one that the other takes too, where only refusing values of both tells them apart');
            continue;
          }
          // Only an object carrying the members of both (inside a value kept with its tag) is left: each option refuses what the
          // other accepts. That refuses a decoded value of some other pair of their forms that both take and write alike
          // (`r0 / gc<r0>` with `gc<T> = T .and { * any => any }`: every value of both), so where one exists the rule is general.
          if (someDecodedOverlap()) {
            if (!unresolved.has(options)) unresolve(options, i, j, 'a value the decoder gives for one that the other takes too, where only refusing values of both tells them apart');
            continue;
          }
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
    if (exact[k] && o.wrap === null) o.exactKeys = allowed[k] as string[];
  });
  // An option that takes objects refuses the instances other options' values are, unless they are its own values too.
  const classes = wrapped.map((list) => new Set(list.flatMap(instanceClasses)));
  options.forEach((o, k) => {
    const own = classes[k] as Set<string>;
    o.instances = [...own].sort();
    if (!(wrapped[k] as Form[]).some((f) => f.kind === 'object')) return;
    o.refuses = [...new Set(classes.flatMap((c, j) => (j === k ? [] : [...c])))].filter((c) => !own.has(c)).sort();
  });
  // The order the encoder tries float options in, which writes each number in the shortest width, unless a width decides.
  const { order, conflict } = floatOrder(options, ctx, (s) => floatInTags(s, ctx));
  encodingOrders.set(options, order);
  if (conflict !== null && !unresolved.has(options)) {
    unresolve(options, conflict[0], conflict[1], 'floats whose widths no order of the options writes in the shortest');
    widthConflicts.add(options);
  }
  return options;
}

/** Whether two options are one type: the same rule (through rules that only name another) inside the same fixed tags. */
function sameOption(a: Shape, b: Shape, ctx: PlanContext): boolean {
  if (a.kind === 'tag' && b.kind === 'tag') return a.tag === b.tag && sameOption(a.inner, b.inner, ctx);
  if (a.kind !== 'rule' || b.kind !== 'rule') return false;
  return namedRule(a, ctx) === namedRule(b, ctx);
}

/** The rule a reference names, through rules whose shapes only name another rule (`x = u`). */
function namedRule(shape: Extract<Shape, { kind: 'rule' }>, ctx: PlanContext): string {
  let name = shape.rule.name;
  const seen = new Set<string>();
  for (let next = ctx.shapes.get(name); next?.kind === 'rule' && !seen.has(next.rule.name); next = ctx.shapes.get(name)) {
    seen.add(name);
    name = next.rule.name;
  }
  return name;
}

const encodingOrders = new WeakMap<PlannedOption[], number[]>();
/** Plans whose unresolved pair is two float options no order writes in the shortest width (float-order.ts). */
const widthConflicts = new WeakSet<PlannedOption[]>();

/** The plan's options' indices in the order an encoder tries them: float options narrowest first (float-order.ts). */
export function encodingOrder(plan: PlannedOption[]): number[] {
  const order = encodingOrders.get(plan);
  if (order === undefined) throw new Error('internal: a plan made elsewhere than planChoice');
  return order;
}

/**
 * True when some option of the choice is kept as `{ tag, value }` or
 * `CborFloat` (by the plan, or boxed by the layout,
 * layout/coinciding-floats.ts): its type then differs from the plain union of
 * the options' types.
 */
export function hasWrappedOptions(plan: PlannedOption[]): boolean {
  return plan.some((o) => o.wrap !== null || o.float || boxed(o));
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

/**
 * The first pair of alternatives of an array's group (layout `alternatives`, or a group repeated in it,
 * `groups`) that can both accept one JavaScript value and write it as different data items
 * (`[tstr, int // tstr, #6.1(int)]`: `["x", 1]` is both), with how they write it differently (for the
 * warning, as {@link conflictingOptions} says it); null when there is none. The decoder reads the one
 * the data item has, guards and encoders take the first whose test passes: the later one's value would
 * be written as the earlier one's, silently.
 */
export function conflictingAlternatives(layout: Extract<Shape, { kind: 'array' }>['layout'], ctx: PlanContext): { pair: [number, number]; why: string } | null {
  const forms = alternativeForms(layout);
  if (forms === null || forms.length < 2) return null;
  const analysis = new Analysis(ctx);
  for (let i = 0; i < forms.length; i++) {
    for (let j = i + 1; j < forms.length; j++) {
      const f = forms[i] as Form;
      const g = forms[j] as Form;
      if (analysis.conflict(f, g, true, true)) return { pair: [i, j], why: itemConflictReason(f, g, analysis) ?? conflictReason(f, g) };
    }
  }
  return null;
}

/**
 * Where two alternatives of one array write a value differently, as the first item at which their forms do
 * (`item 2, inside tags and without them` for `(tstr, int)` and `(tstr, #6.1(int))`); null when no single
 * item does, or the items are not written one by one.
 */
function itemConflictReason(f: Form, g: Form, analysis: Analysis): string | null {
  if (f.kind !== 'array' || g.kind !== 'array' || f.elements === null || g.elements === null) return null;
  const length = Math.min(f.elements.length, g.elements.length);
  for (let k = 0; k < length; k++) {
    for (const x of analysis.forms(f.elements[k] as Shape)) {
      for (const y of analysis.forms(g.elements[k] as Shape)) if (analysis.conflict(x, y, true, true)) return `item ${k + 1}, ${conflictReason(x, y)}`;
    }
  }
  return null;
}

/** Whether some shape of the module's values are instances (any, a Map of computed keys, a boxed float, a general rule), by rule table. */
const modulesWithInstances = new WeakMap<ReadonlyMap<string, Shape>, boolean>();

/** Whether some shape of the module's values is an instance ({@link hasInstances}): what the planner asks of the whole module. */
export function moduleHasInstances(shapes: ReadonlyMap<string, Shape>): boolean {
  return hasInstances({ shapes });
}

function hasInstances(ctx: PlanContext): boolean {
  let known = modulesWithInstances.get(ctx.shapes);
  if (known === undefined) {
    const seen = new Set<Shape>();
    const visit = (shape: Shape): boolean => {
      if (seen.has(shape)) return false;
      seen.add(shape);
      if (shape.kind === 'any' || (shape.kind === 'float' && shape.boxed === true) || (shape.kind === 'map' && shape.layout.kind === 'struct' && shape.layout.rests.length > 0)) return true;
      return directChildren(shape).some(visit);
    };
    known = [...ctx.shapes.values()].some(visit);
    modulesWithInstances.set(ctx.shapes, known);
  }
  return known;
}

/**
 * Two options of a type choice that take one JavaScript value and would write it as different
 * data items, which nothing in the plan tells apart (the encoder would write the first, silently);
 * null when there are none; `widths` when they are float options whose order cannot write each number in
 * the shortest width (float-order.ts). lossless.ts refuses such a choice, and its rule is general.
 */
export function conflictingOptions(shape: Extract<Shape, { kind: 'choice' }>, ctx: PlanContext): { pair: [number, number]; widths: boolean; why: string } | null {
  const plan = choicePlan(shape, ctx);
  const pair = unresolved.get(plan);
  return pair === undefined ? null : { pair, widths: widthConflicts.has(plan), why: unresolvedWhy.get(plan) ?? 'one value both take' };
}

/** Records the first pair of options of `plan` that take one value and write it differently, and how. */
function unresolve(plan: PlannedOption[], i: number, j: number, why: string): void {
  unresolved.set(plan, [i, j]);
  unresolvedWhy.set(plan, why);
}

/** How two forms that take one JavaScript value write it differently, by what they are: for the warning. */
function conflictReason(f: Form, g: Form): string {
  if (!sameTags(f.tags, g.tags)) return f.tags.length === 0 || g.tags.length === 0 ? 'inside tags and without them' : 'inside different tags';
  if (f.kind === 'array' && g.kind === 'array') return 'arrays whose items take one value and write it differently';
  if (f.kind === 'object' && g.kind === 'object') {
    if (f.container === 'tagged' || g.container === 'tagged') return '{ tag, value } objects whose values take one value and write it differently';
    const what = f.container === 'map' && g.container === 'map' ? 'maps' : f.container === 'record' && g.container === 'record' ? 'arrays of named members' : 'objects';
    return `${what} whose members take one value and write it differently`;
  }
  if (f.kind === 'dictionary' && g.kind === 'dictionary') return 'Maps whose keys or values take one value and write it differently';
  return 'one value both take, written as different data items';
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
