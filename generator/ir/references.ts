/**
 * Which rules a rule names: references to type rules and splices of group rules, at any depth of its
 * definition. The IR passes that follow rules from rule (ir/unproductive.ts) and the layouts' reuse of
 * shapes between rounds (layout/shape-reuse.ts) read the rule graph from here.
 */
import type { IrGroup, IrRule, IrType } from './types.js';

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

/** The rules `name` reaches through references and splices, itself included. */
export function reachedFrom(name: string, rules: ReadonlyMap<string, IrRule>): Set<string> {
  const reached = new Set<string>([name]);
  const stack = [name];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const rule = rules.get(next);
    if (rule === undefined) continue;
    const named = new Set<string>();
    if (rule.type !== undefined) typeNames(rule.type, named);
    if (rule.group !== undefined) groupNames(rule.group, named);
    for (const n of named) if (!reached.has(n)) (reached.add(n), stack.push(n));
  }
  return reached;
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
