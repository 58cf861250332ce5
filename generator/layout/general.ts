/**
 * Which type rules the typed layouts cover, and which fall back to the
 * general matcher ("general" rules, emitted by generator/emit/general.ts)
 * with the reason: valid CDDL is never refused, so a rule whose construct
 * the typed layouts refuse (shapes.ts while a rule's shape is computed,
 * lossless.ts once every rule's is known) is checked exactly by
 * templates/matcher.ts under a wider type instead; emitters refuse nothing.
 * A refusal is a SchemaError `unsupported`; it is charged to the type rule
 * whose definition holds its location where the rule refused looks into it
 * (`chargedRule`), so a rule that merely looks into a refused one stays typed.
 */
import { isSchemaError, type SchemaError } from '../diagnostics.js';
import type { IrRule, IrSpan } from '../ir/types.js';
import { GENERAL_SHAPE, ruleShape, type Shape, type ShapeContext } from './shapes.js';
import { boxCoincidingFloats, boxedOtherwise, boxedPlaces, unbox, type BoxedPlaces } from './coinciding-floats.js';
import { addReaching, objectsOf } from './shape-reuse.js';
import { reachedFrom, referrersOf } from '../ir/references.js';
import { moduleHasInstances } from './choice-plans.js';
import { recursiveRulesOf } from './option-forms.js';
import { checkLosslessVariants } from './lossless.js';

/**
 * A refusal the general matcher can take over: the typed layouts' `unsupported`. One of invalid CDDL (`invalid`, citing
 * the rule broken: a `.printf` format RFC 9741 refuses, `.bits` on what is no uint or bstr, a control operator no RFC
 * defines) stays, as no layout takes it.
 */
function isRefusal(error: unknown): error is SchemaError {
  return isSchemaError(error) && error.kind === 'unsupported';
}

/**
 * The shapes of a round before, unboxed (as ruleShape made them), and how many rules were general when it began
 * (`general` keeps the order they became general in): a rule that reaches none of those made general since gets
 * its shape again, as computed (shape-reuse.ts).
 */
export interface EarlierRound {
  shapes: ReadonlyMap<string, Shape>;
  generalBefore: number;
  /** For each rule, the rules that name it (ir/references.ts `referrersOf`). */
  referrers: ReadonlyMap<string, readonly string[]>;
  /** What its boxing gave, and whether its values had instances (what the lossless check asks of the whole module). */
  boxed: BoxedPlaces;
  instances: boolean;
}

/**
 * Every type rule's shape; a rule whose shape is refused becomes general
 * (recorded in `general` with the reason). When the refusal is in another
 * type rule this one looks into, that rule becomes general instead and this
 * one is tried again. `earlier`: the round before, whose shapes the rules
 * that reach no rule made general since take over.
 */
export function ruleShapes(typeRules: readonly IrRule[], ctx: ShapeContext, general: Map<string, string>, earlier?: EarlierRound, kept?: Set<string>): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  /** The rules that reach a rule made general since the earlier round began: their shapes are computed again. */
  const changed = new Set<string>();
  let generalSeen = earlier?.generalBefore ?? 0;
  for (const rule of typeRules) {
    if (earlier !== undefined && general.size > generalSeen) {
      for (const name of [...general.keys()].slice(generalSeen)) addReaching(name, earlier.referrers, changed);
      generalSeen = general.size;
    }
    const before = earlier === undefined || changed.has(rule.name) ? undefined : earlier.shapes.get(rule.name);
    if (before !== undefined && before !== GENERAL_SHAPE && !general.has(rule.name)) {
      shapes.set(rule.name, before);
      kept?.add(rule.name);
      continue;
    }
    for (;;) {
      if (general.has(rule.name)) {
        shapes.set(rule.name, GENERAL_SHAPE);
        break;
      }
      const typedOnlyBefore = ctx.typedOnly?.length ?? 0;
      try {
        shapes.set(rule.name, ruleShape(rule, ctx));
        break;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        const owner = chargedRule(error.span, rule, typeRules, ctx);
        const elsewhere = owner !== rule;
        const culprit = elsewhere && !general.has(owner.name) ? owner : rule;
        general.set(culprit.name, culprit === rule && elsewhere ? `'${owner.name}', which it looks into (${error.detail})` : error.detail);
        if (shapes.has(culprit.name)) shapes.set(culprit.name, GENERAL_SHAPE);
      } finally {
        // What holds only where typed code reads it holds where this rule's is (its position may be in another's).
        for (const entry of ctx.typedOnly?.slice(typedOnlyBefore) ?? []) entry.rule ??= rule.name;
      }
    }
  }
  return shapes;
}

/**
 * Every type rule's shape, as {@link ruleShapes} gives them, with the floats
 * an integer could be confused with boxed (coinciding-floats.ts), once no
 * rule is refused by the checks that need every rule's shape (lossless.ts):
 * a rule refused there becomes general, and the shapes are computed again
 * (once per round of refusals), since other rules see it as any data item now.
 */
