/**
 * Rules that refer to themselves before any array, map or tag (generator/ir/least-solutions.ts,
 * cycles.ts): each generates as its least solution. Checked against the definition of a least
 * solution itself: on random systems of such rules over a small universe of integers, the solution
 * the generator writes, read as a set, is the least fixed point that iterating the rules from
 * nothing reaches. Then end to end: the module decodes what the solution matches and nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { leastSolutions, UNFOLDING_LIMIT, UnfoldingTooLarge } from '../../generator/ir/least-solutions.js';
import { printType } from '../../generator/ir/print.js';
import type { IrType } from '../../generator/ir/types.js';
import { decodeError, load } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const UNIVERSE = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const SPAN = { file: 'x.cddl', line: 1, col: 1 };

const ref = (rule: string): IrType => ({ kind: 'ref', rule });
const int = (value: number): IrType => ({ kind: 'literal', value: { type: 'int', value: String(value) } });
const choice = (...options: IrType[]): IrType => ({ kind: 'choice', options });
const control = (op: string, target: IrType, controller: IrType): IrType => ({ kind: 'control', op, target, controller, span: SPAN });

/** The integers of UNIVERSE a type matches, its references read through `env`. */
function valuesOf(type: IrType, env: ReadonlyMap<string, ReadonlySet<number>>): Set<number> {
  switch (type.kind) {
    case 'ref':
      return new Set(env.get(type.rule) ?? []);
    case 'literal':
      return new Set([Number(type.value.type === 'int' ? type.value.value : NaN)]);
    case 'range':
      return new Set(UNIVERSE.filter((v) => v >= Number((type.min as { value: string }).value) && v <= Number((type.max as { value: string }).value)));
    case 'choice':
      return new Set(type.options.flatMap((o) => [...valuesOf(o, env)]));
    case 'enum':
      return new Set(type.values.flatMap((v) => [...valuesOf(v.type, env)]));
    case 'control': {
      const target = valuesOf(type.target, env);
      if (type.op === 'and' || type.op === 'within') {
        const controller = valuesOf(type.controller, env);
        return new Set([...target].filter((v) => controller.has(v)));
      }
      const bound = Number((type.controller as { value: { value: string } }).value.value);
      if (type.op === 'ne') return new Set([...target].filter((v) => v !== bound));
      if (type.op === 'lt') return new Set([...target].filter((v) => v < bound));
      throw new Error(`no reading of .${type.op} here`);
    }
    default:
      throw new Error(`no reading of ${type.kind} here`);
  }
}

/** The least fixed point of the rules, by iterating them from nothing (Kleene). */
function leastFixedPoint(definitions: ReadonlyMap<string, IrType>): Map<string, Set<number>> {
  let env = new Map([...definitions.keys()].map((name) => [name, new Set<number>()]));
  for (;;) {
    const next = new Map([...definitions].map(([name, type]) => [name, valuesOf(type, env)]));
    if ([...next].every(([name, values]) => values.size === (env.get(name) as Set<number>).size)) return next;
    env = next;
  }
}

/** A random system of rules r0…r(n-1): choices, intersections, controls and enumerations of each other and of small integers. */
const systems = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `r${i}`);
  const { expr } = fc.letrec<{ expr: IrType }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...names).map(ref),
      fc.integer({ min: 0, max: 7 }).map(int),
      fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })).map(([a, b]): IrType => ({ kind: 'range', min: { type: 'int', value: String(Math.min(a, b)) }, max: { type: 'int', value: String(Math.max(a, b)) }, inclusive: true })),
      fc.array(tie('expr'), { minLength: 2, maxLength: 4 }).map((options) => choice(...options)),
      fc.tuple(fc.constantFrom('and', 'within'), tie('expr'), tie('expr')).map(([op, a, b]) => control(op, a, b)),
      fc.tuple(fc.constantFrom('ne', 'lt'), tie('expr'), fc.integer({ min: 0, max: 7 })).map(([op, a, b]) => control(op, a, int(b))),
      fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((types): IrType => ({ kind: 'enum', values: types.map((type, i) => ({ name: `v${i}`, type, doc: null, span: SPAN })) })),
    ),
  }));
  return fc.array(expr, { minLength: n, maxLength: n }).map((types) => new Map(names.map((name, i) => [name, types[i] as IrType])));
});

