/**
 * Rules that refer to themselves before any array, map or tag would examine a data item.
 *
 * - Through choices and controls only (`x = uint / x`, `x = y / uint` with `y = x / tstr`,
 *   `x = (uint / x) .size 1`): RFC 8610 §2.2.2 reads a choice of types as a union, and these rules
 *   generate as their least solution (least-solutions.ts), with a warning, since a matcher that
 *   tries a choice's options in order (Appendix A) would try the rule again without end.
 * - Where that solution is nothing (`a = b`, `b = a`; `a = b .size 2`, `b = a`), the rule never
 *   reaches a data item: an error (RFC 8610 Appendix C: replacing the name by its definition never
 *   ends), rather than a module whose functions recurse until the stack overflows.
 * - Through a control whose controller the generator computes (`x = 1 / (uint .size x)`,
 *   `x = 1 / (x .plus 1)`): the layouts follow such references without end, and where they run
 *   out of stack the schema is refused as not handled yet, naming the cycle (controlCycleError).
 *   Concatenations of literals and such rules (`x = "a" / ("b" .cat x)`) were made grammars before
 *   (cat-grammars.ts), and such a cycle with no way out (`x = uint .size x`) has no values and is
 *   the empty choice after (unproductive.ts).
 */
import { SchemaError, type SourceMap } from '../diagnostics.js';
import { MAX_NESTING } from '../parse/parser.js';
import { isCycle, stronglyConnected } from '../strongly-connected.js';
import { leastSolutions, OPERAND_TARGET_CONTROLS, UnfoldingTooLarge, UNFOLDING_LIMIT } from './least-solutions.js';
import { toSpan } from './naming.js';
import { printType } from './print.js';
import type { IrGroup, IrRule, IrType, IrWarning } from './types.js';

/** Controls whose controller is one value the layouts look up through references (`.size n`). */
const VALUE_CONTROLS: ReadonlySet<string> = new Set(['size', 'bits', 'lt', 'le', 'gt', 'ge', 'eq', 'ne']);
/** Controls whose values the layouts compute from both sides (`.cat`, `.join`). */
const COMPUTED_CONTROLS: ReadonlySet<string> = new Set(['cat', 'det', 'plus', 'join', 'printf']);

/** What the layouts read of a rule's definition to compute its values: controllers and operands, found anywhere in it. */
interface Evaluated {
  /** Rules that are a value control's controller (`n` in `uint .size n`): looked up through aliases. */
  controllers: string[];
  /** Rules at the head of a computed control's operands (`x` in `"b" .cat x`, `.join [x]`): computed with all their options. */
  operands: string[];
}

/**
 * Why the layouts ran out of stack, where a control's controller or operands lead back to the rule it constrains
 * (`x = 1 / (uint .size x)`, `x = 1 / (x .plus 1)`): the error to give instead, or null where no such cycle is found. Not
 * every such cycle runs the layouts into one (a rule the general matcher takes over may end first), so this is asked
 * only once they have (index.ts), rather than refusing each cycle beforehand.
 */
export function controlCycleError(rules: readonly IrRule[], sources: SourceMap): SchemaError | null {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const typeRules = rules.filter((r) => r.type !== undefined);
  const heads = new Map(typeRules.map((r) => [r.name, headReferences(r.type as IrType)]));
  const order = new Map(rules.map((r, i) => [r.name, i]));
  const cycle = computedCycle(typeRules, heads, (a, b) => (order.get(a) as number) - (order.get(b) as number));
  return cycle === null ? null : controlCycleRefusal(cycle, byName, sources);
}

/** The refusal of a cycle (rule names, in order) through a control's controller or operands that the layouts do not compute. */
export function controlCycleRefusal(cycle: readonly string[], byName: ReadonlyMap<string, IrRule>, sources: SourceMap): SchemaError {
  return new SchemaError(
    'unsupported',
    toSpan((byName.get(cycle[0] as string) as IrRule).span),
    `'${cycle[0]}' is needed to check a control in its own definition (${arrow(cycle)}): a controller or operand that refers back to the rule it constrains, whose values would be a solution through themselves, which the layouts do not compute`,
    { sources, related: definedHere(cycle, byName) },
  );
}

