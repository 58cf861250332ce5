/**
 * Floats and integers at the same place inside two alternatives (issue 10,
 * lossless): `[float] / [int]`, `{ 1: float } / { 1: int }`,
 * `[float, tstr] / [int, tstr]`, `{ (1: float) // (1: int) }`.
 *
 * JavaScript has one number type: `[1]` would be a value of both options,
 * and the encoder, taking the first option whose test passes, would write the
 * integer the decoder read (`8101`) as the float 1.0 (`81f93c00`). Where a
 * float that may hold an integral value sits at the same place (the same
 * position of an array, the same key of a map, inside the same tags) as an
 * integer in another alternative, the float is made `boxed`: its values are
 * `CborFloat`s (the runtime's, with the width read), as a float option beside
 * an integer option of a choice is (generator/layout/choice-plans.ts). The tests
 * then tell the two apart, and the encoder writes the option the decoder read.
 *
 * A float that is itself an option, or only inside fixed tags
 * (`#6.1(float) / #6.1(int)`), is the choice planner's, which keeps such an
 * option as `CborFloat`. A float reached through another rule's array or map
 * (`a = b / c` with `b = [float]`) is boxed in that rule, which is then
 * `[CborFloat]` wherever it is used; a float member that is a reference to a
 * float rule (`[f] / [int]`, `f = float`) becomes the boxed float itself,
 * and `f` keeps its type. A float option of a choice inside a member
 * (`[float / null] / [int]`) is boxed in that choice (which the planner then
 * leaves as it is); a choice that a member refers to (`[e] / [int]` with
 * `e = &(x: 1.0, y: 2.5)`) is first copied to the member, so the rule, an
 * enumeration's constants with it, keeps its type.
 */
import { mayBeIntegral } from './hidden-floats.js';
import { directChildren } from './shape-children.js';
import type { ChoiceOption, Field, GroupDiscriminant, MapRest, MapStruct, Shape } from './shapes.js';

type FloatShape = Extract<Shape, { kind: 'float' }>;

/** Somewhere a shape is kept, that can be given another one: a member, a list's item, a tag's content. */
export interface Place {
  /** The object holding the shape, and its property: one place however often a Place is made for it. */
  readonly holder: object;
  readonly key: string;
  get(): Shape;
  set(shape: Shape): void;
}

/** What boxing replaced, in order: each place with the shape it held before. */
export type Boxing = readonly (readonly [Place, Shape])[];

/**
 * How many copies of rules' choices (and the tags written in their options) boxing may make for one rule, and how
 * many pairs of choices it may compare one inside another. Comparing two alternatives through rules that hold each
 * other inside tags, arrays or maps copies each rule's choice at every level, to box its floats there and not in the
 * rule; where such rules name each other in many ways the copies grow with the paths through them, exponentially
 * (three rules of a few tagged options each took a minute, or overflowed the stack). The corpus and the library
 * need 304 copies at most (WebDriver BiDi), pairs of choices nested 8 deep.
 */
export const BOXING_LIMITS = { copies: 4096, nesting: 200 } as const;

/** What boxing found too costly to finish: the rule it was comparing the alternatives of, which becomes general. */
export interface CostlyBoxing {
  rule: string;
  reason: string;
}

/**
 * Boxes, in place, every float that an integer in another alternative could be confused with (see above); returns
 * what it replaced, for {@link unbox}, and the first rule for which that passed {@link BOXING_LIMITS} (then it
 * stops, as another round will box without it).
 */
export function boxCoincidingFloats(shapes: ReadonlyMap<string, Shape>): { boxing: Boxing; costly: CostlyBoxing | null } {
  const box = new Boxer(shapes);
  for (const [rule, shape] of shapes) {
    try {
      box.visitRule(shape);
    } catch (error) {
      if (!(error instanceof BoxingTooCostly)) throw error;
      return { boxing: box.replaced, costly: { rule, reason: error.message } };
    }
  }
  return { boxing: box.replaced, costly: null };
}

class BoxingTooCostly extends Error {
  /** `past`: which of {@link BOXING_LIMITS} was passed, as the reason a rule is general ends. */
  constructor(past: string) {
    super(`floats and integers at the same places of alternatives, through rules inside tags, arrays or maps, which boxing finds by ${past}`);
  }
}

/** Each place boxing gave another shape, by holder and property, with the shape it ended with; read before {@link unbox}. */
export type BoxedPlaces = Map<object, Map<string, Shape>>;

