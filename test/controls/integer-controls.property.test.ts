/**
 * The integer controls (RFC 8610 §3.8.1, §3.8.2, §3.8.6, RFC 9165 §2.1) against brute force: random systems of rules
 * over small integer ranges, with `.lt .le .gt .ge .eq .ne .size .bits .and .within .plus` whose controllers are
 * ranges, choices, other controls and rules (each other's, and their own), are compared value by value with the sets
 * their definitions give, computed by iterating from nothing. A controller of several values is their union: a value
 * meets `.lt`, `.eq`, `.size` where it meets it with one of them, `.ne` where it equals none, `.bits` where each bit
 * it sets is one of them. The general matcher (which every rule's guard and encoder agree with, and the typed
 * decoders, test/language/types-differential.test.ts) must take exactly those values; the typed decoders of some
 * systems are checked too. This found `int .lt (1 / 5)` taking nothing and `.size (0 / 2)` refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileIr, isSchemaError } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { stronglyConnected } from '../../generator/strongly-connected.js';
import { explain } from '../../templates/matcher.js';
import { load } from '../bounded/module.js';
import { decodes } from '../support/errors.js';

/** Every value of these rules lies within ±SPAN; targets are ranges within ±TARGETS. */
const TARGETS = 12;
const SPAN = 3 * TARGETS;

type Op = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'size' | 'bits' | 'and' | 'within' | 'plus';
type Expr = { int: number } | { range: [number, number, boolean] } | { rule: number } | { choice: [Expr, Expr] } | { control: [Op, Expr, Expr] };

const bound = fc.integer({ min: -TARGETS, max: TARGETS });
const range = fc.tuple(bound, bound, fc.boolean()).map(([a, b, inclusive]): Expr => ({ range: [Math.min(a, b), Math.max(a, b), inclusive] }));

const expr = (rules: number): fc.Arbitrary<Expr> =>
  fc.letrec<{ e: Expr; controller: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      bound.map((int): Expr => ({ int })),
      range,
      fc.nat(rules - 1).map((rule): Expr => ({ rule })),
      fc.tuple(tie('e'), tie('e')).map(([a, b]): Expr => ({ choice: [a, b] })),
      fc
        .tuple(fc.constantFrom<Op>('lt', 'le', 'gt', 'ge', 'eq', 'ne', 'size', 'bits', 'and', 'within', 'plus'), range, tie('controller'))
        // .bits takes unsigned integers; .plus only a small target, so that sums stay within ±SPAN.
        .map(([op, target, controller]): Expr => ({ control: [op, op === 'bits' ? unsigned(target) : op === 'plus' ? small(target) : target, controller] })),
    ),
    // Mostly a rule, so that rules need each other's values.
    controller: fc.oneof({ arbitrary: fc.nat(rules - 1).map((rule): Expr => ({ rule })), weight: 2 }, { arbitrary: tie('e'), weight: 2 }),
  })).e;

function unsigned(e: Expr): Expr {
  return 'range' in e ? { range: [Math.abs(e.range[0]) % TARGETS, TARGETS, e.range[2]] } : e;
}

function small(e: Expr): Expr {
  return 'range' in e ? { range: [Math.max(e.range[0], -2), Math.min(e.range[1], 2), e.range[2]] } : e;
}

const cddl = (e: Expr): string => {
  if ('int' in e) return `${e.int}`;
  if ('range' in e) return `(${e.range[0]} ${e.range[2] ? '..' : '...'} ${e.range[1]})`;
  if ('rule' in e) return `r${e.rule}`;
  if ('choice' in e) return `(${cddl(e.choice[0])} / ${cddl(e.choice[1])})`;
  return `(${cddl(e.control[1])} .${e.control[0]} ${cddl(e.control[2])})`;
};

/** The integers of an option, the rules standing for `env`; null where a sum leaves ±SPAN (drawn again). */
function values(e: Expr, env: readonly Set<number>[]): Set<number> {
  if ('int' in e) return new Set([e.int]);
  if ('range' in e) {
    const [lo, hi, inclusive] = e.range;
    return new Set(Array.from({ length: Math.max(0, hi - lo + (inclusive ? 1 : 0)) }, (_, i) => lo + i));
  }
  if ('rule' in e) return env[e.rule] as Set<number>;
  if ('choice' in e) return new Set([...values(e.choice[0], env), ...values(e.choice[1], env)]);
  const [op, targetExpr, controllerExpr] = e.control;
  const target = [...values(targetExpr, env)];
  const cs = [...values(controllerExpr, env)];
  const some = (test: (v: number, c: number) => boolean) => new Set(target.filter((v) => cs.some((c) => test(v, c))));
  switch (op) {
    case 'lt':
      return some((v, c) => v < c);
    case 'le':
      return some((v, c) => v <= c);
    case 'gt':
      return some((v, c) => v > c);
    case 'ge':
      return some((v, c) => v >= c);
    case 'eq':
    case 'and':
    case 'within':
      return some((v, c) => v === c);
    case 'ne':
      return new Set(target.filter((v) => !cs.includes(v)));
    case 'size':
      // The head's argument fits in c bytes (RFC 8610 §3.8.1): 0 and -1 in none; all of these in one.
      return some((v, c) => c >= 1 || (c === 0 && (v === 0 || v === -1)));
    case 'bits':
      return new Set(target.filter((v) => [...v.toString(2)].reverse().every((bit, i) => bit === '0' || cs.includes(i))));
    case 'plus':
      return new Set(target.flatMap((v) => cs.map((c) => v + c)));
  }
}

