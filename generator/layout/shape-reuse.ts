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
import type { IrRule } from '../ir/types.js';
import { GENERAL_SHAPE, type Shape } from './shapes.js';

/** For each rule, the rules whose IR names it (type and group rules alike): references, splices of group rules. */
export function referrersOf(rules: Iterable<IrRule>): Map<string, string[]> {
  const referrers = new Map<string, string[]>();
  for (const rule of rules) {
    const named = new Set<string>();
    namesIn(rule.type, named);
    namesIn(rule.group, named);
    for (const name of named) {
      const list = referrers.get(name);
      if (list === undefined) referrers.set(name, [rule.name]);
      else list.push(rule.name);
    }
  }
  return referrers;
}

/** The rule names IR data refers to, at any depth: `{ kind: 'ref', rule }` types and `{ kind: 'group', ref }` entries. */
function namesIn(root: unknown, into: Set<string>): void {
  if (root === undefined) return;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const node = value as Record<string, unknown>;
    if (node['kind'] === 'ref' && typeof node['rule'] === 'string') into.add(node['rule']);
    if (node['kind'] === 'group' && typeof node['ref'] === 'string') into.add(node['ref']);
    for (const key of Object.keys(node)) if (key !== 'span') stack.push(node[key]);
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