export function layoutShapes(typeRules: readonly IrRule[], ctx: ShapeContext, general: Map<string, string>): Map<string, Shape> {
  let earlier: EarlierRound | undefined;
  for (;;) {
    const generalBefore = general.size;
    const kept = new Set<string>();
    const shapes = ruleShapes(typeRules, ctx, general, earlier, kept);
    // Where boxing may put something in the kept shapes: their objects as computed, before this round's boxing.
    const keptObjects = earlier === undefined || kept.size === 0 ? null : objectsOf(shapes, kept);
    const { boxing, costly } = boxCoincidingFloats(shapes);
    if (costly !== null) {
      // Boxing stopped part-way: the next round starts afresh, without the rule (its lossless check did not run, so no rule was checked here).
      unbox(boxing);
      general.set(costly.rule, costly.reason);
      earlier = undefined;
      continue;
    }
    const boxed = boxedPlaces(boxing);
    const instances = moduleHasInstances(shapes);
    const checked = earlier !== undefined && keptObjects !== null ? checkedAlready(earlier, shapes, kept, keptObjects, boxed, instances) : new Set<string>();
    if (!refusedWithAllShapes(typeRules, shapes, ctx, general, checked)) return shapes;
    // Another round: its rules that reach no rule made general since this one began take these shapes over, as computed.
    unbox(boxing);
    earlier = { shapes, generalBefore, referrers: earlier?.referrers ?? referrersOf(ctx.rules.values()), boxed, instances };
  }
}

/**
 * The rules whose shapes were kept from the earlier round (`kept`; `keptObjects`: their objects, by rule) that need
 * no lossless check in this one: the earlier round checked them and refused none (they are not general), and what
 * their check reads is the same now. It reads the rule's shape and those of the rules it reaches, all of them kept
 * (a rule reaching a recomputed one reaches a rule made general, so it was recomputed too), as boxing left them:
 * the same unless the two boxings left a place in one of them otherwise; and whether the module has instances. With no rule on a cycle, what the
 * planner finds for a choice does not depend on which choices it planned before (choice-plans.ts plans a choice met
 * inside itself by its options as they are), so their plans, made later (by the emitters' planChoices) or
 * on the way to another rule's, come out as they would have here.
 */
function checkedAlready(earlier: EarlierRound, shapes: ReadonlyMap<string, Shape>, kept: ReadonlySet<string>, keptObjects: ReadonlyMap<object, string | null>, boxed: BoxedPlaces, instances: boolean): Set<string> {
  if (instances !== earlier.instances || recursiveRulesOf(shapes).size > 0) return new Set();
  // A kept shape boxed otherwise, and every rule that reaches it, is checked again (all of them, for a place in several shapes).
  const otherwise = new Set<string>();
  for (const holder of boxedOtherwise(earlier.boxed, boxed, keptObjects)) {
    const owner = keptObjects.get(holder);
    if (owner === null || owner === undefined) return new Set();
    addReaching(owner, earlier.referrers, otherwise);
  }
  return new Set([...kept].filter((name) => !otherwise.has(name)));
}

/**
 * Whether typed rules the lossless check refuses (each charged to that rule: its own alternatives)
 * were made general: every one it refuses with these shapes, so that the shapes are computed again
 * once per round, not once per rule (a schema of 5,000 rules with 7 such rules paid 8 rounds, and
 * rounds grew with the schema). A rule refused beside another that becomes general in the same
 * round stays general: checked exactly by the general matcher, only typed wider.
 */
function refusedWithAllShapes(typeRules: readonly IrRule[], shapes: ReadonlyMap<string, Shape>, ctx: ShapeContext, general: Map<string, string>, checked: ReadonlySet<string>): boolean {
  const plan = { shapes };
  let refused = false;
  for (const rule of typeRules) {
    if (general.has(rule.name) || checked.has(rule.name)) continue;
    try {
      checkLosslessVariants(rule, plan, ctx);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      general.set(rule.name, error.detail);
      refused = true;
    }
  }
  return refused;
}

/**
 * The type rule a refusal at `span`, met while `rule`'s shape was computed, is charged to: the one whose
 * definition holds `span` ({@link ownerOf}) where its own shape is refused too, else `rule` itself. By position
 * alone, a refusal in a group rule or a socket's plug written after a type rule, in a group copied by `~` into
 * `rule` and refused there, or in `rule` after a type hoisted out of it (`a.embedded1`, at its own column), was
 * charged to a type rule that is fine, made general for nothing. Rules hoisted out of another that share its
 * position (`a.option1`) leave the refusal to `rule`; the instances of a generic share one: of those, the one
 * `rule` reaches.
 */
function chargedRule(span: IrSpan, rule: IrRule, typeRules: readonly IrRule[], ctx: ShapeContext): IrRule {
  const owner = ownerOf(span, typeRules);
  const samePlace = (r: IrRule) => owner !== undefined && r.span.file === owner.span.file && r.span.line === owner.span.line && r.span.col === owner.span.col;
  if (owner === undefined || owner === rule || samePlace(rule)) return rule;
  const reached = reachedFrom(rule.name, ctx.rules);
  const charged = typeRules.find((r) => samePlace(r) && reached.has(r.name)) ?? owner;
  try {
    // Its shape alone, with what that would warn about dropped (it is computed again in its turn).
    ruleShape(charged, { ...ctx, warnings: [], typedOnly: [] });
    return rule;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return charged;
  }
}

/** The type rule whose definition holds `span`: the last one defined at or before it in its file. */
export function ownerOf(span: IrSpan, rules: readonly IrRule[]): IrRule | undefined {
  let owner: IrRule | undefined;
  for (const rule of rules) {
    const s = rule.span;
    if (s.file !== span.file || s.line > span.line || (s.line === span.line && s.col > span.col)) continue;
    if (owner === undefined || s.line > owner.span.line || (s.line === owner.span.line && s.col > owner.span.col)) owner = rule;
  }
  return owner;
}
