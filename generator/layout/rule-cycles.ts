/**
 * Which rules are on a cycle of rules: what the choice planner (choice-plans.ts)
 * needs to know to keep an answer about a pair of rules.
 */
import type { Shape } from './shapes.js';
import { directChildren } from './shape-children.js';
import { isCycle, stronglyConnected } from '../strongly-connected.js';

/**
 * The rules on a cycle of rules (strongly connected components), a rule leading to those it reads directly
 * ({@link directChildren}, which has every shape the analysis looks into).
 */
export function recursiveRules(shapes: ReadonlyMap<string, Shape>): Set<string> {
  const successors = ruleEdges(shapes);
  const recursive = new Set<string>();
  for (const component of stronglyConnected([...shapes.keys()], successors)) if (isCycle(component, successors)) for (const member of component) recursive.add(member);
  return recursive;
}

/** Each rule's successors: the rules it reads directly ({@link directChildren}). */
function ruleEdges(shapes: ReadonlyMap<string, Shape>): (name: string) => readonly string[] {
  const edges = new Map<string, string[]>();
  const refsOf = (shape: Shape, into: string[]): string[] => {
    if (shape.kind === 'rule') into.push(shape.rule.name);
    else for (const child of directChildren(shape)) refsOf(child, into);
    return into;
  };
  for (const [name, shape] of shapes) edges.set(name, shape.kind === 'rule' ? [shape.rule.name] : refsOf(shape, []));
  return (name) => edges.get(name) ?? [];
}