export function resolveCycles(rules: readonly IrRule[], sources: SourceMap): { rules: IrRule[]; warnings: IrWarning[] } {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const typeRules = rules.filter((r) => r.type !== undefined);
  const heads = new Map(typeRules.map((r) => [r.name, headReferences(r.type as IrType)]));
  const successors = (name: string): string[] => heads.get(name) ?? [];
  // Components in definition order of their first rules, each in definition order: the first error is the first rule's.
  const order = new Map(rules.map((r, i) => [r.name, i]));
  const byOrder = (a: string, b: string) => (order.get(a) as number) - (order.get(b) as number);
  const inOrder = (components: string[][]) => components.map((c) => [...c].sort(byOrder)).sort((a, b) => byOrder(a[0] as string, b[0] as string));
  // The message first: test/support/refusal-sites.ts reads a refusal's message as its first argument that is text.
  const fail = (what: string, kind: 'resolve' | 'unsupported', path: readonly string[]): never => {
    throw new SchemaError(kind, toSpan((byName.get(path[0] as string) as IrRule).span), what, { sources, related: definedHere(path, byName) });
  };
  const solved = new Map<string, { type: IrType; note: string }>();
  const warnings: IrWarning[] = [];
  for (const component of inOrder(stronglyConnected([...heads.keys()], successors))) {
    const members = new Set(component);
    if (!isCycle(component, successors)) continue;
    const definitions = new Map(component.map((name) => [name, (byName.get(name) as IrRule).type as IrType]));
    let solutions: Map<string, IrType | null>;
    try {
      solutions = leastSolutions(definitions);
    } catch (e) {
      if (!(e instanceof UnfoldingTooLarge)) throw e;
      const path = cycleThrough(e.rule, successors, members);
      return fail(
        `'${e.rule}' refers to itself before any array, map or tag (${arrow(path)}) in more ways than this generator unfolds (its least solution passes ${UNFOLDING_LIMIT} nodes, or ${MAX_NESTING} rules unfolded inside each other)`,
        'unsupported',
        path,
      );
    }
    const nothing = component.find((name) => solutions.get(name) === null);
    if (nothing !== undefined) {
      const path = cycleThrough(nothing, successors, members);
      const ends = path.length === 1 ? 'it' : 'these';
      const onlyItself = !component.some((name) => hasExit(definitions.get(name) as IrType, members));
      fail(
        onlyItself
          ? `'${nothing}' is defined only in terms of itself (${arrow(path)}): matching it never reaches a data item (RFC 8610 Appendix C: a name stands for its definition, and replacing ${ends} never ends)`
          : `'${nothing}' matches a data item only where '${nothing}' matches it too (${arrow(path)}): matching it never ends (RFC 8610 Appendix C: a name stands for its definition, and replacing ${ends} never ends)`,
        'resolve',
        path,
      );
    }
    for (const name of component) {
      const solution = solutions.get(name) as IrType;
      const path = cycleThrough(name, successors, members);
      solved.set(name, { type: solution, note: `Refers to itself before any array, map or tag (${arrow(path)}): read as its least solution, \`${shortened(printType(solution))}\`.` });
      warnings.push({
        kind: 'least-solution',
        span: (byName.get(name) as IrRule).span,
        message: `'${name}' refers to itself before any array, map or tag (${arrow(path)}): it generates as its least solution, what it matches without coming back to itself: ${shortened(printType(solution))} (RFC 8610 §2.2.2 reads a choice of types as the union of their values; a matcher that tries the options in order, as Appendix A's grammars do, would try '${name}' again without end on a data item that matches none of them)`,
      });
    }
  }
  // The JSDoc says it too: the type is not the definition as written.
  const rewritten = rules.map((rule) => {
    const solution = solved.get(rule.name);
    return solution === undefined ? rule : { ...rule, type: solution.type, doc: rule.doc === null ? solution.note : `${rule.doc}\n\n${solution.note}` };
  });
  return { rules: rewritten, warnings };
}

