/**
 * What a later round of layoutShapes (general.ts) may take over from the one
 * before it. A round makes the rules the lossless check refused general and
 * computes every shape again; but a rule's shape (shapes.ts `ruleShape`)
 * depends only on its IR and on which of the rules it reaches through
 * references are general (the shape functions look into a referenced rule
 * unless it is general, and into nothing else that changes between rounds).
 * A rule that reaches none of the rules made general since its shape was
 * computed would get the same shape again: it keeps the one it had, as
 * ruleShape returned it (coinciding-floats.ts undoes the earlier round's
 * boxing first). What the planner found from shapes is kept by rule table
 * (choice-plans.ts, option-forms.ts), so nothing found in the earlier round
 * is taken for this one.
 *
 * At 5,000 synthetic rules the layout takes three rounds (seven rules made
 * general in two), and computing shapes again was about 8% of compiling.
 */
import type { Shape } from './shapes.js';

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

/** Properties of shapes that hold IR (rules, spans, IR types): not walked by {@link objectsOf}. */
const IR_PROPERTIES: ReadonlySet<string> = new Set(['rule', 'span', 'type', 'innerType', 'itemType', 'keyType', 'valueType']);

/** The properties boxing replaces shapes in (coinciding-floats.ts places): a member's, option's or field's, an item, a rest's value, a tag's content. */
const PLACE_PROPERTIES = ['shape', 'item', 'value', 'inner'] as const;

/**
 * The objects of the rules' shapes that hold a shape where boxing may replace it ({@link PLACE_PROPERTIES}), with
 * the rule whose shape they are in (null for one in the shapes of several). The walk keeps only those: recording
 * every object (intervals, keys, bounds) was 2% of compiling 5,000 rules.
 */
export function objectsOf(shapes: ReadonlyMap<string, Shape>, rules: Iterable<string>): Map<object, string | null> {
  const holders = new Map<object, string | null>();
  const stack: unknown[] = [];
  for (const rule of rules) {
    stack.push(shapes.get(rule));
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
        continue;
      }
      const node = value as Record<string, unknown>;
      if (PLACE_PROPERTIES.some((key) => typeof node[key] === 'object' && node[key] !== null)) {
        const owner = holders.get(node);
        if (owner === rule || owner === null) continue;
        holders.set(node, owner === undefined ? rule : null);
      }
      for (const key in node) {
        const field = node[key];
        if (typeof field === 'object' && field !== null && !IR_PROPERTIES.has(key)) stack.push(field);
      }
    }
  }
  return holders;
}
