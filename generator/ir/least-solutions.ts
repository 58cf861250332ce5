/**
 * The least solution of rules that refer to themselves before any array, map or tag
 * (`x = uint / x`; `x = y / uint`, `y = x / tstr`; `x = (uint / x) .size 1`).
 *
 * RFC 8610 §2.2.2 reads a type as a set of values, and such rules as equations between sets;
 * their least solution is what a data item can be shown to match in finitely many steps, and it is
 * what the rules generate as. Every operator between these references is monotone and distributes
 * over choices (a choice is a union; `.and`, `.within` and a control on its target with a fixed
 * controller are intersections; an enumeration is a choice of its values), so the least solution
 * is the choice, over the ways of replacing names by their definitions in which no name comes back
 * inside itself, of what each way reaches: a way in which a name comes back inside itself matches
 * no more than the shorter way without the loop (a choice adds nothing its options do not match,
 * an intersection with more sides matches less). Where a name comes back, it stands for nothing.
 *
 * A name that is an option of a choice (through choices only) adds its own options to that
 * choice: all the names so reached in one choice are unfolded once there, and stand for nothing
 * inside what they reach (each already gives everything it can at that choice). That keeps rules
 * that are each other's options linear; names behind controls unfold along each way, which the
 * node limit bounds. Rules that are options of each other match the same values: the first of them
 * gets the solution, the others refer to it.
 */
import { MAX_NESTING } from '../parse/parser.js';
import type { IrEnumValue, IrType } from './types.js';

/**
 * Past this many unfoldings and nodes of one rule's solution, the generator gives up on it (`UnfoldingTooLarge`).
 * Rules reached as options are not counted: each is unfolded once per unfolding, so the work is at most
 * this many times the size of the definitions.
 */
export const UNFOLDING_LIMIT = 20_000;

/**
 * Controls whose target is an operand of the values they compute (`x .cat "b"` is x's values with "b" after them,
 * `x .plus 1` each plus one, `.det` dedented and concatenated), not a set their values are drawn from: no
 * intersection, so a name there is no name at the head of the rule. `x = "a" / (x .cat "b")` is every "a" then
 * any number of "b", not "a" alone.
 */
export const OPERAND_TARGET_CONTROLS: ReadonlySet<string> = new Set(['cat', 'det', 'plus']);

export class UnfoldingTooLarge extends Error {
  constructor(readonly rule: string) {
    super(`the least solution of '${rule}' has more than ${UNFOLDING_LIMIT} nodes, or ${MAX_NESTING} rules unfolded inside each other`);
  }
}

/**
 * Each rule's least solution, the rules of `definitions` standing for their definitions: a type
 * without any of them at its head, or null where the rule matches nothing but through itself.
 * Names not in `definitions` are kept as references.
 */
export function leastSolutions(definitions: ReadonlyMap<string, IrType>): Map<string, IrType | null> {
  const solutions = new Map<string, IrType | null>();
  // Rules that are options of each other (through choices only) match the same values: the first of them is solved,
  // the others refer to it, so that a long cycle of such rules is not written out once for each.
  const solvedReach = new Map<string, ReadonlySet<string>>();
  for (const name of definitions.keys()) {
    const unfolding = new Unfolding(definitions, name);
    const reached = unfolding.optionsReached(name, new Set());
    const same = [...solvedReach].find(([earlier, theirs]) => reached.has(earlier) && theirs.has(name))?.[0];
    if (same !== undefined) {
      solutions.set(name, solutions.get(same) === null ? null : { kind: 'ref', rule: same });
      continue;
    }
    solvedReach.set(name, reached);
    solutions.set(name, unfolding.solve(name, new Set()));
  }
  return solutions;
}

class Unfolding {
  private nodes = 0;

  constructor(
    private readonly definitions: ReadonlyMap<string, IrType>,
    private readonly rule: string,
  ) {}

  /** What `name` matches where the names in `outside` stand for nothing; `depth` solutions are open around it. */
  solve(name: string, outside: ReadonlySet<string>, depth = 0): IrType | null {
    this.count();
    // Each open solution is a control around this one: past the parser's nesting limit the layouts would not take it.
    if (depth > MAX_NESTING) throw new UnfoldingTooLarge(this.rule);
    const reached = this.optionsReached(name, outside);
    const inside = new Set([...outside, ...reached]);
    const options: IrType[] = [];
    const unfolded = new Set<string>();
    // Depth first, in the order written, without recursion (a chain of rules each an option of the next may be long).
    const pending: IrType[] = [{ kind: 'ref', rule: name }];
    for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
      if (type.kind === 'ref' && this.definitions.has(type.rule)) {
        // Reached as an option: unfolded at its first place in this choice, nothing at the others.
        if (outside.has(type.rule) || unfolded.has(type.rule)) continue;
        unfolded.add(type.rule);
        pending.push(this.definitions.get(type.rule) as IrType);
      } else if (type.kind === 'choice') {
        for (let i = type.options.length - 1; i >= 0; i--) pending.push(type.options[i] as IrType);
      } else {
        const solved = this.type(type, inside, depth);
        if (solved !== null) options.push(solved);
      }
    }
    if (options.length === 0) return null;
    return options.length === 1 ? (options[0] as IrType) : { kind: 'choice', options };
  }

  /** The rules `name` has as options (through choices only), `name` included, none of `outside`. */
  optionsReached(name: string, outside: ReadonlySet<string>): Set<string> {
    const reached = new Set<string>([name]);
    const pending: IrType[] = [this.definitions.get(name) as IrType];
    for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
      if (type.kind === 'choice') pending.push(...type.options);
      else if (type.kind === 'ref' && this.definitions.has(type.rule) && !outside.has(type.rule) && !reached.has(type.rule)) {
        reached.add(type.rule);
        pending.push(this.definitions.get(type.rule) as IrType);
      }
    }
    return reached;
  }

  /** `type` with the rules of `definitions` at its head replaced by what they match, those in `inside` by nothing; null for nothing. */
  private type(type: IrType, inside: ReadonlySet<string>, depth: number): IrType | null {
    this.count();
    switch (type.kind) {
      case 'ref':
        if (!this.definitions.has(type.rule)) return type;
        return inside.has(type.rule) ? null : this.solve(type.rule, inside, depth + 1);
      case 'choice': {
        const options = type.options.flatMap((o) => this.type(o, inside, depth) ?? []);
        if (options.length === 0) return type.options.length === 0 ? type : null;
        return options.length === 1 ? (options[0] as IrType) : { kind: 'choice', options };
      }
      case 'control': {
        // Its values are computed from the target's, which are no head of this rule: it stays as written.
        if (OPERAND_TARGET_CONTROLS.has(type.op)) return type;
        const target = this.type(type.target, inside, depth);
        if (target === null) return null;
        if (type.op !== 'and' && type.op !== 'within') return { ...type, target };
        const controller = this.type(type.controller, inside, depth);
        return controller === null ? null : { ...type, target, controller };
      }
      case 'enum': {
        const values = type.values.flatMap((v): IrEnumValue[] => {
          const solved = this.type(v.type, inside, depth);
          return solved === null ? [] : [{ ...v, type: solved }];
        });
        return values.length === 0 && type.values.length > 0 ? null : { kind: 'enum', values };
      }
      default:
        // Arrays, maps and tags hold their references inside a data item; scalars have none.
        return type;
    }
  }

  private count(): void {
    if (++this.nodes > UNFOLDING_LIMIT) throw new UnfoldingTooLarge(this.rule);
  }
}