/** Where the rules of a cycle after its first are defined, those its message shows. */
function definedHere(path: readonly string[], byName: ReadonlyMap<string, IrRule>): { span: ReturnType<typeof toSpan>; message: string }[] {
  return shownNames(path)
    .slice(1)
    .flatMap((name) => {
      const rule = byName.get(name);
      return rule === undefined ? [] : [{ span: toSpan(rule.span), message: `'${name}' is defined here` }];
    });
}

/** A cycle as `a → b → a`; a long one with its middle left out (`r0 → r1 → r2 → … 995 more → r998 → r999 → r0`). */
function arrow(path: readonly string[]): string {
  return [...shownNames(path), path[0]].join(' → ');
}

function shownNames(path: readonly string[]): string[] {
  return path.length <= 8 ? [...path] : [...path.slice(0, 3), `… ${path.length - 5} more`, ...path.slice(-2)];
}

function shortened(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}

/** The rules a type is, or is one option of, without an array, map or tag around them: `b` in `b`, `b / int`, `b .size 3`, `&(x: b)`. */
function headReferences(type: IrType): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.rule];
    case 'choice':
      return type.options.flatMap(headReferences);
    case 'control':
      // `.and` and `.within` match both sides where they stand; other controllers are values, or are embedded in bytes.
      // `.cat`, `.det` and `.plus` compute their values from their target's: an operand (evaluated), no head.
      if (OPERAND_TARGET_CONTROLS.has(type.op)) return [];
      return type.op === 'and' || type.op === 'within' ? [...headReferences(type.target), ...headReferences(type.controller)] : headReferences(type.target);
    case 'enum':
      return type.values.flatMap((v) => headReferences(v.type));
    default:
      return [];
  }
}

/** The rules whose values the layouts compute to check the controls anywhere in `type` (through arrays and maps too). */
function evaluated(type: IrType): Evaluated {
  const found: Evaluated = { controllers: [], operands: [] };
  const visitGroup = (group: IrGroup): void => {
    for (const choice of group.choices) for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        if (entry.key?.kind === 'type') visit(entry.key.type);
        visit(entry.type);
      } else if (entry.group !== null) visitGroup(entry.group);
    }
  };
  const visit = (t: IrType): void => {
    switch (t.kind) {
      case 'choice':
        t.options.forEach(visit);
        return;
      case 'array':
      case 'map':
        visitGroup(t.group);
        return;
      case 'tag':
        if (t.tag !== null && typeof t.tag !== 'string') visit(t.tag);
        visit(t.type);
        return;
      case 'enum':
        t.values.forEach((v) => visit(v.type));
        return;
      case 'control':
        if (VALUE_CONTROLS.has(t.op) && t.controller.kind === 'ref') found.controllers.push(t.controller.rule);
        if (COMPUTED_CONTROLS.has(t.op)) found.operands.push(...headReferences(t.target), ...operandReferences(t.controller));
        visit(t.target);
        visit(t.controller);
        return;
      default:
        return;
    }
  };
  visit(type);
  return found;
}

/**
 * A cycle (rule names, in order) through which the layouts would compute a rule's values from themselves, or null.
 * Two ways of reading a rule are followed, as the layouts do (layout/program.ts, scalars.ts): lowering it (`L`),
 * which looks a value control's controller up through aliases (`x = uint .size y`, `y = x`) but leaves the options of
 * a choice as references (`y = 1 / x` ends there: the general matcher reads it); and computing its values (`S`), for
 * a computed control's operands, which follows every option at the head and the controls' own operands.
 */
