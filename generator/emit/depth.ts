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
import { isCycle, stronglyConnected } from '../strongly-connected.js';

/** The runtime's MAX_DEPTH (templates/runtime.ts), which the generated code names. */
export const MAX_DEPTH = 256;

/** The names of the rules whose check functions take a `depth`. */
export function trackedRules(shapes: ReadonlyMap<string, Shape>, general: ReadonlyMap<string, unknown> = new Map()): ReadonlySet<string> {
  const levels = ruleLevels(shapes, general);
  const tracked = new Set<string>();
  const pending: string[] = [];
  for (const name of shapes.keys()) {
    if ((levels.get(name) ?? 0) > MAX_DEPTH) pending.push(name);
  }
  // Everything with a level of its own that a tracked rule's check calls is tracked too.
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (tracked.has(name)) continue;
    tracked.add(name);
    const shape = shapes.get(name);
    if (shape !== undefined) for (const callee of calledRules(shape)) if (!tracked.has(callee) && (levels.get(callee) ?? 0) > 0) pending.push(callee);
  }
  return tracked;
}

/** A rule's levels in terms of others': at least `base`, and `offset` more than each of `refs`' (shapeLevels, unrolled). */
interface RuleLevels {
  base: number;
  refs: { rule: string; offset: number }[];
}

/**
 * The most levels a value of each rule can span: Infinity for a rule on a cycle or reaching one, and for a general
 * rule (its shape is `any`, while the general matcher nests it as deep as its values go: counted as endless, so that its
 * check takes the level it starts at, and so does every check that calls it). Rules in reverse topological order, without
 * recursion over rules: a chain of thousands of rules must not overflow the stack.
 */
function ruleLevels(shapes: ReadonlyMap<string, Shape>, general: ReadonlyMap<string, unknown>): Map<string, number> {
  const parts = new Map<string, RuleLevels>();
  for (const [name, shape] of shapes) {
    const own: RuleLevels = { base: 0, refs: [] };
    shapeLevels(shape, 0, own);
    parts.set(name, own);
  }
  const levels = new Map<string, number>();
  const successors = (name: string) => (parts.get(name) as RuleLevels).refs.map((r) => r.rule);
  // Each component comes after every component it reaches, whose levels are known by then.
  for (const component of stronglyConnected([...shapes.keys()], successors)) {
    const cyclic = isCycle(component, successors);
    for (const name of component) {
      const own = parts.get(name) as RuleLevels;
      let most = cyclic || general.has(name) ? Infinity : own.base;
      for (const ref of own.refs) most = Math.max(most, ref.offset + (levels.get(ref.rule) ?? 0));
      levels.set(name, most);
    }
  }
  return levels;
}

/** Adds to `into` the levels of `shape`, standing `offset` levels deep in its rule: a rule's levels are the most of them. */
function shapeLevels(shape: Shape, offset: number, into: RuleLevels): void {
  const at = (levels: number) => {
    into.base = Math.max(into.base, offset + levels);
  };
  switch (shape.kind) {
    case 'rule':
      into.refs.push({ rule: shape.rule.name, offset });
      return;
    case 'bytes':
    case 'text': {
      // Embedded CBOR counts as if it stood in the byte string's place; a sequence's array is not a level.
      if (shape.kind === 'bytes' && shape.embedded !== undefined) into.refs.push({ rule: shape.embedded.rule.name, offset: offset - (shape.embedded.sequence ? 1 : 0) });
      // So does what a check reads inside the string (`tstr .json t`, `tstr .b64u (bstr .cbor t)`); a sequence there
      // is counted with its array, one level more than it can be, which at worst tracks a rule that needs it not.
      for (const rule of rulesReadByScalars(shape.checks ?? [])) into.refs.push({ rule: rule.name, offset });
      at(0);
      return;
    }
    case 'tag':
    case 'tagged':
      at(1);
      shapeLevels(shape.inner, offset + 1, into);
      return;
    case 'int':
      // A bignum (tag 2 or 3 around the bytes) is a level: written for integers beyond 64 bits.
      at(shape.bignum === true ? 1 : 0);
      return;
    case 'any':
      at(anyLevels(shape));
      return;
    case 'choice':
      for (const o of shape.options) shapeLevels(o.shape, offset, into);
      return;
    case 'array':
    case 'map':
      at(1);
      for (const child of childShapes(shape)) shapeLevels(child, offset + 1, into);
      return;
    default:
      at(0);
  }
}

/**
 * The most levels a value of `any` nests: as many as the limit allows (a CborAny is within it on its own, wherever
 * it stands), none for `#0`, `#1`, `#2`, `#3`, `#7`, whose items nest nothing.
 */
export function anyLevels(shape: Extract<Shape, { kind: 'any' }>): number {
  return shape.head === undefined || (shape.head.major >= 4 && shape.head.major <= 6) ? MAX_DEPTH : 0;
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
