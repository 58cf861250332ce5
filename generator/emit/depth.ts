/**
 * Which check functions need to know how deep they are. The decoders accept
 * at most MAX_DEPTH (the runtime's) levels of arrays, maps and tags, embedded
 * CBOR included; guards and encoders must accept exactly that, or an encoder
 * would write what the module's decoders refuse, and a cyclic or very deep
 * value would run them out of stack.
 *
 * A rule whose values can nest without bound (it reaches a cycle of rules,
 * directly or through embedded CBOR or a text control's content) or deeper than the limit is tracked: its
 * check function takes the level it starts at. So is every rule with a level
 * of its own that a tracked rule calls, since it can be reached at any level.
 * The other rules are never deeper than the limit wherever they occur, and
 * pay nothing.
 */
import type { Shape } from '../layout/shapes.js';
import { rulesReadByScalars } from '../layout/shape-children.js';

/** The runtime's MAX_DEPTH (templates/runtime.ts), which the generated code names. */
export const MAX_DEPTH = 256;

/** The names of the rules whose check functions take a `depth`. */
export function trackedRules(shapes: ReadonlyMap<string, Shape>, general: ReadonlyMap<string, unknown> = new Map()): ReadonlySet<string> {
  const deepest = new Map<string, number>();
  const active = new Set<string>();

  /** The most levels a value of rule `name` can span (Infinity on a cycle). */
  const ruleLevels = (name: string): number => {
    const known = deepest.get(name);
    if (known !== undefined) return known;
    // A general rule's shape is `any`, while the general matcher nests it as deep as its values go: counted as
    // endless, so that its check takes the level it starts at, and so does every check that calls it.
    if (active.has(name) || general.has(name)) return Infinity;
    const shape = shapes.get(name);
    if (shape === undefined) return 0;
    active.add(name);
    const levels = shapeLevels(shape, ruleLevels);
    active.delete(name);
    deepest.set(name, levels);
    return levels;
  };

  const tracked = new Set<string>();
  const pending: string[] = [];
  for (const name of shapes.keys()) {
    if (ruleLevels(name) > MAX_DEPTH) pending.push(name);
  }
  // Everything with a level of its own that a tracked rule's check calls is tracked too.
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (tracked.has(name)) continue;
    tracked.add(name);
    const shape = shapes.get(name);
    if (shape !== undefined) for (const callee of calledRules(shape)) if (!tracked.has(callee) && ruleLevels(callee) > 0) pending.push(callee);
  }
  return tracked;
}

/** The most levels of arrays, maps and tags a value of `shape` spans; `ruleLevels` gives a referenced rule's. */
function shapeLevels(shape: Shape, ruleLevels: (name: string) => number): number {
  switch (shape.kind) {
    case 'rule':
      return ruleLevels(shape.rule.name);
    case 'bytes':
    case 'text': {
      // Embedded CBOR counts as if it stood in the byte string's place; a sequence's array is not a level.
      const own = shape.kind === 'bytes' && shape.embedded !== undefined ? Math.max(ruleLevels(shape.embedded.rule.name) - (shape.embedded.sequence ? 1 : 0), 0) : 0;
      // So does what a check reads inside the string (`tstr .json t`, `tstr .b64u (bstr .cbor t)`); a sequence there
      // is counted with its array, one level more than it can be, which at worst tracks a rule that needs it not.
      let inside = 0;
      for (const rule of rulesReadByScalars(shape.checks ?? [])) inside = Math.max(inside, ruleLevels(rule.name));
      return Math.max(own, inside);
    }
    case 'tag':
    case 'tagged':
      return 1 + shapeLevels(shape.inner, ruleLevels);
    case 'int':
      // A bignum (tag 2 or 3 around the bytes) is a level: written for integers beyond 64 bits.
      return shape.bignum === true ? 1 : 0;
    case 'any':
      return anyLevels(shape);
    case 'choice':
      return deepest(shape.options.map((o) => o.shape), ruleLevels);
    case 'array':
    case 'map':
      return 1 + deepest(childShapes(shape), ruleLevels);
    default:
      return 0;
  }
}

/**
 * The most levels a value of `any` nests: as many as the limit allows (a CborAny is within it on its own, wherever
 * it stands), none for `#0`, `#1`, `#2`, `#3`, `#7`, whose items nest nothing.
 */
export function anyLevels(shape: Extract<Shape, { kind: 'any' }>): number {
  return shape.head === undefined || (shape.head.major >= 4 && shape.head.major <= 6) ? MAX_DEPTH : 0;
}

/** The most levels any of the shapes has (0 for none); not a closure in shapeLevels, which runs for every shape. */
function deepest(shapes: readonly Shape[], ruleLevels: (name: string) => number): number {
  let max = 0;
  for (const s of shapes) max = Math.max(max, shapeLevels(s, ruleLevels));
  return max;
}

/** The shapes of an array's or a map's members, entries and alternatives. */
export function childShapes(shape: Extract<Shape, { kind: 'array' | 'map' }>): Shape[] {
  if (shape.kind === 'map') {
    const structs = shape.layout.kind === 'variants' ? shape.layout.variants : [shape.layout];
    return structs.flatMap((s) => [...s.fields.map((f) => f.shape), ...s.rests.flatMap((rest) => [rest.key, rest.value])]);
  }
  const layout = shape.layout;
  switch (layout.kind) {
    case 'record':
    case 'tuple':
      return [...layout.fields, ...(layout.after ?? [])].map((f) => f.shape).concat(layout.rest === undefined ? [] : [layout.rest.item]);
    case 'list':
      return [layout.item];
    case 'variants':
      return layout.variants.flat().map((f) => f.shape);
    case 'groups':
      return [...(layout.fields ?? []), ...layout.variants.flatMap((v) => v.fields), ...(layout.after ?? [])].map((f) => f.shape);
    case 'alternatives':
      return layout.variants.flatMap((v) => v.fields.map((f) => f.shape));
    case 'forks':
      return layout.variants.flatMap((variant) => childShapes({ kind: 'array', layout: variant }));
    case 'runs':
      return layout.runs.flatMap((run) => (run.group === undefined ? [run.item] : run.group.fields.map((f) => f.shape)));
  }
}

/** The rules whose check functions a check of `shape` calls (embedded rules are read by their decoders instead). */
function calledRules(shape: Shape): string[] {
  switch (shape.kind) {
    case 'rule':
      return [shape.rule.name];
    case 'tag':
    case 'tagged':
      return calledRules(shape.inner);
    case 'choice':
      return shape.options.flatMap((o) => calledRules(o.shape));
    case 'array':
    case 'map':
      return childShapes(shape).flatMap(calledRules);
    default:
      return [];
  }
}
