/**
 * Rules whose value controls need their own values (`x = 1 / (int .le x)`, `x = 1 / (tstr .size x)`, `x = 5 / (uint .gt
 * y)` with `y = 3 / (x .and (0..10))`): the controllers written as the integers they stand for.
 *
 * A value control (`.size .bits .lt .le .gt .ge .eq`) holds where it holds with one of its controller's values
 * (layout/comparison-bounds.ts), so each is monotone in its controller, and such rules are equations between sets of
 * integers whose least solution is what they mean (RFC 8610 §2.2.2 reads a choice as a union), as for rules that are
 * their own options (least-solutions.ts). The layouts look a controller up through references and never come back
 * from such a cycle, so the cycle is broken here: the integers of each rule of the cycle are found by iterating from
 * none until nothing changes, and each controller in the cycle becomes those integers, written out (`uint .size
 * (0 .. 8)`). Only integers decide these controls, so text, arrays and maps in the rules count for nothing there.
 *
 * `.plus` is followed too: a sum that reads such a cycle, once it settles, is written as its integers
 * (`x = 1 / ((x .plus 1) .and (0..10))`: `(x .plus 1)` is `2..11`). A tag is no integer (a bignum written as a tag is a
 * tag), and a float is no size, bit position or equal of an integer; it counts only as a comparison's bound or in a sum.
 * Where the integers are not told (a cycle through `.ne` whose controller reads the cycle, which is not monotone; a
 * float bound or a major type on the way; `.bits` whose values pass {@link MOST_MASKED_RANGES} ranges, `x = 2 / (uint
 * .bits x)`) or do not settle in {@link MOST_ROUNDS} rounds (`x = 1 / (x .plus 1)`, every integer from 1), the cycle is
 * refused as not handled yet, with the cycle named: the layouts would follow it without end or read a controller
 * without its rule (a comparison then has no number and takes nothing), and the general matcher follows a reference
 * only so far without reading a data item. A cycle with no way out is left to unproductive.ts (never).
 */
import { addEnds, complementOf, intersect, maskedIntervals, MOST_MASKED_RANGES, normalise } from '../layout/intervals.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type Interval, UNBOUNDED_MAX, UNBOUNDED_MIN } from '../layout/shapes.js';
import type { SourceMap } from '../diagnostics.js';
import { isCycle, stronglyConnected } from '../strongly-connected.js';
import { controlCycleRefusal, cycleThrough } from './cycles.js';
import type { IrRule, IrSpan, IrType } from './types.js';

/** Rounds of iteration after which a cycle is given up (refused where a value control is in it): `.size` settles in four, `.bits` in eight. */
export const MOST_ROUNDS = 256;

const VALUE_CONTROLS: ReadonlySet<string> = new Set(['size', 'bits', 'lt', 'le', 'gt', 'ge', 'eq']);
/** Value controls whose controller's floats count (a float bound). */
const COMPARISONS: ReadonlySet<string> = new Set(['lt', 'le', 'gt', 'ge']);
/** The controls whose integers are told here; the other computed ones (`.cat`, `.det`, the text controls) are cycles.ts's. */
const FOLLOWED_CONTROLS: ReadonlySet<string> = new Set([...VALUE_CONTROLS, 'ne', 'and', 'within', 'default', 'feature', 'plus']);
/** Pairs of ranges `.plus` adds at most in one round (layout/plus-operands.ts's limit). */
const MOST_SUMS = 65_536;
/** Bit positions beyond this are set by no integer a schema can bound (UNBOUNDED_MAX is 2^8192). */
const HIGHEST_BIT = 8192n;

/** Thrown where a rule's integers cannot be told here: a cycle through a value control is then refused. */
class Untold extends Error {}

