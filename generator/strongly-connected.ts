/**
 * Strongly connected components of a graph of names (Tarjan's algorithm, without recursion: a chain of thousands of
 * rules must not overflow the stack). Used on rules by the IR (ir/cycles.ts), the layouts (layout/rule-cycles.ts) and
 * the emitters (emit/depth.ts).
 */

/**
 * The components, each after every component it reaches (reverse topological order); `successors` may name nodes
 * that are not in `names`, which are left out.
 */
export function stronglyConnected(names: readonly string[], successors: (name: string) => readonly string[]): string[][] {
  const known = new Set(names);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const root of names) {
    if (index.has(root)) continue;
    const frames: { name: string; next: readonly string[]; at: number }[] = [];
    const enter = (name: string) => {
      index.set(name, index.size);
      low.set(name, index.get(name) as number);
      stack.push(name);
      onStack.add(name);
      frames.push({ name, next: successors(name), at: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { name: string; next: readonly string[]; at: number };
      if (frame.at < frame.next.length) {
        const next = frame.next[frame.at++] as string;
        if (!known.has(next)) continue;
        if (!index.has(next)) enter(next);
        else if (onStack.has(next)) low.set(frame.name, Math.min(low.get(frame.name) as number, index.get(next) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.name, Math.min(low.get(parent.name) as number, low.get(frame.name) as number));
      if (low.get(frame.name) !== index.get(frame.name)) continue;
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.name) break;
      }
      components.push(component);
    }
  }
  return components;
}

/** Whether a component is a cycle: more than one name, or one that is its own successor. */
export function isCycle(component: readonly string[], successors: (name: string) => readonly string[]): boolean {
  return component.length > 1 || successors(component[0] as string).includes(component[0] as string);
}
