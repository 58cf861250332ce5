/**
 * Which rules' decoders remember what they read where (`remembered`, templates/cbor-memo.ts).
 *
 * A decoder tries the alternatives of a choice one after another, rewinding
 * between them, where the bytes cannot tell it which one they are. Two
 * alternatives can read the same rule at the same offset (webdriver-bidi's
 * map and object values both read `script.MappingLocalValue`), and in nested
 * data the repeats multiply: 16 levels took 34 s. Remembering every rule read
 * below a point of backtracking makes each rule read at each offset once, so
 * decoding stays linear in the input. Schemas whose decoders never backtrack
 * (the MIMI modules) get none of this.
 */
import type { IrRule } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { directChildren, rulesReadByScalars } from '../layout/shape-children.js';
import type { Shape } from '../layout/shapes.js';
import { forkMember } from '../layout/arrays.js';
import { recursiveRules } from '../layout/rule-cycles.js';

/**
 * The rules to remember: those read inside an alternative that may be
 * rewound (`tried`, found by a first pass of the decoder emitter), and every
 * rule those read, transitively; but not a rule that reads no other rule,
 * neither directly nor inside embedded CBOR or JSON text at any depth of its
 * checks (`rulesReadByScalars`: such content is read by a reader of its own,
 * with a table of its own, so reading it again would decode it again, and its
 * own such rules theirs, at every level). Reading one again costs what reading
 * its item once does, and it is read again only as often as the remembered rules around it
 * are read at their offsets (once each) times the places of their shapes that
 * try it there, a number the schema fixes: so decoding stays linear without
 * its table, and its `readX` is the reading itself, not a second function
 * (in the 5,000-rule synthetic schema, 619 of 2,564 remembered rules were
 * enumerations, scalars and maps or arrays of scalars).
 */
export function memoisedRules(ctx: EmitContext, tried: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  const visited = new Set<string>();
  const pending = [...tried];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (visited.has(name)) continue;
    visited.add(name);
    const shape = ctx.shapes.get(name);
    if (shape === undefined) {
      result.add(name);
      continue;
    }
    const within = rulesWithin(shape);
    if (within.length > 0 || rulesReadByScalars(shape).length > 0) result.add(name);
    for (const rule of within) pending.push(rule.name);
  }
  return result;
}

/** The rules a shape reads directly (not through other rules, nor inside embedded CBOR, which has a reader of its own). */
function rulesWithin(shape: Shape, into: IrRule[] = []): IrRule[] {
  if (shape.kind === 'rule') into.push(shape.rule);
  else for (const child of directChildren(shape)) rulesWithin(child, into);
  return into;
}

/**
 * Which rules' checks remember what they found for each value within one
 * call of isX, validateX or encodeX (runtime `recallCheck`). A check tries
 * the options of a type choice, the alternatives of a repeated group, and the
 * map alternatives the members present cannot tell apart (`overlaps`) one
 * after another on the same value; two of them can check the same rule on the
 * same part of it (`t = a / b`, `a = { x: t, k: 1 }`, `b = { x: t, k: 2 }`),
 * and in nested values the repeats multiply (2^depth), or a rule can come
 * back to the same value through tags that leave no trace in it (`e =
 * #6.1(e) / #6.2(e)`: 2^256 calls for any value). Remembering every rule
 * checked below such a point makes each rule check each value once per
 * level. Only rules that can recur (tracked ones, depth.ts) can repeat
 * without bound; modules without any get none of this.
 *
 * A value can also meet a rule on a cycle of rules many times with no
 * alternative tried: one object in several places of a value (`parts: [p,
 * p]`, each `p` the same), nested, is checked 2^depth times. Every rule on a
 * cycle remembers, too. What it costs a value without such repeats is a
 * count per check (the runtime remembers nothing for the first checks of a
 * call, CHECKS_BEFORE_REMEMBERING).
 */