export function solveControllerCycles(rules: readonly IrRule[], productive: ReadonlySet<string>, sources: SourceMap): IrRule[] {
  const byName = new Map(rules.flatMap((r) => (r.type === undefined ? [] : [[r.name, r.type] as const])));
  const edges = new Map([...byName].map(([name, type]) => [name, reached(type)]));
  const rewritten = new Map<string, IrType>();
  // Each component comes after those it reaches: a cycle's integers, once solved, are known to those that read it.
  const known = new Map<string, Interval[]>();
  for (const component of stronglyConnected([...byName.keys()], (n) => [...(edges.get(n)?.all ?? [])])) {
    const members = new Set(component);
    if (!isCycle(component, (n) => [...(edges.get(n)?.all ?? [])])) continue;
    // A cycle of head references alone (`x = 0 / x`) is least-solutions.ts's to rewrite; its integers are known after.
    const throughController = component.some((n) => [...(edges.get(n)?.controllers ?? [])].some((m) => members.has(m)));
    const solution = solve(component, byName, known);
    if (solution === null && throughController) {
      // The layouts would follow such a controller without end, or read it without the rule it is in (a comparison then
      // has no number to compare with), and the general matcher follows a reference only so far without reading a data
      // item: refused, not guessed.
      const first = rules.find((r) => members.has(r.name))?.name as string;
      throw controlCycleRefusal(cycleThrough(first, (n) => [...(edges.get(n)?.all ?? [])], members), new Map(rules.map((r) => [r.name, r])), sources);
    }
    if (solution === null) continue;
    for (const [name, integers] of solution) known.set(name, integers);
    if (!throughController) continue;
    // A cycle with no way out (`x = uint .size x`) is unproductive.ts's, which makes it never and says why. Other rules
    // with no integers (`(0 ... 1) .size y`, y's integers all negative; `(-1 ... -1) .ne x`) get empty controllers.
    if (component.every((n) => !productive.has(n))) continue;
    for (const name of component) rewritten.set(name, withControllers(byName.get(name) as IrType, members, { current: solution, outside: new Map(known), byName, open: new Set() }));
  }
  if (rewritten.size === 0) return [...rules];
  return rules.map((rule) => {
    const type = rewritten.get(rule.name);
    if (type === undefined) return rule;
    const note = 'Its value controls that need its own values (or those of rules that need it) are their least solution, written out.';
    return { ...rule, type, doc: rule.doc === null ? note : `${rule.doc}\n\n${note}` };
  });
}

/**
 * The rules whose integers the integers of `type` depend on: all of them, and those the layouts compute values from
 * (`controllers`: read as a value control's controller or a `.plus` operand), which they would follow without end.
 */
function reached(type: IrType): { all: Set<string>; controllers: Set<string> } {
  const all = new Set<string>();
  const controllers = new Set<string>();
  const visit = (t: IrType, inController: boolean): void => {
    switch (t.kind) {
      case 'ref':
        all.add(t.rule);
        if (inController) controllers.add(t.rule);
        return;
      case 'choice':
        for (const o of t.options) visit(o, inController);
        return;
      case 'enum':
        for (const v of t.values) visit(v.type, inController);
        return;
      case 'control':
        visit(t.target, inController || t.op === 'plus');
        visit(t.controller, inController || VALUE_CONTROLS.has(t.op) || t.op === 'ne' || t.op === 'plus');
        return;
      default:
        return;
    }
  };
  visit(type, false);
  return { all, controllers };
}

/** The integers of each rule of the cycle, iterated from none until they settle; null where they cannot be told. */
function solve(component: readonly string[], byName: ReadonlyMap<string, IrType>, known: ReadonlyMap<string, Interval[]>): Map<string, Interval[]> | null {
  let current = new Map(component.map((n) => [n, [] as Interval[]]));
  const outside = new Map(known);
  try {
    for (let round = 0; round < MOST_ROUNDS; round++) {
      const next = new Map(component.map((n) => [n, integersOf(byName.get(n) as IrType, { current, outside, byName, open: new Set() })]));
      if (component.every((n) => same(next.get(n) as Interval[], current.get(n) as Interval[]))) return next;
      current = next;
    }
    return null;
  } catch (error) {
    if (error instanceof Untold) return null;
    throw error;
  }
}

/** A rule's type by its name (a map of them, or a function of the IR builder's). */
type RuleLookup = Pick<ReadonlyMap<string, IrType>, 'get'>;