/** The rules an option names. */
function named(e: Expr): number[] {
  if ('rule' in e) return [e.rule];
  if ('choice' in e) return [...named(e.choice[0]), ...named(e.choice[1])];
  return 'control' in e ? [...named(e.control[1]), ...named(e.control[2])] : [];
}

/**
 * The least solution by brute force: each rule's integers, iterated from none, one group of rules that name each other
 * at a time, after the groups they name (`.ne` is not monotone: its controller must be final before it is read);
 * null where it does not settle or leaves ±SPAN.
 */
function leastSolution(system: readonly Expr[]): Set<number>[] | null {
  const env = system.map(() => new Set<number>());
  const components = stronglyConnected(system.map((_, i) => `${i}`), (n) => named(system[Number(n)] as Expr).map(String));
  for (const component of components) {
    const members = component.map(Number);
    for (let round = 0; ; round++) {
      if (round === 200) return null;
      const next = members.map((i) => values(system[i] as Expr, env));
      if (next.some((s) => [...s].some((v) => Math.abs(v) > SPAN))) return null;
      const settled = next.every((s, k) => s.size === (env[members[k] as number] as Set<number>).size);
      members.forEach((i, k) => (env[i] = next[k] as Set<number>));
      if (settled) break;
    }
  }
  return env;
}

/** Whether rules that name each other have a .plus, .ne or .bits among them. */
function cycleThroughUnhandled(system: readonly Expr[]): boolean {
  const successors = (n: string) => named(system[Number(n)] as Expr).map(String);
  return stronglyConnected(system.map((_, i) => `${i}`), successors).some(
    (c) => (c.length > 1 || successors(c[0] as string).includes(c[0] as string)) && c.some((n) => /\.(plus|ne|bits) /.test(cddl(system[Number(n)] as Expr))),
  );
}

interface Drawn {
  text: string;
  solution: Set<number>[];
}

/** A system the generator takes, with its least solution; null where it is refused, as a cycle not handled yet may be. */
function draw(system: readonly Expr[], refused: string[]): Drawn | null {
  const text = `${system.map((e, i) => `r${i} = ${cddl(e)}`).join('\n')}\n`;
  try {
    compile([{ path: 'x.cddl', text }]);
  } catch (error) {
    // `r0 = r0` never reaches a data item (ir/cycles.ts); a cycle through .plus, .ne or .bits is not handled yet.
    if (isSchemaError(error) && /never reaches a data item|never ends/.test(error.message)) return null;
    // A negative bit position is refused as invalid CDDL (RFC 8610 §3.8.2: positions are unsigned).
    if (isSchemaError(error) && /\.bits other than on an unsigned integer or a byte string with unsigned bit positions/.test(error.message)) return null;
    // A cycle through .plus, .ne or .bits that ir/controller-cycles.ts leaves (adding without end, not monotone, too
    // many ranges on the way) is refused as not handled yet, with the cycle named or the operand the layouts refuse.
    if (isSchemaError(error) && error.kind === 'unsupported' && cycleThroughUnhandled(system)) {
      refused.push(text);
      return null;
    }
    throw error;
  }
  const solution = leastSolution(system);
  // Sums beyond ±SPAN (.plus through a cycle is refused anyway) are not brute-forced.
  return solution === null ? null : { text, solution };
}

/** A small integer as CBOR, in its shortest head. */
function encodeInt(v: number): Uint8Array {
  const [major, n] = v >= 0 ? [0x00, v] : [0x20, -1 - v];
  return Uint8Array.from(n < 24 ? [major + n] : [major + 24, n]);
}

const systems = fc.integer({ min: 1, max: 3 }).chain((n) => fc.array(expr(n), { minLength: n, maxLength: n }));

describe('integer controls against brute force', () => {
  it('the general matcher takes exactly the least solution of each rule', () => {
    const refused: string[] = [];
    let checked = 0;
    fc.assert(
      fc.property(systems, (system) => {
        const drawn = draw(system, refused);
        if (drawn === null) return;
        checked++;
        const program = lowerProgram(compileIr([{ path: 'x.cddl', text: drawn.text }]), system.map((_, i) => `r${i}`));
        for (const [i, solution] of drawn.solution.entries()) {
          for (let v = -SPAN - 2; v <= SPAN + 2; v++) {
            expect(explain(program, `r${i}`, v) === null, `r${i} with ${v} of\n${drawn.text}`).toBe(solution.has(v));
          }
        }
      }),
      { numRuns: 500, seed: 20261207 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it('the typed decoders take exactly the least solution of each rule', async () => {
    const refused: string[] = [];
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(systems, async (system) => {
        const drawn = draw(system, refused);
        if (drawn === null) return;
        checked++;
        const { module } = await load<string>(`integer-controls-${checked}`, drawn.text);
        for (const [i, solution] of drawn.solution.entries()) {
          const decode = module[`decodeR${i}`] as (bytes: Uint8Array) => unknown;
          for (let v = -SPAN - 2; v <= SPAN + 2; v++) {
            expect(decodes(decode, encodeInt(v)), `r${i} with ${v} of\n${drawn.text}`).toBe(solution.has(v));
          }
        }
      }),
      { numRuns: 40, seed: 20261208 },
    );
    expect(checked).toBeGreaterThan(20);
  });
});
