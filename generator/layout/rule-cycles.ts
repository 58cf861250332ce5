/**
 * Which rules are on a cycle of rules: what the choice planner (choice-plans.ts)
 * needs to know to keep an answer about a pair of rules.
 */
import type { Shape } from './shapes.js';
import { directChildren } from './shape-children.js';

/**
 * The rules on a cycle of rules (strongly connected components, Tarjan's
 * algorithm without recursion), a rule leading to those it reads directly
 * ({@link directChildren}, which has every shape the analysis looks into).
 */
export function recursiveRules(shapes: ReadonlyMap<string, Shape>): Set<string> {
  const edges = new Map<string, string[]>();
  const refsOf = (shape: Shape, into: string[]): string[] => {
    if (shape.kind === 'rule') into.push(shape.rule.name);
    else for (const child of directChildren(shape)) refsOf(child, into);
    return into;
  };
  for (const [name, shape] of shapes) edges.set(name, shape.kind === 'rule' ? [shape.rule.name] : refsOf(shape, []));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const recursive = new Set<string>();
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1] as [string, number];
      const [name, next] = top;
      if (next === 0) {
        index.set(name, index.size);
        low.set(name, index.get(name) as number);
        stack.push(name);
        onStack.add(name);
      }
      const targets = edges.get(name) ?? [];
      if (next < targets.length) {
        top[1] = next + 1;
        const target = targets[next] as string;
        if (!edges.has(target)) continue;
        if (target === name) recursive.add(name);
        if (!index.has(target)) work.push([target, 0]);
        else if (onStack.has(target)) low.set(name, Math.min(low.get(name) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(name) as number));
      if (low.get(name) === index.get(name)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === name) break;
        }
        if (component.length > 1) for (const member of component) recursive.add(member);
      }
    }
  }
  return recursive;
}