/**
 * The integers of an integer type that reads no cycle (`uint .lt 30`, `(20..30) .ne 22`, `&(f: 20, t: 21)`), its
 * rules looked up by name; null where they are not told here (a major type, a float bound, a rule that reads itself).
 * For `#7.<…>` (computed-info.ts), whose simple values are those integers.
 */
export function integersOfType(type: IrType, lookup: (rule: string) => IrType | null): Interval[] | null {
  try {
    return integersOf(type, { current: new Map(), outside: new Map(), byName: { get: (name) => lookup(name) ?? undefined }, open: new Set() });
  } catch (error) {
    if (error instanceof Untold) return null;
    throw error;
  }
}

interface Reading {
  /** The cycle's rules, as far as the iteration has found them. */
  current: ReadonlyMap<string, Interval[]>;
  /** Rules outside the cycle, once read. */
  outside: Map<string, Interval[]>;
  byName: RuleLookup;
  /** Rules outside the cycle being read (a cycle among them is another component's: untold here). */
  open: Set<string>;
  /** Whether floats decide here (a comparison's controller, a sum), so that a float is not told rather than none. */
  floatsMatter?: boolean;
}

/** The integers a type takes, the cycle's rules standing for what has been found of them. */
function integersOf(type: IrType, r: Reading): Interval[] {
  switch (type.kind) {
    case 'ref': {
      // A comparison with a rule that may hold floats needs those floats too, which are not told here.
      if (r.floatsMatter && holdsFloats(type.rule, r.byName, new Set())) throw new Untold();
      const found = r.current.get(type.rule) ?? r.outside.get(type.rule);
      if (found !== undefined) return found;
      const definition = r.byName.get(type.rule);
      if (definition === undefined || r.open.has(type.rule)) throw new Untold();
      r.open.add(type.rule);
      const read = integersOf(definition, r);
      r.open.delete(type.rule);
      r.outside.set(type.rule, read);
      return read;
    }
    case 'literal':
      return type.value.type === 'int' ? [{ lo: BigInt(type.value.value), hi: BigInt(type.value.value) }] : noIntegers(type.value.type === 'float', r);
    case 'range': {
      if (type.min.type !== 'int' || type.max.type !== 'int') return noIntegers(true, r);
      const hi = BigInt(type.max.value) - (type.inclusive ? 0n : 1n);
      return normalise([{ lo: BigInt(type.min.value), hi }]);
    }
    case 'prim':
      if (type.prim === 'any') {
        // Every integer, and floats besides.
        noIntegers(true, r);
        return EVERY_INTEGER();
      }
      return FLOAT_PRIMS.has(type.prim) ? noIntegers(true, r) : primIntegers(type.prim);
    case 'choice':
      return normalise(type.options.flatMap((o) => integersOf(o, r)));
    case 'enum':
      return normalise(type.values.flatMap((v) => integersOf(v.type, r)));
    case 'array':
    case 'map':
    case 'tag':
      // No integer: a bignum written as a tag (`#6.2(bstr)`) is a tag whose bytes are kept, not the integer.
      return [];
    case 'control':
      return controlIntegers(type, r);
    default:
      // A major type (`#0`, `#1.24`) may be integers: not told here.
      throw new Untold();
  }
}

function primIntegers(prim: string): Interval[] {
  switch (prim) {
    case 'uint':
      return [{ lo: 0n, hi: CBOR_INT_MAX }];
    case 'nint':
      return [{ lo: CBOR_INT_MIN, hi: -1n }];
    case 'int':
      return [{ lo: CBOR_INT_MIN, hi: CBOR_INT_MAX }];
    case 'biguint':
      return [{ lo: 0n, hi: UNBOUNDED_MAX }];
    case 'bignint':
      return [{ lo: UNBOUNDED_MIN, hi: -1n }];
    case 'bigint':
      return EVERY_INTEGER();
    case 'tstr':
    case 'bstr':
    case 'bool':
    case 'null':
    case 'undefined':
      return [];
    default:
      return [];
  }
}