describe('the least solution of rules that refer to themselves before any data item', () => {
  it('is what iterating the rules from nothing reaches, on 3,000 random systems of choices, intersections, controls and enumerations', () => {
    fc.assert(
      fc.property(systems, (definitions) => {
        const expected = leastFixedPoint(definitions);
        const solved = leastSolutions(definitions);
        // A solution is a type without the system's names, or one of them whose solution is such a type (rules that
        // are options of each other share one).
        const own = new Map([...solved].flatMap(([name, t]) => (t === null || t.kind === 'ref' ? [] : [[name, valuesOf(t, new Map())] as const])));
        for (const [name, solution] of solved) {
          if (solution?.kind === 'ref') expect(own.has(solution.rule), `${name} refers to ${solution.rule}`).toBe(true);
          else if (solution !== null) expect(printType(solution)).not.toMatch(/\br\d\b/);
          const got = solution === null ? new Set<number>() : valuesOf(solution, own);
          expect([...got].sort(), `${name} of ${[...definitions].map(([n, t]) => `${n} = ${printType(t)}`).join('; ')}`).toEqual([...(expected.get(name) as Set<number>)].sort());
        }
      }),
      { numRuns: 3000, seed: 8610 },
    );
  });

  it('keeps the order of the options as written, each rule unfolded where it is first an option; rules that are options of each other share it', () => {
    const solved = leastSolutions(new Map([['x', choice(ref('y'), int(1))], ['y', choice(ref('x'), int(2), ref('y'))], ['z', control('ne', choice(ref('y'), int(3)), int(2))]]));
    expect(printType(solved.get('x') as IrType)).toBe('2 / 1');
    expect(printType(solved.get('y') as IrType)).toBe('x');
    // z is not an option of x or y: its own, with y's unfolded inside (y's options first, then x's within them).
    expect(printType(solved.get('z') as IrType)).toBe('(1 / 2 / 3) .ne 2');
  });

  it('is linear for rules that are each other\'s options, and bounded behind controls', () => {
    // 200 rules, each an option of all the others: every rule unfolds each other once.
    const names = Array.from({ length: 200 }, (_, i) => `r${i}`);
    const all = new Map(names.map((name, i) => [name, choice(...names.map(ref), int(i % 8))]));
    const r0 = leastSolutions(all).get('r0') as IrType;
    // Each rule's own option once, unfolded where first reached: r1 inside r0, r2 inside r1, …, so r199's comes first.
    expect(r0.kind === 'choice' && r0.options.map((o) => printType(o))).toEqual(names.map((_, i) => String(i % 8)).reverse());
    // Seven behind a control: each way through them is unfolded, past the limit.
    const seven = names.slice(0, 7);
    const controlled = new Map(seven.map((name) => [name, control('ne', choice(...seven.map(ref), int(1)), int(3))]));
    expect(() => leastSolutions(controlled)).toThrow(UnfoldingTooLarge);
    expect(() => leastSolutions(controlled)).toThrow(`the least solution of 'r0' has more than ${UNFOLDING_LIMIT} nodes`);
    // Six generate.
    const six = new Map(seven.slice(0, 6).map((name) => [name, control('ne', choice(...seven.slice(0, 6).map(ref), int(1)), int(3))]));
    expect([...leastSolutions(six).values()].every((t) => t !== null && valuesOf(t, new Map()).has(1))).toBe(true);
  });
});

describe('generated from a schema', () => {
  it('gives each rule of the cycle its solution as its type, with a warning naming the cycle', () => {
    const warnings: string[] = [];
    const ir = compileIr([{ path: 'x.cddl', text: 'x = y / uint\ny = x / tstr\nz = (uint / z) .size 1\n' }]);
    expect(ir.rules.map((r) => `${r.name} = ${printType(r.type as IrType)}`)).toEqual(['x = tstr / uint', 'y = x', 'z = uint .size 1']);
    compile([{ path: 'x.cddl', text: 'x = y / uint\ny = x / tstr\n' }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([
      expect.stringContaining("'x' refers to itself before any array, map or tag (x → y → x): it generates as its least solution, what it matches without coming back to itself: tstr / uint"),
      expect.stringContaining("'y' refers to itself before any array, map or tag (y → x → y): it generates as its least solution, what it matches without coming back to itself: x"),
    ]);
  });

  it('decodes what the solution matches, writes it back, and rejects the rest', async () => {
    const { module } = await load<'X' | 'E'>('least-solutions', 'x = y / uint / [* x]\ny = x / tstr\ne = &(a: f)\nf = e / 1 / 2\n');
    for (const bytes of ['05', '6161', '82 05 6161', '80']) {
      const value = module.decodeX(hex(bytes));
      expect(module.isX(value)).toBe(true);
      expect(toHex(module.encodeX(value) as Uint8Array)).toBe(toHex(hex(bytes)));
    }
    expect(decodeError(() => module.decodeX(hex('f5')))).toBe('(root) at byte 0: expected a text string or an unsigned integer or [* x], got true');
    expect(module.decodeE(hex('02'))).toBe(2);
    expect(decodeError(() => module.decodeE(hex('03')))).toBe('(root) at byte 0: expected an integer in 1..2, got 3');
  });
});