export function boxedPlaces(boxing: Boxing): BoxedPlaces {
  const places: BoxedPlaces = new Map();
  for (const [place] of boxing) {
    let keys = places.get(place.holder);
    if (keys === undefined) places.set(place.holder, (keys = new Map()));
    keys.set(place.key, place.get());
  }
  return places;
}

/**
 * The holders among `kept` objects some of whose places two boxings left differently (another shape's content,
 * boxing making new objects each time, or boxed by one only): where shapes kept from one round to the next are
 * not boxed alike in both.
 */
export function boxedOtherwise(a: BoxedPlaces, b: BoxedPlaces, kept: ReadonlyMap<object, unknown>): Set<object> {
  const differing = new Set<object>();
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const [holder, keys] of x) {
      if (!kept.has(holder)) continue;
      const other = y.get(holder);
      for (const [key, shape] of keys) if (other === undefined || !other.has(key) || !sameContent(shape, other.get(key))) differing.add(holder);
    }
  }
  return differing;
}

/** Whether two shapes have the same content: plain data compared member by member, the IR they point to by identity. */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as string;
    if (key !== keysB[i]) return false;
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (IR_PROPERTIES.has(key) ? x !== y : !sameContent(x, y)) return false;
  }
  return true;
}

/** Properties of shapes that hold IR (rules, spans, IR types), which shapes share with the IR: compared by identity. */
const IR_PROPERTIES: ReadonlySet<string> = new Set(['rule', 'span', 'type', 'innerType', 'itemType', 'keyType', 'valueType']);

/** Puts back what boxing replaced, last first: the shapes are then as they were computed (a later round keeps some, shape-reuse.ts). */
export function unbox(boxing: Boxing): void {
  for (let i = boxing.length - 1; i >= 0; i--) {
    const [place, shape] = boxing[i] as readonly [Place, Shape];
    place.set(shape);
  }
}

class Boxer {
  /** Each place given another shape, with the shape it held. */
  readonly replaced: [Place, Shape][] = [];
  /** Pairs of rules compared or being compared (and whether inside an array or map). */
  private readonly compared = new Set<string>();
  /** Pairs of arrays, maps or tags (by {@link idOf}) compared or being compared (and whether inside an array or map). */
  private readonly comparedShapes = new Set<string>();
  private readonly visited = new Set<Shape>();
  /** Pairs of shapes (by {@link idOf}) inside arrays or maps, one of them a choice, whose options are being compared. */
  private readonly comparing = new Set<string>();
  /** Pairs of shapes (by {@link idOf}) one of which is a choice whose options were compared with the other. */
  private readonly expanded = new Set<string>();
  private readonly ids = new WeakMap<Shape, number>();
  private nextId = 0;
  /** The shape each copy boxing made was made from (a rule's choice, the tags written in its options), at any remove. */
  private readonly origins = new WeakMap<Shape, Shape>();

  /** The shape a copy was made from, or the shape itself. */
  private originOf(shape: Shape): Shape {
    return this.origins.get(shape) ?? shape;
  }

  /** `made`, a copy of `from` (or `from` itself): its origin is `from`'s. */
  private copied<T extends Shape>(made: T, from: Shape): T {
    if (made === from) return made;
    if (--this.copiesLeft < 0) throw new BoxingTooCostly(`copying each rule's choice at every level: more than ${BOXING_LIMITS.copies} copies`);
    this.origins.set(made, this.originOf(from));
    return made;
  }

  /** {@link copied}, for the functions below that copy tags. */
  private readonly copy: Copied = (made, from) => this.copied(made, from);

  /** A number for each shape, for keys of pairs. */
  private idOf(shape: Shape): number {
    let id = this.ids.get(shape);
    if (id === undefined) this.ids.set(shape, (id = ++this.nextId));
    return id;
  }

  constructor(private readonly shapes: ReadonlyMap<string, Shape>) {}

  /** Copies boxing may still make for the rule being visited ({@link BOXING_LIMITS}). */
  private copiesLeft = 0;

  /** {@link visit}, for a rule's shape, within {@link BOXING_LIMITS}; throws BoxingTooCostly past them. */
  visitRule(shape: Shape): void {
    this.copiesLeft = BOXING_LIMITS.copies;
    this.visit(shape);
  }