const FLOAT_PRIMS: ReadonlySet<string> = new Set(['float16', 'float32', 'float64', 'float16-32', 'float32-64', 'float']);

/** Every integer: a function, read when it runs, since layout/shapes.ts is still loading when the CLI loads this module. */
const EVERY_INTEGER = (): Interval[] => [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }];

/**
 * The integers of floats: none, where only integers decide (a size, a bit position, `.eq` of a data item); where
 * floats count (a comparison's controller, a sum) they are not told here.
 */
function noIntegers(floats: boolean, r: Reading): Interval[] {
  if (floats && r.floatsMatter) throw new Untold();
  return [];
}

/** Whether a rule's values may hold floats (or `any`), generously: at its head, through references, targets and sums. */
function holdsFloats(name: string, byName: RuleLookup, visiting: Set<string>): boolean {
  if (visiting.has(name)) return false;
  visiting.add(name);
  const floaty = (t: IrType): boolean => {
    switch (t.kind) {
      case 'ref':
        return holdsFloats(t.rule, byName, visiting);
      case 'literal':
        return t.value.type === 'float';
      case 'range':
        return t.min.type === 'float' || t.max.type === 'float';
      case 'prim':
        return t.prim === 'any' || FLOAT_PRIMS.has(t.prim);
      case 'choice':
        return t.options.some(floaty);
      case 'enum':
        return t.values.some((v) => floaty(v.type));
      case 'control':
        return floaty(t.target) || ((t.op === 'plus' || t.op === 'and' || t.op === 'within') && floaty(t.controller));
      case 'major':
        return t.major === 7;
      default:
        return false;
    }
  };
  const definition = byName.get(name);
  return definition !== undefined && floaty(definition);
}

function controlIntegers(type: Extract<IrType, { kind: 'control' }>, r: Reading): Interval[] {
  if (!FOLLOWED_CONTROLS.has(type.op)) throw new Untold();
  // Each of these takes its values from its target (`.plus` adds to them): with none there, the controller decides nothing.
  const target = integersOf(type.target, r);
  if (target.length === 0 || type.op === 'default' || type.op === 'feature') return target;
  switch (type.op) {
    case 'ne': {
      // Not monotone (a larger controller leaves fewer values): told only where the controller reads no rule of the cycle.
      if ([...reached(type.controller).all].some((name) => r.current.has(name))) throw new Untold();
      return intersect(target, complementOf(integersOf(type.controller, r)));
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const bounds = integersOf(type.controller, { ...r, floatsMatter: true });
      if (bounds.length === 0) return [];
      // The greatest bound for .lt and .le, the least for .gt and .ge (comparison-bounds.ts).
      const upward = type.op === 'gt' || type.op === 'ge';
      const bound = upward ? (bounds[0] as Interval).lo : (bounds[bounds.length - 1] as Interval).hi;
      const side = { lt: { lo: UNBOUNDED_MIN, hi: bound - 1n }, le: { lo: UNBOUNDED_MIN, hi: bound }, gt: { lo: bound + 1n, hi: UNBOUNDED_MAX }, ge: { lo: bound, hi: UNBOUNDED_MAX } }[type.op];
      // An end without a last integer (biguint) bounds nothing.
      const unbounded = upward ? bound <= UNBOUNDED_MIN : bound >= UNBOUNDED_MAX;
      return unbounded ? target : intersect(target, [side]);
    }
    case 'size': {
      const sizes = intersect(integersOf(type.controller, r), [{ lo: 0n, hi: UNBOUNDED_MAX }]);
      if (sizes.length === 0) return [];
      // A size of n bytes: the head's argument fits in n bytes (RFC 8610 §3.8.1), so the greatest size decides.
      const most = (sizes[sizes.length - 1] as Interval).hi;
      if (most >= 1025n) return target;
      const limit = 256n ** most;
      return intersect(target, [{ lo: -limit, hi: limit - 1n }]);
    }
    case 'bits': {
      const positions = intersect(integersOf(type.controller, r), [{ lo: 0n, hi: HIGHEST_BIT }]);
      let mask = 0n;
      for (const p of positions) mask |= ((1n << (p.hi - p.lo + 1n)) - 1n) << p.lo;
      const allowed = maskedIntervals(intersect(target, [{ lo: 0n, hi: UNBOUNDED_MAX }]), mask, MOST_MASKED_RANGES);
      if (allowed === null) throw new Untold();
      return allowed;
    }
    case 'plus': {
      // Every sum (RFC 9165 §2.1), range by range; a cycle that adds without end never settles (`x = 1 / (x .plus 1)`).
      const addends = integersOf(type.controller, { ...r, floatsMatter: true });
      if (target.length * addends.length > MOST_SUMS) throw new Untold();
      return normalise(target.flatMap((a) => addends.map((b) => ({ lo: addEnds(a.lo, b.lo), hi: addEnds(a.hi, b.hi) }))));
    }
    default:
      // `.and`, `.within`, `.eq`: the integers of both.
      return intersect(target, integersOf(type.controller, r));
  }
}

