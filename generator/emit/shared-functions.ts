/**
 * Rules that are another rule under a second name (`Rule23 = Rule20`, `a = b`): the same layout, the same values, so
 * the same decoder, check and writer. Such a rule gets no functions of its own: its public ones are the other rule's,
 * exported under its names (`export { decodeRule20 as decodeRule23 }`), and other rules call the other rule's
 * functions where they read, check or write it. Its type and its name in messages ("expected a Rule23") stay its own.
 * In the 5,000-rule synthetic schema of the benchmark, 760 rules are such, and each took seven functions (a remembering
 * read and its first read, check, write, and the four public constants) that only called on.
 */
import type { IrRule } from '../ir/types.js';
import { rulesReadByScalars } from '../layout/shape-children.js';
import type { Shape } from '../layout/shapes.js';

/**
 * For each rule that is another under a second name, the rule whose functions it uses (the end of a chain of such
 * rules). Only type rules the typed layouts cover, on both ends; not a rule whose reader a scalar test calls by its
 * own name (inside embedded CBOR, `.cbor`, or JSON text, `.json`), which is written where no rule's functions are
 * looked up (scalars.ts).
 */
export function sharedFunctions(typeRules: readonly IrRule[], shapes: ReadonlyMap<string, Shape>, general: ReadonlyMap<string, string>): Map<string, IrRule> {
  const byName = new Map(typeRules.map((rule) => [rule.name, rule]));
  const readByScalars = new Set<string>();
  for (const shape of shapes.values()) for (const read of rulesReadByScalars(shape)) readByScalars.add(read.name);
  /** The rule a rule is under a second name, or undefined. */
  const otherName = (rule: IrRule): IrRule | undefined => {
    const shape = shapes.get(rule.name);
    if (shape?.kind !== 'rule' || rule.type?.kind !== 'ref' || rule.type.rule !== shape.rule.name) return undefined;
    const target = byName.get(shape.rule.name);
    if (target === undefined || target === rule || general.has(rule.name) || general.has(target.name) || readByScalars.has(rule.name)) return undefined;
    return target;
  };
  const result = new Map<string, IrRule>();
  for (const rule of typeRules) {
    let target = otherName(rule);
    if (target === undefined) continue;
    // Follow the chain to the rule with functions; a chain that comes back (`a = b`, `b = a`) matches nothing and keeps its own.
    const seen = new Set([rule.name]);
    for (let next = otherName(target); next !== undefined && !seen.has(target.name); next = otherName(target)) {
      seen.add(target.name);
      target = next;
    }
    if (!seen.has(target.name)) result.set(rule.name, target);
  }
  return result;
}

/** The rule whose functions read, check and write `rule`: `rule` itself, or the one it is under a second name. */
export function functionsOf(shared: ReadonlyMap<string, IrRule>, rule: IrRule): IrRule {
  return shared.get(rule.name) ?? rule;
}