  /** Compares the alternatives of every choice and every array's or map's alternatives inside `shape` (not through rules: each is visited on its own). */
  private visit(shape: Shape): void {
    if (this.visited.has(shape)) return;
    this.visited.add(shape);
    switch (shape.kind) {
      case 'choice':
        shape.options.forEach((a, i) => {
          for (const b of shape.options.slice(i + 1)) this.compare(placeOf(a), placeOf(b), false);
        });
        break;
      case 'array': {
        const layout = shape.layout;
        if (layout.kind === 'variants') this.compareVariants(layout.variants.map((fields) => membersAt(fields, 'record')), layout.overlaps, (a, b) => this.compareMembers(a, b));
        if (layout.kind === 'alternatives' || layout.kind === 'groups') {
          const members = layout.variants.map((v) => membersAt(v.fields, v.kind));
          this.compareVariants(members, undistinguished(layout.variants.length, layout.discriminant), (a, b) => this.compareMembers(a, b));
        }
        break;
      }
      case 'map': {
        if (shape.layout.kind === 'variants') this.compareVariants(shape.layout.variants, shape.layout.overlaps, (a, b) => this.compareStructs(a, b));
        const structs = shape.layout.kind === 'struct' ? [shape.layout] : shape.layout.variants;
        for (const rest of structs.flatMap((struct) => struct.rests)) if (rest.keysByEncoding) this.boxKey(keyPlace(rest));
        break;
      }
      default:
        break;
    }
    // The children as they are now: comparing may have put a boxed float in a member's place.
    for (const child of directChildren(shape)) this.visit(child);
  }

  /**
   * Compares each option of the choice at `place`. A choice reached through a rule is compared as a copy, which
   * takes the reference's place only if one of its options was boxed: the rule keeps its own type.
   */
  private eachOption(place: Place, choice: Extract<Shape, { kind: 'choice' }>, compare: (option: Place) => void): void {
    if (place.get() === choice) {
      for (const option of choice.options) compare(placeOf(option));
      // An option that referred to a rule whose choice was boxed is that choice now (maybe inside tags): its options take its place.
      if (choice.options.some((option) => choiceInTags(option.shape))) this.replace(place, this.copied(flattened(choice, this.copy), choice));
      return;
    }
    // The copy's options own the tags written in them (`k = tstr / #6.1(number)`), which boxing may give other content:
    // boxed in place, they would change the rule's own options, whose type and tests were not made for a boxed float.
    const copy = this.copied({ ...choice, options: choice.options.map((option) => ({ ...option, shape: ownTags(option.shape, this.copy) })) }, choice);
    for (const option of copy.options) compare(placeOf(option));
    if (copy.options.some((option, i) => !sameContent(option.shape, choice.options[i]?.shape))) this.replace(place, this.copied(flattened(copy, this.copy), copy));
  }

  /** The alternatives of one array or map that the members present cannot tell apart (`overlaps`), pair by pair. */
  private compareVariants<T>(variants: T[], overlaps: number[][], compare: (a: T, b: T) => void): void {
    for (const group of overlaps) {
      group.forEach((i, n) => {
        for (const j of group.slice(n + 1)) compare(variants[i] as T, variants[j] as T);
      });
    }
  }