/** `type` with the controllers of its value controls that read the cycle's rules written as their integers. */
function withControllers(type: IrType, members: ReadonlySet<string>, solved: Reading): IrType {
  const reads = (t: IrType): boolean => [...reached(t).all].some((n) => members.has(n)) || (t.kind === 'ref' && members.has(t.rule));
  const told = (t: IrType, floatsMatter: boolean): Interval[] | null => {
    try {
      return integersOf(t, { ...solved, floatsMatter });
    } catch (error) {
      if (error instanceof Untold) return null;
      throw error;
    }
  };
  const rewrite = (t: IrType): IrType => {
    switch (t.kind) {
      case 'choice':
        return { ...t, options: t.options.map(rewrite) };
      case 'enum':
        return { ...t, values: t.values.map((v) => ({ ...v, type: rewrite(v.type) })) };
      case 'control': {
        // A sum that reads the cycle is its integers (every sum was found), so that nothing reads the cycle there.
        const sums = t.op === 'plus' && (reads(t.target) || reads(t.controller)) ? told(t, true) : null;
        if (sums !== null) return asType(sums, t.span);
        const target = rewrite(t.target);
        // `.ne` only where its target has no integers (integersOf), so that its controller decides nothing. A controller
        // whose integers are not told (a float in it, where the control's target has no integers) stays as written.
        // A comparison's controller that may hold floats is not told (they would be compared too): left, and refused later.
        const integers = (VALUE_CONTROLS.has(t.op) || t.op === 'ne') && reads(t.controller) ? told(t.controller, COMPARISONS.has(t.op)) : null;
        if (integers !== null) return { ...t, target, controller: asType(integers, t.span) };
        return { ...t, target, controller: rewrite(t.controller) };
      }
      default:
        return t;
    }
  };
  return rewrite(type);
}

/** A set of integers as a type: a choice of literals and ranges, an end without a last integer as a comparison. */
function asType(integers: Interval[], span: IrSpan): IrType {
  const int = (n: bigint) => ({ type: 'int' as const, value: n.toString() });
  const options = integers.map((i): IrType => {
    const below = i.lo <= UNBOUNDED_MIN;
    const above = i.hi >= UNBOUNDED_MAX;
    if (below && above) return { kind: 'prim', prim: 'bigint' };
    if (below) return { kind: 'control', op: 'le', target: { kind: 'prim', prim: 'bigint' }, controller: { kind: 'literal', value: int(i.hi) }, span };
    if (above) return { kind: 'control', op: 'ge', target: { kind: 'prim', prim: 'bigint' }, controller: { kind: 'literal', value: int(i.lo) }, span };
    return i.lo === i.hi ? { kind: 'literal', value: int(i.lo) } : { kind: 'range', min: int(i.lo), max: int(i.hi), inclusive: true };
  });
  return options.length === 1 ? (options[0] as IrType) : { kind: 'choice', options };
}

function same(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x.lo === b[i]?.lo && x.hi === b[i]?.hi);
}
