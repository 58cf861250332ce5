/**
 * The ways a value of a type choice's option can look in JavaScript
 * ({@link Form}), and the analysis of two options' forms that the choice
 * planner (choice-plans.ts) is built on: whether they can share a JavaScript
 * value (`overlap`), and whether they could then write it as different data
 * items (`conflict`). The planner decides what to do about such pairs; this
 * module only answers the questions, keeping answers about pairs of rules
 * that no cycle reaches.
 */
import type { IrType } from '../ir/types.js';
import { printType } from '../ir/print.js';
import { recursiveRules } from './rule-cycles.js';
import { GENERAL_SHAPE, isDictionary, type ArrayLayout, type Field, type MapLayout, type Shape } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { awaitPlan, choicePlan, floatInTags, isBeingPlanned, type PlanContext, type TagLeaf, withinPlan } from './choice-plans.js';
import { FormWalk } from './form-walks.js';
import { PairMemo } from './pair-memo.js';
import { GENERAL_ALIKE, floatsWriteAlike, isBoxed, scalarsOverlap, type FloatScalar } from './scalar-overlaps.js';

/**
 * The ways a value of a shape can look in JavaScript, each with the fixed
 * tags its encoding starts with: what two options are compared by.
 */
export type Form =
  | { kind: 'scalar'; tags: bigint[]; shape: ScalarShape }
  /** A JavaScript array: `elements` are the shapes of its items, or null when its items are not written one by one (repeated groups). */
  | { kind: 'array'; tags: bigint[]; elements: Shape[] | null; length: number | null }
  /** A JavaScript object written as a CBOR array (`record`), map (`map`), or `{ tag, value }` for a tag without a fixed number (`tagged`). */
  | { kind: 'object'; tags: bigint[]; container: 'record' | 'map' | 'tagged'; fields: ObjectField[]; extra: boolean }
  /** A JavaScript Map (computed keys only), with the shapes of its keys and values. */
  | { kind: 'dictionary'; tags: bigint[]; key: Shape; value: Shape }
  /** A `CborFloat` (a float option beside an integer one), and the float type it is, where known (which widths it writes). */
  | { kind: 'cborFloat'; tags: bigint[]; float?: Extract<ScalarShape, { kind: 'float' }> };

interface ObjectField {
  name: string;
  required: boolean;
  shape: Shape;
  /** Where it is written: the encoded key of a map member, the position of a record member. */
  at: string;
}

/**
 * What is kept by shape, by rule table: a later round of the layout (general.ts) keeps the shapes of the rules that
 * reach no rule made general since (shape-reuse.ts), and boxes them anew (coinciding-floats.ts), so what was found
 * from them as the earlier round boxed them may not hold.
 */
interface ShapeTables {
  /** Each shape's definition ({@link definitionOf}). */
  definitions: WeakMap<Shape, string>;
  /** Each map or array shape's forms without tags ({@link untaggedForms}). */
  forms: WeakMap<Shape, Form[]>;
}

const shapeTables = new WeakMap<ReadonlyMap<string, Shape>, ShapeTables>();

function shapeTablesOf(shapes: ReadonlyMap<string, Shape>): ShapeTables {
  let tables = shapeTables.get(shapes);
  if (tables === undefined) shapeTables.set(shapes, (tables = { definitions: new WeakMap(), forms: new WeakMap() }));
  return tables;
}

/** Whether two shapes are one definition (the same members, types and names wherever they are written): they write every value alike. */
function sameDefinition(a: Shape, b: Shape, definitions: WeakMap<Shape, string>): boolean {
  return a === b || definitionOf(a, definitions) === definitionOf(b, definitions);
}