  /**
   * Walks two places that hold one value in two alternatives, boxing a float
   * found where the other has an integer. `inside`: within an array or map
   * (elsewhere the float is an option, maybe in tags: the planner's).
   */
  private compare(a: Place, b: Place, inside: boolean): void {
    const sa = this.resolve(a.get());
    const sb = this.resolve(b.get());
    if (sa === null || sb === null) return;
    if (inside && sa.kind === 'float' && sb.kind === 'int') return this.boxAt(a, sa);
    if (inside && sa.kind === 'int' && sb.kind === 'float') return this.boxAt(b, sb);
    // A choice inside an array or map (`[float / null] / [int]`): each of its options is at that place. A choice reached through
    // a rule (an enumeration `e = &(x: 1.0, y: 2.5)` in `[e] / [int]`) is copied to the place first, so the rule keeps its type.
    if (inside && (sa.kind === 'choice' || sb.kind === 'choice')) return this.compareOptions(a, sa, b, sb);
    // Past this point what is boxed is inside the shapes compared, wherever they are used: a pair of rules compared once is
    // done (boxing again would change nothing), and a rule met again inside itself adds no place (a value is finite).
    const key = pairKey(a.get(), b.get(), inside);
    if (key !== null && this.compared.has(key)) return;
    if (key !== null) this.compared.add(key);
    // Two alternatives one of which is a rule whose choice has more (`[* uint] / r`, `r = tstr / [* float16]`): each of its
    // options is an alternative beside the other one, whose arrays and maps hold values at the same places.
    // Each such pair once: rules whose choices name other rules would otherwise be walked once per path to them.
    if (!inside && (sa.kind === 'choice' || sb.kind === 'choice')) {
      const pair = `${this.idOf(sa)}|${this.idOf(sb)}`;
      if (this.expanded.has(pair)) return;
      this.expanded.add(pair);
      if (sa.kind === 'choice') return sa.options.forEach((option) => this.compare(placeOf(option), b, false));
      if (sb.kind === 'choice') return sb.options.forEach((option) => this.compare(a, placeOf(option), false));
    }
    // And two arrays, maps or tags compared once (by the shapes they are): a rule's array beside an inline array that holds
    // the rule (`r = [{}, ? [nil, r], r]`, whose alternatives hold both at one place) met the pair again inside itself,
    // where one of them is no rule, without end.
    if (sa.kind === 'tag' || sa.kind === 'array' || sa.kind === 'map') {
      const shapes = `${this.idOf(sa)}|${this.idOf(sb)}|${inside}`;
      if (this.comparedShapes.has(shapes)) return;
      this.comparedShapes.add(shapes);
    }
    if (sa.kind === 'tag' && sb.kind === 'tag') {
      if (sa.tag === sb.tag) this.compare(innerOf(sa), innerOf(sb), inside);
    } else if (sa.kind === 'array' && sb.kind === 'array') this.compareMembers(arrayMembers(sa), arrayMembers(sb));
    else if (sa.kind === 'map' && sb.kind === 'map') {
      const structs = (shape: typeof sa) => (shape.layout.kind === 'struct' ? [shape.layout] : shape.layout.variants);
      for (const f of structs(sa)) for (const g of structs(sb)) this.compareStructs(f, g);
    }
  }

  /**
   * Two places inside arrays or maps, one of which holds a choice: each option compared with the other place. A rule's
   * choice met again with the same other shape while they are being compared is a rule met inside its own tags
   * (`{ b: r } / { b: r, c: int }`, `r = #6.1(r) / int`), whose options are copied afresh at every level: it adds no
   * place (a value is finite), and comparing it again never ended.
   */
  private compareOptions(a: Place, sa: Shape, b: Place, sb: Shape): void {
    // By the choices copied from (a copy of a rule's choice boxed at one level holds the rule again, copied anew at the next).
    const pair = `${this.idOf(this.originOf(sa))}|${this.idOf(this.originOf(sb))}`;
    if (this.comparing.has(pair)) return;
    if (this.comparing.size >= BOXING_LIMITS.nesting) throw new BoxingTooCostly(`comparing their choices one inside another: more than ${BOXING_LIMITS.nesting} deep`);
    this.comparing.add(pair);
    if (sa.kind === 'choice') this.eachOption(a, sa, (option) => this.compare(option, b, true));
    else if (sb.kind === 'choice') this.eachOption(b, sb, (option) => this.compare(a, option, true));
    this.comparing.delete(pair);
  }

  /** Members of two arrays at the same place, compared. */
  private compareMembers(a: Member[], b: Member[]): void {
    for (const f of a) for (const g of b) if (samePlace(f.at, g.at)) this.compare(f, g, true);
  }

  /** Members of two maps under the same key, compared; computed-key entries (`* tstr => float`) with every member of the other map. */
  private compareStructs(a: MapStruct, b: MapStruct): void {
    for (const f of a.fields) {
      for (const g of b.fields) if (f.key.type === g.key.type && f.key.value === g.key.value) this.compare(fieldPlace(f), fieldPlace(g), true);
    }
    const restA = a.rests.map(restPlace);
    const restB = b.rests.map(restPlace);
    for (const f of restA) for (const g of [...b.fields.map(fieldPlace), ...restB]) this.compare(f, g, true);
    for (const g of restB) for (const f of a.fields.map(fieldPlace)) this.compare(f, g, true);
  }

  /**
   * Boxes the floats a key of computed-key entries may be (`* float =>`, `* (float / tstr) =>`, through tags and rules):
   * those entries are a Map, which holds -0.0 as 0.0 and two NaNs as one key; CborFloats are keys of their own.
   */
  private boxKey(place: Place, seen: Set<Shape> = new Set()): void {
    const shape = this.resolve(place.get());
    // A shape met again inside itself (`k = #6.7(k)`, which no value is) adds no place.
    if (shape === null || seen.has(shape)) return;
    seen.add(shape);
    if (shape.kind === 'float') this.boxAt(place, shape);
    else if (shape.kind === 'choice') this.eachOption(place, shape, (option) => this.boxKey(option, seen));
    else if (shape.kind === 'tag') this.boxKey(innerOf(shape), seen);
  }

