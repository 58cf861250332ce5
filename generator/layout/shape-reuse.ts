/**
 * What a later round of layoutShapes (general.ts) may take over from the one
 * before it. A round makes the rules the lossless check refused general and
 * computes every shape again; but a rule's shape (shapes.ts `ruleShape`)
 * depends only on its IR and on which of the rules it reaches through
 * references are general (the shape functions look into a referenced rule
 * unless it is general, and into nothing else that changes between rounds).
 * A rule that reaches none of the rules made general since its shape was
 * computed would get the same shape again: it gets a copy of the one it had,
 * as ruleShape returned it (coinciding-floats.ts undoes its boxing first),
 * which is much cheaper. A copy, not the object itself: the planner keeps
 * what it found by shape object (choice-plans.ts, option-forms.ts), and
 * those answers belonged to the earlier round's shapes.
 *
 * At 5,000 synthetic rules the layout took three rounds (seven rules made
 * general in two), and computing shapes was about 8% of compiling.
 */
import type { IrGroup, IrRule, IrType } from '../ir/types.js';
import { GENERAL_SHAPE, type Shape } from './shapes.js';

/** For each rule, the rules whose IR names it (type and group rules alike): references, splices of group rules. */
export function referrersOf(rules: Iterable<IrRule>): Map<string, string[]> {
  const referrers = new Map<string, string[]>();
  const named = new Set<string>();
  for (const rule of rules) {
    named.clear();
    if (rule.type !== undefined) typeNames(rule.type, named);
    if (rule.group !== undefined) groupNames(rule.group, named);
    for (const name of named) {
      const list = referrers.get(name);
      if (list === undefined) referrers.set(name, [rule.name]);
      else list.push(rule.name);
    }
  }
  return referrers;
}

/** The rules an IR type names, at any depth (a walk by kind: walking every property of every node cost a third of what reuse saved). */
function typeNames(type: IrType, into: Set<string>): void {
  switch (type.kind) {
    case 'ref':
      into.add(type.rule);
      return;
    case 'prim':
    case 'literal':
    case 'range':
    case 'major':
      return;
    case 'choice':
      for (const option of type.options) typeNames(option, into);
      return;
    case 'array':
    case 'map':
      groupNames(type.group, into);
      return;
    case 'enum':
      for (const value of type.values) typeNames(value.type, into);
      return;
    case 'tag':
      if (typeof type.tag === 'object' && type.tag !== null) typeNames(type.tag, into);
      typeNames(type.type, into);
      return;
    case 'control':
      typeNames(type.target, into);
      typeNames(type.controller, into);
      return;
    default: {
      // A kind added to the IR must say here which rules it names, or a shape that looks into them would be taken over.
      const unknown: never = type;
      throw new Error(`internal: IR type ${JSON.stringify(unknown)} not walked`);
    }
  }
}

function groupNames(group: IrGroup, into: Set<string>): void {
  for (const choice of group.choices) {
    for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        if (entry.key?.kind === 'type') typeNames(entry.key.type, into);
        typeNames(entry.type, into);
      } else {
        if (entry.ref !== null) into.add(entry.ref);
        if (entry.group !== null) groupNames(entry.group, into);
      }
    }
  }
}

/** Adds `name` and every rule that reaches it through references to `into`. */
export function addReaching(name: string, referrers: ReadonlyMap<string, readonly string[]>, into: Set<string>): void {
  if (into.has(name)) return;
  into.add(name);
  const stack = [name];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    for (const referrer of referrers.get(next) ?? []) {
      if (into.has(referrer)) continue;
      into.add(referrer);
      stack.push(referrer);
    }
  }
}

/**
 * Properties whose values a copy shares: the IR a shape points to (rules,
 * spans, IR types: the properties layoutsToJson prints as names and CDDL),
 * which a shape computed again points to as well.
 */
const SHARED_PROPERTIES: ReadonlySet<string> = new Set(['rule', 'span', 'type', 'innerType', 'itemType', 'keyType', 'valueType']);

/**
 * A copy of a shape as ruleShape made it: every object and array of it new (an
 * object met twice copied once, so that what it shared stays shared), the IR
 * it points to the same, and {@link GENERAL_SHAPE} itself, which the planner
 * recognises by identity.
 */
export function copyShape(shape: Shape): Shape {
  return copyValue(shape, new Map()) as Shape;
}

function copyValue(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null || value === GENERAL_SHAPE) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = value.slice();
    copies.set(value, copy);
    for (let i = 0; i < copy.length; i++) {
      const item: unknown = copy[i];
      if (typeof item === 'object' && item !== null) copy[i] = copyValue(item, copies);
    }
    return copy;
  }
  // Shapes are plain data (layoutsToJson refuses anything else); anything else is shared as it is.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  // A spread keeps the object's layout (its hidden class), as the functions that made it wrote it: the code reading
  // shapes stays as fast as on shapes computed afresh, and storing into properties it has keeps that layout too.
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copies.set(value, copy);
  for (const key in copy) {
    const field = copy[key];
    if (typeof field === 'object' && field !== null && !SHARED_PROPERTIES.has(key)) copy[key] = copyValue(field, copies);
  }
  return copy;
}
