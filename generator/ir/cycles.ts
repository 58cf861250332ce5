/**
 * Rules defined only in terms of themselves (`a = b`, `b = a`), or that are one of their own options
 * (`a = b / int`, `b = a`): RFC 8610 Appendix C gives a name the meaning of its definition put in
 * its place, and for these the replacement never reaches an array, map, tag or value that would
 * examine a data item (for the second, one that `int` does not match). Such a
 * schema is an error here, rather than a module whose types refer to themselves and whose
 * functions recurse until the stack overflows.
 */
import { SchemaError, type SourceMap } from '../diagnostics.js';
import { toSpan } from './naming.js';
import type { IrRule, IrType } from './types.js';

export function checkCycles(rules: readonly IrRule[], sources: SourceMap): void {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const heads = new Map(rules.map((r) => [r.name, r.type === undefined ? [] : headReferences(r.type)]));
  const done = new Set<string>();
  for (const rule of rules) {
    const cycle = findCycle(rule.name, heads, done);
    if (cycle === null) continue;
    const first = byName.get(cycle[0] as string) as IrRule;
    const path = [...cycle, cycle[0]].join(' → ');
    const members = new Set(cycle);
    // `x = uint / x`: the other options match some data items, and every other item is matched against the rule again.
    const others = cycle.some((name) => hasOtherOptions((byName.get(name) as IrRule).type, members));
    const what = others
      ? `'${first.name}' is one of its own options before any array, map or tag (${path}): a data item its other options do not match is matched against '${first.name}' again, without end`
      : `'${first.name}' is defined only in terms of itself (${path}): matching it never reaches a data item`;
    throw new SchemaError(
      'resolve',
      toSpan(first.span),
      `${what} (RFC 8610 Appendix C: a name stands for its definition, and replacing ${cycle.length === 1 ? 'it' : 'these'} never ends)`,
      {
        sources,
        related: cycle.slice(1).map((name) => ({ span: toSpan((byName.get(name) as IrRule).span), message: `'${name}' is defined here` })),
      },
    );
  }
}

/** The rules a type is, or is one option of, without an array, map or tag around them: `b` in `b`, `b / int`, `b .size 3`. */
function headReferences(type: IrType): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.rule];
    case 'choice':
      return type.options.flatMap(headReferences);
    case 'control':
      // `.and` and `.within` match both sides where they stand; other controllers are values, or are embedded in bytes.
      return type.op === 'and' || type.op === 'within' ? [...headReferences(type.target), ...headReferences(type.controller)] : headReferences(type.target);
    default:
      return [];
  }
}

/** Whether a rule's type is a choice with an option that leads out of the cycle (`uint` in `x = uint / x`). */
function hasOtherOptions(type: IrType | undefined, cycle: ReadonlySet<string>): boolean {
  if (type?.kind !== 'choice') return false;
  return type.options.some((o) => !headReferences(o).some((name) => cycle.has(name)) || hasOtherOptions(o, cycle));
}

/** A cycle of head references through `start` (names in order, `start` first), or null. Rules shown free of cycles join `done`. */
function findCycle(start: string, heads: ReadonlyMap<string, string[]>, done: Set<string>): string[] | null {
  const path: string[] = [];
  const onPath = new Set<string>();
  // Iterative depth-first search: a long chain of aliases must not overflow the stack.
  const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
  path.push(start);
  onPath.add(start);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { name: string; next: number };
    const targets = heads.get(top.name) ?? [];
    if (top.next >= targets.length) {
      stack.pop();
      path.pop();
      onPath.delete(top.name);
      done.add(top.name);
      continue;
    }
    const target = targets[top.next++] as string;
    if (onPath.has(target)) return path.slice(path.indexOf(target));
    if (done.has(target)) continue;
    stack.push({ name: target, next: 0 });
    path.push(target);
    onPath.add(target);
  }
  return null;
}