  /** Puts the float, boxed, at `place` (in place of a reference to a float rule, which keeps its own type). */
  private boxAt(place: Place, float: FloatShape): void {
    if (float.boxed === true || !mayBeIntegral(float)) return;
    this.replace(place, { ...float, boxed: true });
  }

  private replace(place: Place, shape: Shape): void {
    this.replaced.push([place, place.get()]);
    place.set(shape);
  }

  /** A shape through references to other rules; null for a rule with no shape. */
  private resolve(shape: Shape): Shape | null {
    if (shape.kind !== 'rule') return shape;
    // Most references lead to a shape at once: the set of rules passed is made only past the first.
    const target = this.shapes.get(shape.rule.name);
    if (target === undefined) return null;
    if (target.kind !== 'rule') return target;
    if (target.rule.name === shape.rule.name) return null;
    let current: Shape = target;
    const seen = new Set<string>([shape.rule.name]);
    while (current.kind === 'rule') {
      if (seen.has(current.rule.name)) return null;
      seen.add(current.rule.name);
      const next = this.shapes.get(current.rule.name);
      if (next === undefined) return null;
      current = next;
    }
    return current;
  }
}

/** Notes that `made` is a copy of `from` (the Boxer's origins), and gives it back. */
type Copied = <T extends Shape>(made: T, from: Shape) => T;

/**
 * A choice whose options that are choices (a boxed copy of another rule's, `f = g / float64` with
 * `g = float16 / float32`) are replaced by their options, and an option that is tags around a choice (a boxed copy
 * in `int / #6.1(number)`) by the tags around each of its options: the emitters read a choice's options as no
 * choices, and a tag's content in an option as none either.
 */
function flattened(choice: Extract<Shape, { kind: 'choice' }>, copied: Copied): Extract<Shape, { kind: 'choice' }> {
  if (!choice.options.some((option) => choiceInTags(option.shape))) return choice;
  return { ...choice, options: choice.options.flatMap((option) => optionsOf(option, copied)) };
}

/** The options an option stands for: a choice's (flattened), tags around a choice the same tags around each of its options. */
function optionsOf(option: ChoiceOption, copied: Copied): ChoiceOption[] {
  const shape = option.shape;
  if (shape.kind === 'choice') return shape.options.flatMap((inner) => optionsOf(inner, copied));
  if (shape.kind !== 'tag' || !choiceInTags(shape.inner)) return [option];
  return optionsOf({ shape: shape.inner, type: shape.innerType }, copied).map((inner) => ({
    shape: copied({ ...shape, inner: inner.shape, innerType: inner.type }, shape),
    type: { kind: 'tag', tag: shape.tag.toString(), type: inner.type },
  }));
}

/** Whether the shape is a choice, maybe inside tags written in place. */
function choiceInTags(shape: Shape): boolean {
  return shape.kind === 'choice' || (shape.kind === 'tag' && choiceInTags(shape.inner));
}

/** The shape with the tags written in it (not through rules) copied: boxing may change the copies' content. */
function ownTags(shape: Shape, copied: Copied): Shape {
  return shape.kind === 'tag' ? copied({ ...shape, inner: ownTags(shape.inner, copied) }, shape) : shape;
}

/**
 * The alternatives of a repeated group (or of `alternatives`) that its
 * discriminant does not tell apart, as one group of indices: those sharing a
 * case or among `others` with any; all when there is no discriminant.
 */
function undistinguished(count: number, discriminant: GroupDiscriminant | null): number[][] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (discriminant === null) return [all];
  return [...discriminant.cases.map((c) => [...new Set([...c.variants, ...discriminant.others])].sort((a, b) => a - b)), discriminant.others];
}

/**
 * A member of an array, with where its value is in JavaScript: `#i`, the
 * i-th element of a tuple; `.name`, a property of an object (a record); null,
 * an element at no fixed position (a list's item, what a tuple's repeated
 * member and those after it hold).
 */
interface Member extends Place {
  at: string | null;
}

/** Whether two members' values are at one place in two values: one property, one position, or an element at no fixed position beside a position. */
function samePlace(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  return (a === null && b?.startsWith('#') === true) || (b === null && a?.startsWith('#') === true);
}

