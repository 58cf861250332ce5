/**
 * Rules no data item matches because each of their values would have to hold another value of the same
 * rules, without end: `tree = [tree, tree]` (no leaf), `x = { next: x }`, `x = #6.1(x)`, `x = "a" .cat x`.
 * A data item is finite, so such a rule has no values: its least solution (RFC 8610 §2.2.2 and RFC 9165
 * §2.1 read rules as equations between sets of values) is empty. The generator said nothing, typed it as
 * its definition (`type Tree = [Tree, Tree]`) and generated a decoder that refuses every item; now its type
 * is the empty choice, typed `never` as any type that matches nothing, with a warning, and `nothing` on
 * the choice names the rules each value would need (the layouts' reason: JSDoc and the decoder's error).
 *
 * What counts as a value is read generously, so that only a rule surely empty is rewritten: a control is
 * as good as its target (and, for the controls that need a value of their controller, `.cat`, `.cbor`,
 * `.and`, `.size`, the comparisons, its controller), and a socket, an empty choice or an enumeration
 * always has values here (an empty socket is said elsewhere, and a vendor may plug it). A rule that is nothing but other rules
 * (`a = b`, `b = a`) is an error of ir/cycles.ts, which runs first.
 */
import { referrersOf } from './references.js';
import type { IrEntry, IrGroup, IrRule, IrType, IrWarning } from './types.js';

/**
 * Controls that leave no value where their controller has none: those that make their values from both sides (`.cat`,
 * `.cbor`, …), the intersections (`.and`, `.within`), and the comparisons and `.size`, which a value meets only against
 * some value of the controller (`x = uint .size x`: the sizes would be values of x, of which there are none to start
 * from). Not `.ne` (a controller with fewer values leaves more), `.bits` (no bits leave 0) or `.default`.
 */
const NEEDS_CONTROLLER: ReadonlySet<string> = new Set(['cat', 'det', 'plus', 'join', 'printf', 'cbor', 'cborseq', 'json', 'and', 'within', 'size', 'lt', 'le', 'gt', 'ge', 'eq']);

/** The rules with no values rewritten as the empty choice (typed never), each with a warning. */
export function withoutUnproductive(rules: readonly IrRule[], productive: ReadonlySet<string> = productiveRules(rules)): { rules: IrRule[]; warnings: IrWarning[] } {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const warnings: IrWarning[] = [];
  const rewritten = rules.map((rule) => {
    if (rule.kind !== 'type' || productive.has(rule.name)) return rule;
    // A type hoisted out of a rule (`x.option1`) is shown as written (`[x]`), and said in its rule's warning.
    const shown = needed(rule.name, byName, productive).map((name) => byName.get(name)?.hoistedFrom?.cddl ?? name);
    const first = byName.get(shown[1] as string) === undefined ? shown[1] : `'${shown[1]}'`;
    const nothing = `each of its values would need a value of ${first} (${shown.join(' → ')}), and that one another, without end, but a data item is finite`;
    if (rule.hoistedFrom === undefined) {
      warnings.push({
        kind: 'matches-nothing',
        span: rule.span,
        message: `'${rule.name}' matches nothing: ${nothing} (RFC 8610 §2.2.2: a rule's values are the least solution of its definition, empty here), so no data item matches it: it is typed never, and decoding it always fails`,
      });
    }
    const type: IrType = { kind: 'choice', options: [], nothing };
    return { ...rule, type };
  });
  return { rules: rewritten, warnings };
}

/**
 * The rules with some value, as a least fixed point: a rule has one once its definition does with the rules found so
 * far. Rules are tried in order (most refer to earlier ones), then each rule again when a rule it names is found.
 */
export function productiveRules(rules: readonly IrRule[]): Set<string> {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const productive = new Set<string>();
  const referrers = referrersOf(rules);
  const pending = rules.map((r) => r.name).reverse();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (productive.has(name)) continue;
    const rule = byName.get(name) as IrRule;
    if (!ruleHasValues(rule, productive)) continue;
    productive.add(name);
    for (const referrer of referrers.get(name) ?? []) if (!productive.has(referrer)) pending.push(referrer);
  }
  return productive;
}

function ruleHasValues(rule: IrRule, productive: ReadonlySet<string>): boolean {
  if (rule.socket) return true;
  if (rule.type !== undefined) return hasValues(rule.type, productive);
  return rule.group === undefined || groupHasValues(rule.group, productive);
}

/** Whether the type has a value, its rules' values being those found so far (generously: see the file's comment). */
function hasValues(type: IrType, productive: ReadonlySet<string>): boolean {
  switch (type.kind) {
    case 'ref':
      return productive.has(type.rule);
    case 'choice':
      return type.options.length === 0 || type.options.some((o) => hasValues(o, productive));
    case 'array':
    case 'map':
      return groupHasValues(type.group, productive);
    case 'tag':
      return hasValues(type.type, productive);
    case 'control':
      return hasValues(type.target, productive) && (!NEEDS_CONTROLLER.has(type.op) || hasValues(type.controller, productive));
    default:
      return true;
  }
}

function groupHasValues(group: IrGroup, productive: ReadonlySet<string>): boolean {
  return group.choices.some((choice) => choice.entries.every((entry) => entry.occurrence.min === 0 || entryHasValues(entry, productive)));
}

function entryHasValues(entry: IrEntry, productive: ReadonlySet<string>): boolean {
  if (entry.kind === 'group') return entry.ref !== null ? productive.has(entry.ref) : entry.group === null || groupHasValues(entry.group, productive);
  return hasValues(entry.type, productive) && (entry.key?.kind !== 'type' || hasValues(entry.key.type, productive));
}

/** The rules without values each value of `start` would need, one after another, until one comes back: `tree`, `tree`. */
function needed(start: string, byName: ReadonlyMap<string, IrRule>, productive: ReadonlySet<string>): string[] {
  const path = [start];
  const seen = new Set(path);
  for (;;) {
    const rule = byName.get(path[path.length - 1] as string) as IrRule;
    const next = rule.type !== undefined ? neededBy(rule.type, productive) : rule.group !== undefined ? neededByGroup(rule.group, productive) : null;
    if (next === null) return path;
    path.push(next);
    if (seen.has(next)) return path;
    seen.add(next);
  }
}

/** The first rule without values that a type without values needs (its first option's, its first required member's). */
function neededBy(type: IrType, productive: ReadonlySet<string>): string | null {
  switch (type.kind) {
    case 'ref':
      return type.rule;
    case 'choice':
      return type.options.length === 0 ? null : neededBy(type.options[0] as IrType, productive);
    case 'array':
    case 'map':
      return neededByGroup(type.group, productive);
    case 'tag':
      return neededBy(type.type, productive);
    case 'control':
      return hasValues(type.target, productive) ? neededBy(type.controller, productive) : neededBy(type.target, productive);
    default:
      return null;
  }
}

function neededByGroup(group: IrGroup, productive: ReadonlySet<string>): string | null {
  const choice = group.choices[0];
  const entry = choice?.entries.find((e) => e.occurrence.min > 0 && !entryHasValues(e, productive));
  if (entry === undefined) return null;
  if (entry.kind === 'group') return entry.ref ?? (entry.group === null ? null : neededByGroup(entry.group, productive));
  return hasValues(entry.type, productive) && entry.key?.kind === 'type' ? neededBy(entry.key.type, productive) : neededBy(entry.type, productive);
}