function computedCycle(typeRules: readonly IrRule[], heads: ReadonlyMap<string, string[]>, byOrder: (a: string, b: string) => number): string[] | null {
  const reads = new Map(typeRules.map((r) => [r.name, evaluated(r.type as IrType)]));
  const alias = new Map(typeRules.flatMap((r) => (r.type?.kind === 'ref' ? [[r.name, r.type.rule] as const] : [])));
  const controllerHeads = new Map(typeRules.map((r) => [r.name, controllersAtHead(r.type as IrType)]));
  // Each node's successors: those of a head reference (S to S), and the others, through a control.
  const edgesOf = (node: string): { heads: string[]; others: string[] } => {
    const name = node.slice(2);
    const read = reads.get(name);
    if (read === undefined) return { heads: [], others: [] };
    const lowered = read.controllers.map((t) => `L:${t}`);
    const computedFrom = read.operands.map((u) => `S:${u}`);
    if (node.startsWith('L:')) return { heads: [], others: [...lowered, ...(alias.has(name) ? [`L:${alias.get(name) as string}`] : []), ...computedFrom] };
    // Computing values follows the head and each control's controller at the head with one set of rules seen, which
    // ends a cycle of those alone; an operand of a computed control is computed afresh.
    return { heads: [...(heads.get(name) ?? []), ...(controllerHeads.get(name) ?? [])].map((u) => `S:${u}`), others: [...computedFrom, ...lowered] };
  };
  const successors = (node: string): string[] => {
    const e = edgesOf(node);
    return [...e.heads, ...e.others].filter((m) => reads.has(m.slice(2)));
  };
  const nodes = typeRules.flatMap((r) => [`L:${r.name}`, `S:${r.name}`]);
  // A cycle of head references alone (S to S) is a least solution's business, not this one's.
  const cycles = stronglyConnected(nodes, successors)
    .filter((c) => {
      const inside = new Set(c);
      return c.some((from) => edgesOf(from).others.some((to) => inside.has(to)));
    })
    .map((c) => [...new Set(c.map((n) => n.slice(2)))].sort(byOrder))
    .sort((a, b) => byOrder(a[0] as string, b[0] as string));
  const first = cycles[0];
  if (first === undefined) return null;
  const names = new Set(first);
  const ruleSuccessors = (name: string) => [...new Set(['L:', 'S:'].flatMap((mode) => successors(mode + name).map((m) => m.slice(2))))];
  return cycleThrough(first[0] as string, ruleSuccessors, names);
}

/** The head references of the controllers of the controls at the head of `type` (`n` in `uint .size (1 / n)`), besides `.and`'s and `.within`'s. */
function controllersAtHead(type: IrType): string[] {
  switch (type.kind) {
    case 'choice':
      return type.options.flatMap(controllersAtHead);
    case 'control':
      return [...controllersAtHead(type.target), ...(type.op === 'and' || type.op === 'within' ? controllersAtHead(type.controller) : headReferences(type.controller))];
    case 'enum':
      return type.values.flatMap((v) => controllersAtHead(v.type));
    default:
      return [];
  }
}

/** The head references of a computed control's controller: of each part, where it is an array of parts (`.join [a, b]`, `.printf ["%s", a]`). */
function operandReferences(controller: IrType): string[] {
  if (controller.kind !== 'array') return headReferences(controller);
  const parts = (group: IrGroup): string[] =>
    group.choices.flatMap((c) => c.entries.flatMap((e) => (e.kind === 'member' ? headReferences(e.type) : e.group === null ? [] : parts(e.group))));
  return parts(controller.group);
}

/** Whether a rule's type has a place, at its head, that leads out of the cycle (`uint` in `x = uint / x` and in `x = (uint / x) .within x`). */
function hasExit(type: IrType, cycle: ReadonlySet<string>): boolean {
  switch (type.kind) {
    case 'ref':
      return !cycle.has(type.rule);
    case 'choice':
      return type.options.some((o) => hasExit(o, cycle));
    case 'control':
      return hasExit(type.target, cycle);
    case 'enum':
      return type.values.some((v) => hasExit(v.type, cycle));
    default:
      return true;
  }
}

/** A shortest cycle through `start` within `members` (names in order, `start` first), breadth first. */
export function cycleThrough(start: string, successors: (name: string) => string[], members: ReadonlySet<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i] as string;
    for (const next of successors(name)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [name];
        for (let at = name; at !== start; ) {
          at = parent.get(at) as string;
          path.unshift(at);
        }
        return path;
      }
      if (parent.has(next)) continue;
      parent.set(next, name);
      queue.push(next);
    }
  }
  return [start];
}