/** The members of a record (by name) or a tuple (by position). */
function membersAt(fields: Field[], kind: 'record' | 'tuple'): Member[] {
  return fields.map((f, i) => new PropertyPlace(f, 'shape', kind === 'record' ? `.${f.name}` : `#${i}`));
}

/** The members of an array, where their values are (see Member). */
function arrayMembers(shape: Extract<Shape, { kind: 'array' }>): Member[] {
  const layout = shape.layout;
  switch (layout.kind) {
    case 'list':
      return [new PropertyPlace(layout, 'item')];
    case 'record':
    case 'tuple': {
      const rest = layout.rest;
      if (rest === undefined) return membersAt(layout.fields, layout.kind);
      const record = layout.kind === 'record';
      // In a tuple, an element past the required ones is an optional member's or a repeated item (arrays.ts optionalsBeforeRest).
      const fixed = layout.fields.map((f, i) => new PropertyPlace(f, 'shape', record ? `.${f.name}` : f.optional ? null : `#${i}`));
      // A record's repeated member is an array property; in a tuple, it and the members after it are at no fixed position.
      const item: Member = new PropertyPlace(rest, 'item', record ? `.${rest.name}` : null);
      return [...fixed, item, ...(layout.after ?? []).map((f) => new PropertyPlace(f, 'shape', record ? `.${f.name}` : null))];
    }
    case 'variants':
      return layout.variants.flatMap((fields) => membersAt(fields, 'record'));
    case 'runs':
      // A named member is a property (a repeated one an array property); in one array of them all, no item is at a known position.
      // A repeated group's members are in its repetitions, at no known place.
      return layout.runs.flatMap((run): Member[] => (run.group === undefined ? [new PropertyPlace(run, 'item', layout.named ? `.${run.name}` : null)] : run.group.fields.map((f) => new PropertyPlace(f, 'shape', null))));
    case 'alternatives':
    case 'groups': {
      // A repeated group's repetitions are elements too (at no fixed position), each a tuple or an object.
      if (layout.kind !== 'groups' || (layout.fields === undefined && layout.after === undefined)) return layout.variants.flatMap((variant) => membersAt(variant.fields, variant.kind));
      // The members before them are at their positions (an optional one, absent, leaves its place to a repetition); the
      // repetitions' members, and the members after them, then at none that is known.
      const unplaced = [...layout.variants.flatMap((variant) => variant.fields), ...(layout.after ?? [])].map((f) => new PropertyPlace(f, 'shape', null));
      return [...(layout.fields ?? []).map((f, i) => new PropertyPlace(f, 'shape', f.optional ? null : `#${i}`)), ...unplaced];
    }
    case 'forks':
      // No value is two alternatives' (the element where they part tells): each compares as a tuple of its own.
      return layout.variants.flatMap((variant) => arrayMembers({ kind: 'array', layout: variant }));
  }
}

// Places are objects of one small class, not objects of two closures: a choice's options are compared pairwise, and
// the closures (each named, under a loader that keeps function names) were a tenth of boxing's time.

/** A shape held in a property of a layout node: a member's, option's or field's `shape`, an item, a map's rest value, a tag's content. */
class PropertyPlace<K extends 'shape' | 'item' | 'value' | 'inner' | 'key'> implements Member {
  constructor(
    readonly holder: { [P in K]: Shape },
    readonly key: K,
    readonly at: string | null = null,
  ) {}
  get(): Shape {
    return this.holder[this.key];
  }
  set(shape: Shape): void {
    this.holder[this.key] = shape;
  }
}

function fieldPlace(field: Field): Place {
  return new PropertyPlace(field, 'shape');
}

function restPlace(rest: MapRest): Place {
  return new PropertyPlace(rest, 'value');
}

/** The key of computed-key entries: a Map's key, boxed where it may be a float (Boxer.boxKey). */
function keyPlace(rest: MapRest): Place {
  return new PropertyPlace(rest, 'key');
}

function placeOf(option: { shape: Shape }): Place {
  return new PropertyPlace(option, 'shape');
}

function innerOf(tag: Extract<Shape, { kind: 'tag' }>): Place {
  return new PropertyPlace(tag, 'inner');
}

/** The key of a pair of rules being compared, or null when either is written inline (inline shapes do not recur). */
function pairKey(a: Shape, b: Shape, inside: boolean): string | null {
  return a.kind === 'rule' && b.kind === 'rule' ? `${a.rule.name}\u0000${b.rule.name}\u0000${inside}` : null;
}