export function memoisedChecks(ctx: EmitContext): Set<string> {
  const tried: string[] = [];
  const visit = (shape: Shape): void => {
    const branches = triedBranches(shape);
    // One branch that goes into the value beside scalars (`Expiration / null`) checks it once.
    if (branches.filter((b) => b.some((part) => descends(part, ctx))).length > 1) for (const branch of branches) for (const rule of branch.flatMap((part) => rulesWithin(part))) tried.push(rule.name);
    for (const child of directChildren(shape)) visit(child);
  };
  for (const shape of ctx.shapes.values()) visit(shape);
  const reached = memoisedRules(ctx, new Set(tried));
  for (const name of recursiveRules(ctx.shapes)) reached.add(name);
  // A general rule's check is the matcher's, which remembers what it found itself.
  return new Set([...reached].filter((name) => ctx.tracked.has(name) && !ctx.general.has(name)));
}

/**
 * The rules from which `targets` can be reached (the targets too), through the rules each reads: those whose isX and
 * encodeX remember checks. One pass over the edges reversed, so a schema of many rules pays once, not per rule.
 */
export function rulesReaching(ctx: EmitContext, targets: ReadonlySet<string>): Set<string> {
  const readBy = new Map<string, string[]>();
  for (const [name, shape] of ctx.shapes) {
    for (const rule of rulesWithin(shape)) {
      const readers = readBy.get(rule.name);
      if (readers === undefined) readBy.set(rule.name, [name]);
      else readers.push(name);
    }
  }
  const result = new Set<string>();
  const pending = [...targets];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (result.has(name)) continue;
    result.add(name);
    for (const reader of readBy.get(name) ?? []) pending.push(reader);
  }
  return result;
}

/** The branches a check may try one after another on the same value (each as the shapes it checks). */
function triedBranches(shape: Shape): Shape[][] {
  if (shape.kind === 'choice') return shape.options.map((o) => [o.shape]);
  const layout = shape.kind === 'array' || shape.kind === 'map' ? shape.layout : null;
  if (layout === null) return [];
  if (layout.kind === 'groups' || layout.kind === 'alternatives') return layout.variants.map((v) => v.fields.map((f) => f.shape));
  // A greedy repetition (ArrayRest.greedy) tests the element after its last item against its item type, then checks it as the member after.
  if ((layout.kind === 'record' || layout.kind === 'tuple') && layout.rest?.greedy === true && layout.after !== undefined) {
    return [[layout.rest.item], layout.after.map((f) => f.shape)];
  }
  // Alternatives that part at one member test the element there against each alternative's member, and the one that
  // takes it checks it again as its member: a member that goes into the value goes in twice, once each way.
  if (layout.kind === 'forks') {
    return layout.variants.flatMap((variant) => {
      const member = forkMember(variant, layout.at).shape;
      return [[member], [member]];
    });
  }
  // One array of several repeated members tests each element against the members' items in turn (layout/runs.ts).
  if (layout.kind === 'runs' && !layout.named) return layout.runs.map((run) => (run.group === undefined ? [run.item] : run.group.fields.map((f) => f.shape)));
  // Optional members before a repeated one test the element that may be the repetition's first item, then check it as that item.
  if ((layout.kind === 'record' || layout.kind === 'tuple') && layout.rest !== undefined && layout.fields.some((f) => f.optional)) {
    return [layout.fields.filter((f) => f.optional).map((f) => f.shape), [layout.rest.item]];
  }
  if (layout.kind !== 'variants') return [];
  // Where the members present cannot tell; each overlap's alternatives all go into the value, since they share its members.
  return layout.overlaps.flat().flatMap((k): Shape[][] => {
    const variant = layout.variants[k];
    if (variant === undefined) return [];
    if (Array.isArray(variant)) return [variant.map((f) => f.shape)];
    return [[...variant.fields.map((f) => f.shape), ...variant.rests.flatMap((rest) => [rest.key, rest.value])]];
  });
}

/** Whether checking a shape can go into other values or rules (not a scalar, nor `any`, which is checked whole). */
function descends(shape: Shape, ctx: EmitContext, seen: ReadonlySet<string> = new Set()): boolean {
  switch (shape.kind) {
    case 'rule': {
      const target = ctx.shapes.get(shape.rule.name);
      return target !== undefined && !seen.has(shape.rule.name) && descends(target, ctx, new Set([...seen, shape.rule.name]));
    }
    case 'choice':
      return shape.options.some((o) => descends(o.shape, ctx, seen));
    case 'tag':
    case 'tagged':
    case 'array':
    case 'map':
      return true;
    default:
      return false;
  }
}