function definitionOf(shape: Shape, definitions: WeakMap<Shape, string>): string {
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

/**
 * The classes whose instances a form's values are (none for numbers, strings, arrays, byte strings
 * and plain objects): a float kept as CborFloat, a map of computed keys as a Map, any data item as
 * CborAny, and a general rule's values as CborValues, whose objects are of the runtime's classes.
 */
export function instanceClasses(form: Form): string[] {
  switch (form.kind) {
    case 'cborFloat':
      return ['CborFloat'];
    case 'dictionary':
      return ['Map'];
    case 'scalar':
      if (form.shape === GENERAL_SHAPE) return ['CborFloat', 'CborInvalidText', 'CborMap', 'CborSimple', 'CborTagged'];
      if (form.shape.kind === 'any') return ['CborAny'];
      return form.shape.kind === 'float' && form.shape.boxed === true ? ['CborFloat'] : [];
    default:
      return [];
  }
}

/** A value kept as `CborFloat`, as another option sees it. */
export const FLOAT_FORM: Form = { kind: 'cborFloat', tags: [] };

export function sameTags(a: bigint[], b: bigint[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

export function stripTags(f: Form): Form {
  return f.tags.length === 0 ? f : { ...f, tags: [] };
}

/** `{ tag, value }` with that tag, as another option sees it. */
export function wrappedForm(leaf: TagLeaf): Form {
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
/** The same, for analyses that count instances as objects ({@link Analysis} `instances`). */
const instancePairAnswers = new WeakMap<ReadonlyMap<string, Shape>, PairAnswers>();
/** The same, for analyses of decoded values ({@link Analysis} `decoded`). */
const decodedPairAnswers = new WeakMap<ReadonlyMap<string, Shape>, PairAnswers>();

/** The rules on a cycle, by rule table: the three tables of answers share them (each found them again, about 2% of compiling 5,000 rules). */
const recursiveByTable = new WeakMap<ReadonlyMap<string, Shape>, ReadonlySet<string>>();

/** The rules on a cycle of rules, by rule table (computed once per table). */
export function recursiveRulesOf(shapes: ReadonlyMap<string, Shape>): ReadonlySet<string> {
  let recursive = recursiveByTable.get(shapes);
  if (recursive === undefined) recursiveByTable.set(shapes, (recursive = recursiveRules(shapes)));
  return recursive;
}

function answersOf(ctx: PlanContext, instances: boolean, decoded: boolean): PairAnswers {
  const table = decoded ? decodedPairAnswers : instances ? instancePairAnswers : pairAnswers;
  let answers = table.get(ctx.shapes);
  if (answers === undefined) {
    table.set(ctx.shapes, (answers = { recursive: recursiveRulesOf(ctx.shapes), conflict: new Map(), overlap: new Map() }));
  }
  return answers;
}

/** The key of a pair of rules whose answer can be kept, or null. */
function keptPairKey(a: Shape, b: Shape, answers: PairAnswers): string | null {
  if (a.kind !== 'rule' || b.kind !== 'rule') return null;
  if (answers.recursive.has(a.rule.name) || answers.recursive.has(b.rule.name)) return null;
  return `${a.rule.name}\u0000${b.rule.name}`;
}

export class Analysis {
  /** Pairs of shapes whose conflicts are being looked for, or were (a conflict needs a finite value, so a pair met again adds none). */
  private readonly comparing = new PairMemo();
  /** The same for the pairs whose common values are being looked for. */
  private readonly overlapping = new PairMemo();
  private readonly answers: PairAnswers;
  private readonly tables: ShapeTables;

  /**
   * `instances`: a value of the runtime's classes (a CborFloat, a CborAny, a general rule's
   * CborMap) or a Map passes an object's test that asks for no member it lacks, as the guards
   * test objects: such a value and an object can meet. The planner asks this only to find what it
   * must refuse (choice-plans.ts), since a choice's own options refuse other options' instances.
   * `decoded`: the first form's values are ones a decoder gives, whose objects have no property
   * but their own form's, at every depth (the second form's tests stay as they are). The planner
   * asks this of two options that refuse each other's objects, to tell a value only a hand could
   * build from one the decoder gives.
   */
  constructor(
    private readonly ctx: PlanContext,
    private readonly instances = false,
    private readonly decoded = false,
  ) {
    this.answers = answersOf(ctx, instances, decoded);
    this.tables = shapeTablesOf(ctx.shapes);
  }

  /**
   * The forms a value of `shape` can take, through rules, choices and fixed tags: path by path, each
   * rule entered once on a path, a leaf found with two tag words already not looked for again
   * (form-walks.ts, which says why the pairs of forms the planner compares give the same answers).
   */
  forms(shape: Shape): Form[] {
    return this.walkForms(shape, [], new Set(), new FormWalk(this.ctx));
  }

  /** The forms of `shape` whose tags are exactly `tags`, every one of them. */
  formsTagged(shape: Shape, tags: readonly bigint[]): Form[] {
    return this.walkForms(shape, [], new Set(), new FormWalk(this.ctx, tags));
  }

  private walkForms(shape: Shape, tags: bigint[], seen: ReadonlySet<string>, walk: FormWalk): Form[] {
    switch (shape.kind) {
      case 'rule': {
        if (seen.has(shape.rule.name)) return [];
        const target = this.ctx.shapes.get(shape.rule.name);
        if (target === undefined || !walk.enter(shape.rule.name, seen)) return [];
        return this.walkForms(target, tags, new Set([...seen, shape.rule.name]), walk);
      }
      case 'choice': {
        // Options kept as { tag, value } are objects to whoever compares this choice with another.
        const plan = isBeingPlanned(shape) ? null : choicePlan(shape, this.ctx);
        if (plan === null) return shape.options.flatMap((o) => this.walkForms(o.shape, tags, seen, walk));
        return plan.flatMap((o) => {
          if (o.float) return walk.leaf(o, tags, () => [floatForm(floatInTags(o.shape, this.ctx), tags)]);
          const wrap = o.wrap;
          return wrap === null ? this.walkForms(o.shape, tags, seen, walk) : walk.leaf(o, tags, () => wrap.map((leaf): Form => ({ ...wrappedForm(leaf), tags })));
        });
      }
      case 'tag':
        return walk.admitsTag(tags.length, shape.tag) ? this.walkForms(shape.inner, [...tags, shape.tag], seen, walk) : [];
      case 'tagged':
        return walk.leaf(shape, tags, (): Form[] => [
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
        ]);
      case 'never':
        return [];
      case 'array':
        return walk.leaf(shape, tags, () => (tags.length === 0 ? untaggedForms(shape, this.tables.forms, () => arrayForms(shape.layout, tags)) : arrayForms(shape.layout, tags)));
      case 'map':
        return walk.leaf(shape, tags, () => (tags.length === 0 ? untaggedForms(shape, this.tables.forms, () => mapForms(shape.layout, tags)) : mapForms(shape.layout, tags)));
      default:
        return walk.leaf(shape, tags, (): Form[] => [{ kind: 'scalar', tags, shape }]);
    }
  }

  /**
   * Whether some JavaScript value passes the tests of both forms. `fExact`,
   * `gExact`: that form's test also rejects properties outside `fAllowed`
   * (its own fields when not given).
   */
  overlap(f: Form, g: Form, fExact: boolean, gExact: boolean, fAllowed?: string[], gAllowed?: string[]): boolean {
    if (this.decoded) {
      // `f`'s value is a decoded one: an object has its own form's properties and no other, at every depth.
      fExact = true;
      fAllowed = undefined;
    }
    if (f.kind === 'scalar' && g.kind === 'scalar') return scalarsOverlap(f.shape, g.shape);
    if (f.kind === 'array' && g.kind === 'array') return f.length === null || g.length === null || f.length === g.length;
    // A general rule's CborValues include arrays.
    if ((f.kind === 'array' && g.kind === 'scalar' && g.shape === GENERAL_SHAPE) || (g.kind === 'array' && f.kind === 'scalar' && f.shape === GENERAL_SHAPE)) return true;
    // And CborFloats, of any width: a float option kept as CborFloat takes them too, and writes them in its own width.
    if ((f.kind === 'cborFloat' && g.kind === 'scalar' && g.shape === GENERAL_SHAPE) || (g.kind === 'cborFloat' && f.kind === 'scalar' && f.shape === GENERAL_SHAPE)) return true;
    if (f.kind === 'dictionary' && g.kind === 'dictionary') return true;
    if (f.kind === 'cborFloat' && g.kind === 'cborFloat') return true;
    // A float the layout boxed is a CborFloat too.
    if ((f.kind === 'cborFloat' && g.kind === 'scalar' && isBoxed(g.shape)) || (g.kind === 'cborFloat' && f.kind === 'scalar' && isBoxed(f.shape))) return true;
    if (this.instances && ((f.kind === 'object' && instanceClasses(g).length > 0) || (g.kind === 'object' && instanceClasses(f).length > 0))) return true;
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
    const kept = keptPairKey(a, b, this.answers);
    const known = kept === null ? undefined : this.answers.overlap.get(kept);
    if (known !== undefined) return known;
    return this.overlapping.ask(`${this.shapeKey(a)}\u0000${this.shapeKey(b)}`, () => {
      const answer = this.formsOverlap(this.forms(a), this.forms(b));
      if (kept !== null) this.answers.overlap.set(kept, answer);
      return answer;
    });
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
    if (sameDefinition(this.resolved(a), this.resolved(b), this.tables.definitions)) return false;
    // Rules by name, other shapes (an inline choice inside a recursive rule's alternatives) by identity, as in shapesOverlap.
    const key = `${this.shapeKey(a)}\u0000${this.shapeKey(b)}`;
    const kept = a.kind === 'rule' && b.kind === 'rule' && keptPairKey(a, b, this.answers) !== null;
    const known = kept ? this.answers.conflict.get(key) : undefined;
    if (known !== undefined) return known;
    return this.comparing.ask(key, () => {
      const answer = this.formsConflict(this.forms(a), this.forms(b));
      if (kept) this.answers.conflict.set(key, answer);
      return answer;
    });
  }

  /** Forms compared inside arrays, maps and tags of two options, where no float order (float-order.ts) decides which writes a number. */
  private inside = 0;

  private formsConflict(fs: Form[], gs: Form[]): boolean {
    this.inside++;
    try {
      for (const f of fs) for (const g of gs) if (this.conflict(f, g)) return true;
      return false;
    } finally {
      this.inside--;
    }
  }

  private formsOverlap(fs: Form[], gs: Form[]): boolean {
    for (const f of fs) for (const g of gs) if (this.overlap(stripTags(f), stripTags(g), false, false)) return true;
    return false;
  }

  /** Whether two forms write every value both accept as the same data item (`fExact`, `gExact`: as in {@link overlap}). */
  private alike(f: Form, g: Form, fExact: boolean, gExact: boolean): boolean {
    if (this.decoded) fExact = true;
    if (!sameTags(f.tags, g.tags)) return false;
    if (f.kind === 'scalar' && g.kind === 'scalar') {
      if (f.shape === GENERAL_SHAPE || g.shape === GENERAL_SHAPE) return f.shape === g.shape || GENERAL_ALIKE.has((f.shape === GENERAL_SHAPE ? g.shape : f.shape).kind);
      if (this.inside > 0 && f.shape.kind === 'float' && g.shape.kind === 'float' && !floatsWriteAlike(f.shape, g.shape)) return false;
      // An integer and a float not kept as CborFloat take one JavaScript number and write it two ways (1 as 01 or f9 3c00). The
      // layout boxes every float an integer could be confused with (coinciding-floats.ts, hidden-floats.ts); where it has not,
      // this says so, and the rule is general rather than lossy.
      return isBoxed(f.shape) === isBoxed(g.shape) && f.shape.kind === g.shape.kind;
    }
    if (f.kind === 'array' && g.kind === 'array') {
      if (f.elements === null || g.elements === null) return false;
      // Tuples of one length: position by position, and none in common where a position has none.
      if (f.length !== null && f.length === g.length && f.elements.length === f.length && g.elements.length === g.length) {
        const [fs, gs] = [f.elements, g.elements];
        if (fs.some((a, i) => !this.shapesOverlap(a, gs[i] as Shape))) return true;
        return fs.every((a, i) => !this.shapesConflict(a, gs[i] as Shape));
      }
      const gs = g.elements;
      return f.elements.every((a) => gs.every((b) => !this.shapesConflict(a, b)));
    }
    // Keys too: those of other types than integers and texts may be written differently (`* float16 =>`, `* float32 =>`).
    if (f.kind === 'dictionary' && g.kind === 'dictionary') return !this.shapesConflict(f.key, g.key) && !this.shapesConflict(f.value, g.value);
    // CborFloats write their number in their own widths, as floats do (inside containers, see floatsWriteAlike).
    if (f.kind === 'cborFloat' || g.kind === 'cborFloat') {
      const [a, b] = [cborFloatOf(f), cborFloatOf(g)];
      if (a === null || b === null) return false;
      return this.inside === 0 || a === 'unknown' || b === 'unknown' || floatsWriteAlike(a, b);
    }
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
      if (leaves.some((l) => l === null)) return null;
      // A leaf that is an option of this choice is told from the others as the choice's own plan tells them apart; one
      // whose plan is being made further up (a recursive rule), once it is made.
      const pending = isBeingPlanned(shape);
      const plan = pending ? null : choicePlan(shape, this.ctx);
      return leaves.flatMap((l, k) => {
        const [only, ...more] = l as TagLeaf[];
        if (only === undefined || more.length > 0) return l as TagLeaf[];
        if (plan === null) {
          const leaf = { ...only };
          awaitPlan(shape, leaf, k);
          return [leaf];
        }
        const within = withinPlan(plan, k, only);
        return within === undefined ? [only] : [{ ...only, within }];
      });
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
function untaggedForms(shape: Shape, formsOfShape: WeakMap<Shape, Form[]>, build: () => Form[]): Form[] {
  let forms = formsOfShape.get(shape);
  if (forms === undefined) formsOfShape.set(shape, (forms = build()));
  return forms;
}

function mapForms(layout: MapLayout, tags: bigint[]): Form[] {
  if (layout.kind === 'struct' && isDictionary(layout)) {
    const [rest] = layout.rests;
    return [{ kind: 'dictionary', tags, key: rest.key, value: rest.value }];
  }
  const structs = layout.kind === 'struct' ? [layout] : layout.variants;
  return structs.map((struct) => ({
    kind: 'object' as const,
    tags,
    container: 'map' as const,
    fields: [
      ...struct.fields.map((f) => ({ name: f.name, required: !f.optional, shape: f.shape, at: `${f.key.type}:${f.key.value}` })),
      // The Maps of computed-key entries: written entry by entry, keys by their kind.
      ...struct.rests.map((rest) => ({ name: rest.name, required: rest.min > 0, shape: rest.value, at: `rest:${rest.keysByEncoding}` })),
    ],
    extra: false,
  }));
}

/**
 * The forms of the alternatives an array's guards and encoders try in turn, each one form: of the array
 * (layout `alternatives`) or of one repetition of a repeated group (`groups`); null for other layouts.
 */
export function alternativeForms(layout: ArrayLayout): Form[] | null {
  if (layout.kind === 'alternatives') return arrayForms(layout, []);
  if (layout.kind === 'groups') return arrayForms({ kind: 'alternatives', variants: layout.variants, discriminant: null }, []);
  return null;
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
    case 'forks':
      return layout.variants.flatMap((variant) => arrayForms(variant, tags));
    case 'runs': {
      if (!layout.named) return [{ kind: 'array', tags, elements: null, length: null }];
      // As a record's repeated member, a repeated one's array property says nothing of how alike two such objects are.
      const fields = layout.runs.map((run, i) => (run.max === 1 ? { name: run.name, required: run.min > 0, shape: run.item, at: String(i) } : { name: run.name, required: true, shape: { kind: 'any' } as Shape, at: `run:${i}` }));
      return [{ kind: 'object', tags, container: 'record', fields, extra: true }];
    }
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

/** The float type of a form whose values are CborFloats ('unknown' where the form does not say), or null for any other form. */
function cborFloatOf(f: Form): FloatScalar | 'unknown' | null {
  if (f.kind === 'cborFloat') return f.float ?? 'unknown';
  return f.kind === 'scalar' && isBoxed(f.shape) ? (f.shape as FloatScalar) : null;
}

/** The form of an option kept as CborFloat, inside `tags`, with the float type it is. */
function floatForm(kept: { float: FloatScalar; tags: bigint[] } | null, tags: bigint[]): Form {
  return kept === null ? { ...FLOAT_FORM, tags } : { kind: 'cborFloat', tags: [...tags, ...kept.tags], float: kept.float };
}
